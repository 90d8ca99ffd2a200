"""The outlet dashboard: only this outlet's shipments, next steps, hand-over with the code or cash."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.outlets.models import StockRecord
from tests import factories
from tests.orders.factories import place, reload, stocked_variant


def outlet_with_order(app, *, email="cuahang@example.vn", **kwargs):
    clerk = factories.user(email=email, role="outlet")
    shop = factories.outlet(staff=clerk, name=f"Cửa hàng của {email}")
    rau, _ = stocked_variant(outlet_obj=shop, name="Rau muống")
    db.session.commit()
    with app.test_request_context():
        order = place((rau, 2), outlet_obj=shop, **kwargs)
    return clerk, shop, order


def test_outlet_staff_see_their_shipments_with_counts(app, client, auth):
    _clerk, _shop, order = outlet_with_order(app)
    _other_clerk, _other_shop, other = outlet_with_order(app, email="khac@example.vn")
    auth.login("cuahang@example.vn")
    page = client.get("/cua-hang-ban").get_data(as_text=True)
    assert order.number in page and other.number not in page
    assert 'Đã xác nhận <span class="count">1</span>' in page
    assert client.get(f"/cua-hang-ban/giao-hang/{other.shipments[0].id}").status_code == 404
    assert client.get(f"/cua-hang-ban/giao-hang/{other.shipments[0].id}/phieu").status_code == 404
    slip = client.get(f"/cua-hang-ban/giao-hang/{order.shipments[0].id}/phieu").get_data(as_text=True)
    assert "Rau muống" in slip and "50.000" in slip


def test_shoppers_cannot_open_the_dashboard(client, auth):
    factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    assert client.get("/cua-hang-ban").status_code == 403


def test_a_shipment_moves_step_by_step_and_hand_over_needs_the_code_and_cash(app, client, auth, outbox):
    _clerk, _shop, order = outlet_with_order(app)
    shipment_id = order.shipments[0].id
    auth.login("cuahang@example.vn")
    base = f"/cua-hang-ban/giao-hang/{shipment_id}"
    skipped = client.post(f"{base}/chuyen", data={"target": "ready_for_pickup"}, follow_redirects=True)
    assert "chưa thể chuyển sang bước đó" in skipped.get_data(as_text=True)
    client.post(f"{base}/chuyen", data={"target": "preparing"})
    client.post(f"{base}/chuyen", data={"target": "ready_for_pickup"})
    assert reload(order).status == "ready_for_pickup"
    assert order.shipments[0].pickup_code in outbox[-1].get_content()
    wrong_code = "000000" if order.shipments[0].pickup_code != "000000" else "111111"
    wrong = client.post(
        f"{base}/ban-giao", data={"pickup_code": wrong_code, "cash_confirmed": "y"}, follow_redirects=True
    )
    assert wrong.status_code == 400
    assert re.search(r'id="pickup_code-error">Mã nhận hàng không đúng', wrong.get_data(as_text=True))
    no_cash = client.post(f"{base}/ban-giao", data={"pickup_code": order.shipments[0].pickup_code},
                          follow_redirects=True)  # fmt: skip
    assert 'id="cash_confirmed-error">Hãy xác nhận bạn đã nhận đủ tiền mặt.' in no_cash.get_data(as_text=True)
    assert reload(order).status == "ready_for_pickup"
    assert db.session.scalar(select(StockRecord.on_hand)) == 10
    client.post(f"{base}/ban-giao", data={"pickup_code": order.shipments[0].pickup_code, "cash_confirmed": "y"})
    order = reload(order)
    assert order.status == "completed" and order.shipments[0].cash_received_vnd == 50000
    record = db.session.scalar(select(StockRecord))
    assert (record.on_hand, record.reserved) == (8, 0)
    assert "đã được nhận" in outbox[-1]["Subject"]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == [
        "shipment.preparing",
        "shipment.ready_for_pickup",
        "shipment.pickup_code_tried",  # the wrong code
        "shipment.pickup_code_tried",  # the right one
        "shipment.handed_over",
    ]


def test_a_prepaid_delivery_is_handed_over_with_the_code_only(app, client, auth):
    app.config["VIETQR_ACCOUNT_NO"] = "1017686868"
    _clerk, _shop, order = outlet_with_order(app, fulfilment="delivery", payment="vietqr")
    from app.orders.services import apply_payment_confirmed

    with app.test_request_context():
        apply_payment_confirmed(order=order)
        db.session.commit()
    auth.login("cuahang@example.vn")
    base = f"/cua-hang-ban/giao-hang/{order.shipments[0].id}"
    client.post(f"{base}/chuyen", data={"target": "preparing"})
    client.post(f"{base}/chuyen", data={"target": "out_for_delivery"})
    client.post(f"{base}/ban-giao", data={"pickup_code": ""})
    assert reload(order).status == "out_for_delivery"
    client.post(f"{base}/ban-giao", data={"pickup_code": order.shipments[0].pickup_code})
    order = reload(order)
    assert order.status == "completed" and order.shipments[0].cash_received_vnd is None
