"""Who may see and cancel an order: its owner, a signed link, staff who manage it — nobody else."""

from __future__ import annotations

from app.core.extensions import db
from app.orders.links import order_token
from tests import factories
from tests.orders.factories import place, reload, stocked_variant


def setup_order(app, owner=None, **kwargs):
    rau, shop = stocked_variant()
    db.session.commit()
    with app.test_request_context():
        return place((rau, 1), user=owner, outlet_obj=shop, **kwargs)


def test_a_shopper_sees_her_own_order_and_not_another(app, client, auth):
    lan = factories.user(email="lan@example.vn")
    factories.user(email="mai@example.vn")
    order = setup_order(app, owner=lan)
    auth.login("lan@example.vn")
    page = client.get(f"/don-hang/{order.number}").get_data(as_text=True)
    assert order.number in page and order.shipments[0].pickup_code in page
    assert order.number in client.get("/don-hang").get_data(as_text=True)
    auth.logout()
    auth.login("mai@example.vn")
    assert client.get(f"/don-hang/{order.number}").status_code == 404
    assert order.number not in client.get("/don-hang").get_data(as_text=True)
    assert client.post(f"/don-hang/{order.number}/huy").status_code == 404
    assert reload(order).status == "confirmed"


def test_a_guest_needs_the_signed_link(app, client):
    order = setup_order(app)
    assert client.get(f"/don-hang/{order.number}").status_code == 404
    assert client.get(f"/don-hang/{order.number}?k=forged").status_code == 404
    with app.test_request_context():
        token = order_token(order)
    assert client.get(f"/don-hang/{order.number}?k={token}").status_code == 200
    other = setup_order(app)
    assert client.get(f"/don-hang/{other.number}?k={token}").status_code == 404


def test_an_unknown_order_number_is_not_found(client):
    assert client.get("/don-hang/PN-26-999999").status_code == 404


def test_a_guest_cancels_with_the_signed_link_until_preparing(app, client):
    order = setup_order(app)
    with app.test_request_context():
        token = order_token(order)
    page = client.post(f"/don-hang/{order.number}/huy", data={"k": token}, follow_redirects=True)
    assert "Đơn hàng của bạn đã được hủy." in page.get_data(as_text=True)
    assert reload(order).status == "cancelled"


def test_the_shopper_cannot_cancel_once_preparing_started(app, client, auth):
    lan = factories.user(email="lan@example.vn")
    order = setup_order(app, owner=lan)
    clerk = factories.user(role="outlet")
    from app.outlets.models import OutletStaff

    db.session.add(OutletStaff(outlet_id=order.shipments[0].outlet_id, user_id=clerk.id))
    db.session.commit()
    from app.orders import fulfilment

    with app.test_request_context():
        fulfilment.advance(
            shipment_id=order.shipments[0].id, outlet_id=order.shipments[0].outlet_id, target="preparing",
            actor_id=clerk.id,
        )  # fmt: skip
    auth.login("lan@example.vn")
    response = client.post(f"/don-hang/{order.number}/huy")
    assert response.status_code == 409
    assert "Cửa hàng đã bắt đầu chuẩn bị đơn này" in response.get_data(as_text=True)
    assert reload(order).status == "preparing"


def test_union_staff_see_any_order_without_its_code_and_cancel_it_with_a_reason(app, client, auth):
    factories.user(email="canbo@example.vn", role="staff")
    order = setup_order(app)
    auth.login("canbo@example.vn")
    page = client.get(f"/don-hang/{order.number}").get_data(as_text=True)
    assert order.number in page and order.shipments[0].pickup_code not in page
    page = client.post(f"/don-hang/{order.number}/huy-boi-can-bo", data={"reason": "x"}, follow_redirects=True)
    assert reload(order).status == "confirmed"
    client.post(f"/don-hang/{order.number}/huy-boi-can-bo", data={"reason": "Người mua báo hủy qua điện thoại"})
    assert reload(order).status == "cancelled"


def test_emails_follow_the_shoppers_language_and_the_way_she_receives(app, outbox):
    order = setup_order(app, locale="en")
    assert outbox[-1]["Subject"] == f"Order {order.number} received"
    assert "ready to pick up" in outbox[-1].get_content()
    setup_order(app, locale="vi", fulfilment="delivery")
    assert "khi hàng được giao đi" in outbox[-1].get_content()
