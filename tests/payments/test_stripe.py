"""Card payments: Checkout Sessions through the local fake Stripe, and signed webhooks."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.timeutil import as_utc
from app.orders.placement import offered_payment_methods
from app.outlets.models import StockRecord
from app.payments import services
from app.payments.models import Payment, PaymentEvent
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event, signed


def payment_of(order) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def reserved(order) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.sum(StockRecord.reserved))) or 0


@pytest.fixture
def card_order(fake_stripe):
    return pay_factories.order(method="stripe", prices=(85000, 120000), quantity=2, delivery_fee=20000)


@pytest.fixture
def checkout(card_order, fake_stripe):
    """The shopper was sent to Stripe: the session exists and Stripe then took the money."""
    url = services.next_url(card_order)
    session_id = payment_of(card_order).provider_reference
    return {"url": url, "id": session_id, "paid": fake_stripe.pay(session_id)}


def test_card_is_offered_only_with_both_stripe_keys(app):
    app.config.update(STRIPE_SECRET_KEY="sk_test_x", STRIPE_WEBHOOK_SECRET=None)
    assert [code for code, _label in offered_payment_methods()] == ["cash", "vietqr"]
    app.config.update(STRIPE_WEBHOOK_SECRET="whsec_x")
    assert [code for code, _label in offered_payment_methods()] == ["cash", "vietqr", "stripe"]
    app.config.update(VIETQR_ACCOUNT_NO=None, STRIPE_SECRET_KEY=None)
    assert [code for code, _label in offered_payment_methods()] == ["cash"]


def test_the_session_charges_the_order_total_in_whole_dong(card_order, fake_stripe):
    url = app_next_url = services.next_url(card_order)
    request = fake_stripe.requests[-1]
    params = request["params"]
    items = list(params["line_items"].values())
    assert app_next_url == url and url.startswith(fake_stripe.url + "/pay/cs_test_")
    assert {i["price_data"]["currency"] for i in items} == {"vnd"}
    assert [(i["price_data"]["unit_amount"], i["quantity"]) for i in items] == [
        ("85000", "2"),
        ("120000", "2"),
        ("20000", "1"),
    ]
    assert sum(int(i["price_data"]["unit_amount"]) * int(i["quantity"]) for i in items) == card_order.total_vnd
    assert params["client_reference_id"] == card_order.number
    assert params["metadata"] == {"order_number": card_order.number}
    assert request["idempotency_key"] == f"checkout-{card_order.number}"
    assert int(params["expires_at"]) == int(as_utc(card_order.expires_at).timestamp()) or (
        int(params["expires_at"]) <= int(as_utc(card_order.created_at).timestamp()) + 24 * 3600
    )


def test_asking_twice_gives_the_same_session(card_order, fake_stripe):
    first = services.next_url(card_order)
    second = services.start_card_checkout(number=card_order.number)
    assert first == second and len(fake_stripe.sessions) == 1


def test_when_stripe_is_down_the_shopper_lands_on_a_page_to_try_again(card_order, fake_stripe):
    fake_stripe.down = True
    url = services.next_url(card_order)
    assert f"/don-hang/{card_order.number}/thanh-toan" in url and "retry=1" in url
    assert payment_of(card_order).status == "pending"


def test_a_paid_session_confirms_the_order_once(checkout, card_order, post_event):
    body = session_event("evt_1", "checkout.session.completed", checkout["paid"])
    response = post_event(body)
    assert response.status_code == 200 and response.json["outcome"] == "confirmed"
    payment = payment_of(card_order)
    assert (payment.status, payment.paid_vnd, payment.order.status) == ("paid", card_order.total_vnd, "confirmed")
    replay = post_event(body)
    assert replay.status_code == 200 and replay.json["outcome"] == "duplicate"
    assert db.session.scalar(select(func.count(PaymentEvent.id)).where(PaymentEvent.provider_event_id == "evt_1")) == 1
    assert payment_of(card_order).paid_vnd == card_order.total_vnd


def test_a_tampered_body_is_refused_and_changes_nothing(checkout, card_order, post_event):
    body = session_event("evt_2", "checkout.session.completed", checkout["paid"])
    signature = signed(body)
    response = post_event(body.replace(card_order.number, "DH99999X"), signature)
    assert response.status_code == 400
    response = post_event(body, signed(body, secret="whsec_someone_else"))
    assert response.status_code == 400
    assert post_event(body, "").status_code == 400
    assert payment_of(card_order).status == "pending"
    assert (
        db.session.scalar(select(func.count(PaymentEvent.id)).where(PaymentEvent.provider_event_id.is_not(None))) == 0
    )


def test_a_stale_signature_is_refused(checkout, card_order, post_event):
    body = session_event("evt_3", "checkout.session.completed", checkout["paid"])
    response = post_event(body, signed(body, timestamp=int(time.time()) - 3600))
    assert response.status_code == 400
    assert payment_of(card_order).status == "pending"


def test_an_unpaid_completion_waits_for_the_async_result(checkout, card_order, post_event):
    pending = {**checkout["paid"], "payment_status": "unpaid"}
    assert post_event(session_event("evt_4", "checkout.session.completed", pending)).json["outcome"] == (
        "waiting_for_async_payment"
    )
    assert payment_of(card_order).order.status == "awaiting_payment"
    post_event(session_event("evt_5", "checkout.session.async_payment_succeeded", checkout["paid"]))
    assert payment_of(card_order).order.status == "confirmed"


def test_events_out_of_order_leave_the_order_paid(checkout, card_order, post_event):
    pending = {**checkout["paid"], "payment_status": "unpaid"}
    post_event(session_event("evt_6", "checkout.session.async_payment_succeeded", checkout["paid"]))
    late = post_event(session_event("evt_7", "checkout.session.completed", pending))
    assert late.json["outcome"] == "already_paid"
    expired = post_event(session_event("evt_8", "checkout.session.expired", {**checkout["paid"], "status": "expired"}))
    assert expired.json["outcome"] == "ignored_paid"
    payment = payment_of(card_order)
    assert (payment.status, payment.order.status) == ("paid", "confirmed")


def test_an_expired_session_cancels_the_order_and_releases_its_stock(card_order, fake_stripe, post_event):
    services.next_url(card_order)
    session = dict(fake_stripe.sessions[payment_of(card_order).provider_reference], status="expired")
    assert reserved(card_order) == 4
    assert post_event(session_event("evt_9", "checkout.session.expired", session)).json["outcome"] == "cancelled"
    payment = payment_of(card_order)
    assert (payment.status, payment.order.status) == ("expired", "cancelled")
    assert reserved(card_order) == 0


def test_a_failed_async_payment_cancels_the_order(checkout, card_order, post_event):
    unpaid = {**checkout["paid"], "payment_status": "unpaid"}
    post_event(session_event("evt_10", "checkout.session.async_payment_failed", unpaid))
    payment = payment_of(card_order)
    assert (payment.status, payment.order.status) == ("failed", "cancelled")
    assert reserved(card_order) == 0


def test_a_webhook_before_the_redirect_is_not_lost(card_order, fake_stripe, post_event):
    # Stripe may call us before the shopper's browser comes back, even before we saved the session id.
    services.next_url(card_order)
    session_id = payment_of(card_order).provider_reference
    db.session.execute(db.update(Payment).values(provider_reference=None))
    db.session.commit()
    paid = fake_stripe.pay(session_id)
    assert post_event(session_event("evt_11", "checkout.session.completed", paid)).json["outcome"] == "confirmed"
    assert payment_of(card_order).provider_reference == session_id


def test_a_session_for_another_amount_never_confirms(checkout, card_order, post_event):
    wrong = {**checkout["paid"], "amount_total": 1000}
    assert post_event(session_event("evt_12", "checkout.session.completed", wrong)).json["outcome"] == "amount_mismatch"
    assert payment_of(card_order).status == "pending"


def test_the_return_page_never_marks_anything_paid(checkout, card_order, client):
    page = client.get(f"/don-hang/{card_order.number}/thanh-toan?t={services.access_token(card_order.number)}")
    assert page.status_code == 200
    assert "đang được xác nhận" in page.get_data(as_text=True)
    assert payment_of(card_order).status == "pending"


def test_other_event_types_are_acknowledged_and_ignored(post_event, fake_stripe):
    body = json.dumps({"id": "evt_13", "object": "event", "type": "customer.created", "data": {"object": {}}})
    assert post_event(body).json["outcome"] == "ignored"
