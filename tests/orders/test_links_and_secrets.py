"""Signed order links go to the shopper only, expire after the order closes, and guest checkout details
stay on the server (the cookie carries a key, not her name, phone, email or address)."""

from __future__ import annotations

import base64
import json
import re
import zlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.orders.links import order_token
from app.orders.models import CheckoutDraft
from tests import factories
from tests.orders.factories import reload
from tests.orders.test_checkout import CONTACT, fill_cart, place, review_form
from tests.orders.test_order_page import setup_order


def session_cookie_text(client) -> str:
    """What anyone holding the browser's cookie can read from Flask's signed (not encrypted) session."""
    raw = client.get_cookie("session").value
    compressed = raw.startswith(".")
    payload = raw.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return (zlib.decompress(data) if compressed else data).decode("utf-8")


@pytest.fixture
def outlet_clerk(app):
    def make(order):
        clerk = factories.user(email="cuahang@example.vn", role="outlet")
        from app.outlets.models import OutletStaff

        db.session.add(OutletStaff(outlet_id=order.shipments[0].outlet_id, user_id=clerk.id))
        db.session.commit()
        return clerk

    return make


@pytest.mark.parametrize("who", ["outlet", "staff"])
def test_staff_posting_the_shoppers_cancel_never_get_the_signed_link(app, client, auth, outlet_clerk, who):
    order = setup_order(app)  # a guest's order: only her signed link opens it
    if who == "outlet":
        outlet_clerk(order)
        auth.login("cuahang@example.vn")
    else:
        factories.user(email="canbo@example.vn", role="staff")
        db.session.commit()
        auth.login("canbo@example.vn")
    response = client.post(f"/don-hang/{order.number}/huy")
    assert response.status_code == 404
    assert "k=" not in response.headers.get("Location", "") and "k=" not in response.get_data(as_text=True)
    page = client.get(f"/don-hang/{order.number}").get_data(as_text=True)
    assert "k=" not in page and order.shipments[0].pickup_code not in page
    assert reload(order).status == "confirmed"


def test_staff_cancel_only_through_the_audited_staff_action(app, client, auth, outlet_clerk):
    order = setup_order(app)
    outlet_clerk(order)
    auth.login("cuahang@example.vn")
    response = client.post(f"/don-hang/{order.number}/huy-boi-can-bo", data={"reason": "Khách gọi điện báo hủy"})
    assert "k=" not in response.headers["Location"]
    assert reload(order).status == "cancelled"
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.subject_id == order.id)) == "order.cancel"


def test_the_guest_cancelling_goes_back_with_her_own_link_not_a_new_one(app, client):
    order = setup_order(app)
    with app.test_request_context():
        token = order_token(order)
    response = client.post(f"/don-hang/{order.number}/huy", data={"k": token})
    assert response.headers["Location"] == f"/don-hang/{order.number}?k={token}"
    assert reload(order).status == "cancelled"


def test_a_signed_order_page_sends_no_referrer(app, client):
    order = setup_order(app)
    with app.test_request_context():
        token = order_token(order)
    assert client.get(f"/don-hang/{order.number}?k={token}").headers["Referrer-Policy"] == "no-referrer"


def test_a_guest_link_opens_until_ninety_days_after_the_order_closed(app, client):
    order = setup_order(app)
    with app.test_request_context():
        token = order_token(order)
    client.post(f"/don-hang/{order.number}/huy", data={"k": token})
    closed = reload(order)
    assert closed.status == "cancelled" and closed.closed_at is not None
    assert client.get(f"/don-hang/{order.number}?k={token}").status_code == 200
    closed.closed_at = closed.closed_at - timedelta(days=app.config["ORDER_LINK_DAYS_AFTER_CLOSE"] - 1)
    db.session.commit()
    assert client.get(f"/don-hang/{order.number}?k={token}").status_code == 200
    closed.closed_at = closed.closed_at - timedelta(days=2)
    db.session.commit()
    assert client.get(f"/don-hang/{order.number}?k={token}").status_code == 404


def test_an_open_order_link_never_expires(app, client):
    order = setup_order(app)
    order.created_at = order.created_at - timedelta(days=400)
    db.session.commit()
    with app.test_request_context():
        token = order_token(order)
    assert client.get(f"/don-hang/{order.number}?k={token}").status_code == 200


def test_guest_checkout_details_are_not_in_the_cookie(client):
    from tests.orders.factories import stocked_variant

    rau, shop = stocked_variant(quantity=5)
    db.session.commit()
    fill_cart(client, (rau, 1))
    response = client.post(
        "/thanh-toan", data={**CONTACT, "fulfilment": "pickup", "payment_method": "cash", "pickup_outlet_id": shop.id}
    )
    assert response.headers["Location"] == "/thanh-toan/xem-lai"
    cookie = session_cookie_text(client)
    for secret in ("Lan", "0912", "lan@example.vn", "example"):
        assert secret not in cookie
    assert db.session.scalar(select(func.count()).select_from(CheckoutDraft)) == 1
    form = review_form(client)
    assert "Nguyễn Thị Lan" in form["page"]  # the review still shows them, read from the server
    place(client, form)
    assert db.session.scalar(select(func.count()).select_from(CheckoutDraft)) == 0
    assert json.dumps(CONTACT["contact_email"]) not in session_cookie_text(client)


def test_an_old_cookie_with_details_inside_is_ignored(client):
    with client.session_transaction() as sess:
        sess["checkout"] = {**CONTACT, "fulfilment": "pickup"}
    assert client.get("/thanh-toan/xem-lai").headers["Location"] in ("/thanh-toan", "/gio-hang")


def test_drafts_older_than_a_day_are_swept(client, app):
    from app.core.timeutil import utcnow

    db.session.add(CheckoutDraft(key="old", data={"contact_name": "x"}, created_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    with app.test_request_context() as ctx:
        from app.orders import drafts

        drafts.save_details(ctx.session, {"contact_name": "y"})
        assert re.fullmatch(r"[\w-]{40,}", ctx.session["checkout"])
    assert db.session.scalars(select(CheckoutDraft.key)).all() == [ctx.session["checkout"]]


def test_the_payment_link_expires_with_the_order_link(app, client):
    from app.core.timeutil import utcnow
    from app.payments import services as payments

    order = setup_order(app)
    url = f"/don-hang/{order.number}/thanh-toan?t={payments.access_token(order.number)}"
    page = client.get(url)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    order.status, order.closed_at = (
        "completed",
        utcnow() - timedelta(days=app.config["ORDER_LINK_DAYS_AFTER_CLOSE"] + 1),
    )
    db.session.commit()
    assert client.get(url).status_code == 404
