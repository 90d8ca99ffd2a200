"""Each payment method end to end, through the real checkout, outlet hand-over and payment pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.orders import fulfilment
from app.orders.links import order_token
from app.orders.models import Order
from app.outlets import stock
from app.outlets.models import StockRecord
from app.payments import reconciliation, refunds, reports
from app.payments.models import Payment
from tests import factories
from tests.payments.conftest import session_event

CONTACT = {"contact_name": "Nguyễn Thị Lan", "contact_phone": "0912 345 678", "contact_email": "lan@example.vn"}


@pytest.fixture
def shop(app):
    """An outlet with its staff member and 10 jars of bird's nest at 450.000 đ."""
    worker = factories.user(email="cuahang@example.vn", role="outlet")
    outlet = factories.outlet(name="Cửa hàng Đồng Xoài", staff=worker)
    variant = factories.product(name="Yến sào hộp 100 g", price=450000).variants[0]
    factories.stock(variant=variant, outlet_obj=outlet, on_hand=10)
    clerk = factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    return {"outlet": outlet, "variant": variant, "worker": worker, "clerk": clerk}


def checkout(client, shop, method: str, quantity: int = 2):
    """Cart → details → review → place, as a guest; returns the order and where the shopper was sent."""
    client.post("/gio-hang/them", data={"variant_id": shop["variant"].id, "quantity": quantity})
    details = {**CONTACT, "fulfilment": "pickup", "pickup_outlet_id": shop["outlet"].id, "payment_method": method,
               "province_code": 75, "ward_code": 0}  # fmt: skip
    assert client.post("/thanh-toan", data=details).status_code == 302
    page = client.get("/thanh-toan/xem-lai").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', page).group(1)
    total = re.search(r'name="expected_total" type="hidden" value="(\d+)"', page).group(1)
    response = client.post("/thanh-toan/dat-hang", data={"idempotency_key": key, "expected_total": total})
    order = db.session.scalar(select(Order).order_by(Order.id.desc()))
    return order, response.headers["Location"]


def hand_over(shop, order) -> None:
    """The outlet prepares the order, has it ready, and hands it over (cash taken if cash)."""
    shipment = order.shipments[0]
    args = {"shipment_id": shipment.id, "outlet_id": shop["outlet"].id, "actor_id": shop["worker"].id}
    fulfilment.advance(**args, target="preparing")
    fulfilment.advance(**args, target="ready_for_pickup")
    fulfilment.hand_over(**args, pickup_code=shipment.pickup_code, cash_confirmed=True)


def payment_of(order) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def reserved() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.sum(StockRecord.reserved)))


def today() -> date:
    return reports.day_of(utcnow())


def test_checkout_offers_the_configured_methods(client, shop, fake_stripe, app):
    client.post("/gio-hang/them", data={"variant_id": shop["variant"].id, "quantity": 1})
    page = client.get("/thanh-toan").get_data(as_text=True)
    for label in ("Tiền mặt khi nhận hàng", "Chuyển khoản ngân hàng bằng mã VietQR", "Thẻ (Visa, Mastercard, JCB)"):
        assert label in page
    app.config.update(STRIPE_WEBHOOK_SECRET=None)
    assert "Thẻ (Visa" not in client.get("/thanh-toan").get_data(as_text=True)


def test_vietqr_from_checkout_to_statement_to_settlement_and_refund(client, shop):
    order, went_to = checkout(client, shop, "vietqr")
    assert went_to.startswith(f"/don-hang/{order.number}/thanh-toan?t=")
    page = client.get(went_to).get_data(as_text=True)
    assert "900.000" in page and order.number in page and 'class="vietqr-code"' in page
    assert (order.status, payment_of(order).status, reserved()) == ("awaiting_payment", "pending", 2)

    bank_text = order.number.replace("-", "")  # banks often drop the dashes
    statement = (
        f'Ngày giao dịch,Số tiền ghi có,Nội dung\n{today():%d/%m/%Y},"900.000",IBFT {bank_text} NGUYEN THI LAN\n'
    )
    record = reconciliation.import_statement(filename="vcb.csv", raw=statement.encode(), actor_id=shop["clerk"].id)
    assert record.applied == 1
    db.session.refresh(order)
    assert order.status == "confirmed"
    assert "Đã nhận thanh toán" in client.get(went_to).get_data(as_text=True)

    hand_over(shop, order)
    settled = reports.settlement(start=today(), end=today(), commission_percent=0)
    assert (settled.order_count, settled.total.gross_vnd) == (1, 900000)

    line = order.lines[0]
    refunds.create_refund(number=order.number, amount_vnd=450000, reason="One box returned unopened",
                          actor_id=shop["clerk"].id, returns=[(line.id, 1)])  # fmt: skip
    record = db.session.scalar(select(StockRecord))
    assert (record.on_hand, record.reserved) == (9, 0) and stock.verify() == []
    assert reports.settlement(start=today(), end=today(), commission_percent=0).total.net_vnd == 450000


def test_cash_from_checkout_to_the_end_of_day(client, shop, auth):
    order, went_to = checkout(client, shop, "cash", quantity=1)
    assert went_to.startswith(f"/don-hang/{order.number}")
    assert (order.status, payment_of(order).status) == ("confirmed", "pending")
    hand_over(shop, order)
    auth.login("cuahang@example.vn")
    page = client.get(f"/cua-hang-ban/tien-mat?day={today().isoformat()}").get_data(as_text=True)
    assert order.number in page and "450.000" in page
    client.post(f"/cua-hang-ban/tien-mat/{today().isoformat()}/chot")
    assert (payment_of(order).status, payment_of(order).paid_vnd) == ("paid", 450000)
    assert reports.settlement(start=today(), end=today(), commission_percent=0).order_count == 1


def test_card_from_checkout_through_the_webhook_to_a_refund(client, shop, fake_stripe, post_event):
    order, went_to = checkout(client, shop, "stripe")
    assert went_to.startswith(fake_stripe.url + "/pay/cs_test_")
    session_id = payment_of(order).provider_reference
    params = fake_stripe.requests[0]["params"]
    assert params["client_reference_id"] == order.number
    assert int(params["expires_at"]) == int(order.expires_at.timestamp()) or int(params["expires_at"]) < int(
        order.expires_at.timestamp()
    )
    # The order page's "Pay now" goes back to the same session without asking Stripe again.
    order_page = client.get(f"/don-hang/{order.number}?k={order_token(order)}")
    assert order_page.status_code == 200 and went_to in order_page.get_data(as_text=True)
    assert len([r for r in fake_stripe.requests if r["path"] == "/v1/checkout/sessions"]) == 1

    paid = fake_stripe.pay(session_id)
    assert post_event(session_event("evt_e2e_paid", "checkout.session.completed", paid)).json["outcome"] == "confirmed"
    db.session.refresh(order)
    assert order.status == "confirmed"
    refund = refunds.create_refund(number=order.number, amount_vnd=900000, reason="Out of stock at pickup",
                                   actor_id=shop["clerk"].id)  # fmt: skip
    assert refund.status == "succeeded" and fake_stripe.refunds
    db.session.refresh(order)
    assert (order.status, payment_of(order).status, reserved()) == ("refunded", "refunded", 0)


def test_an_expired_card_session_releases_the_stock(client, shop, fake_stripe, post_event):
    order, _went_to = checkout(client, shop, "stripe")
    session = dict(fake_stripe.sessions[payment_of(order).provider_reference], status="expired")
    assert reserved() == 2
    post_event(session_event("evt_e2e_expired", "checkout.session.expired", session))
    db.session.refresh(order)
    assert (order.status, payment_of(order).status, reserved()) == ("cancelled", "expired", 0)


def test_after_the_orders_expiry_the_pay_page_shows_no_code(client, shop):
    order, went_to = checkout(client, shop, "vietqr")
    order.expires_at = utcnow()
    db.session.commit()
    from app.orders.services import expire_unpaid

    assert expire_unpaid() == [order.number]
    page = client.get(went_to).get_data(as_text=True)
    assert 'class="vietqr-code"' not in page
    assert "Hết hạn thanh toán" in page and "Đơn hàng này chưa được thanh toán và đã bị huỷ." in page
    assert reserved() == 0
