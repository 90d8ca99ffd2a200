"""Money under concurrency (PostgreSQL row locks): a webhook delivered twice at once, two refunds at once."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.payments import refunds, services
from app.payments.models import Payment, PaymentEvent, Refund
from tests import factories
from tests.conftest import ON_POSTGRES
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event, signed

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="row locks need PostgreSQL")


def run_together(app, work, times: int = 2) -> list:
    """Run work(i) in threads released at the same moment, each with its own session."""
    barrier = threading.Barrier(times)
    results: list = [None] * times

    def target(i: int) -> None:
        with app.test_request_context():
            barrier.wait()
            try:
                results[i] = work(i)
            except Exception as exc:  # the outcome is what the test looks at
                results[i] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_the_same_event_delivered_twice_at_once_is_applied_once(app, fake_stripe):
    order = pay_factories.order(method="stripe", prices=(90000,), quantity=1)
    services.next_url(order)
    paid = fake_stripe.pay(db.session.scalar(select(Payment.provider_reference)))
    body = session_event("evt_race", "checkout.session.completed", paid)
    header = signed(body)
    db.session.close()

    def deliver(_i):
        with app.test_client() as client:
            response = client.post("/payments/stripe/webhook", data=body, headers={"Stripe-Signature": header})
            return response.status_code, response.json["outcome"]

    results = run_together(app, deliver, times=4)
    assert all(status == 200 for status, _outcome in results)
    assert sorted(outcome for _status, outcome in results).count("confirmed") == 1
    payment = db.session.scalar(select(Payment))
    assert (payment.status, payment.paid_vnd) == ("paid", 90000)
    assert (
        db.session.scalar(select(func.count(PaymentEvent.id)).where(PaymentEvent.provider_event_id == "evt_race")) == 1
    )


def test_two_full_refunds_at_once_refund_once(app):
    clerk = factories.user(role="staff")
    db.session.commit()
    order = pay_factories.order(prices=(100000,), quantity=1)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=clerk.id)
    number, clerk_id = order.number, clerk.id
    db.session.close()

    def refund(i):
        return refunds.create_refund(number=number, amount_vnd=100000, reason=f"try {i}", actor_id=clerk_id).status

    results = run_together(app, refund)
    assert results.count("succeeded") == 1
    assert any(isinstance(r, refunds.RefundError) for r in results)
    payment = db.session.scalar(select(Payment))
    assert (payment.refunded_vnd, payment.status) == (100000, "refunded")
    assert db.session.scalar(select(func.count(Refund.id))) == 1


def test_a_bank_feed_credit_replayed_ten_times_at_once_confirms_once(app):
    from tests.payments.fake_sepay import API_KEY, SECRET, FakeSePay

    app.config.update(SEPAY_API_KEY=API_KEY, SEPAY_WEBHOOK_SECRET=SECRET)
    sepay = FakeSePay()
    order = pay_factories.order(prices=(250000,), quantity=2)
    payload = sepay.transaction(content=f"CT {order.number}", amount=500000)
    db.session.close()

    def deliver(_i):
        with app.test_client() as client:
            response = sepay.post(client, payload)
            return response.status_code, response.json["outcome"]

    results = run_together(app, deliver, times=10)
    assert all(status == 200 for status, _outcome in results)
    assert [outcome for _status, outcome in results].count("applied") == 1
    payment = db.session.scalar(select(Payment))
    assert (payment.status, payment.paid_vnd, payment.order.status) == ("paid", 500000, "confirmed")
    assert [e.kind for e in payment.events].count("bank_transfer") == 1
    assert db.session.scalar(select(func.count(PaymentEvent.id)).where(PaymentEvent.provider == "sepay")) == 1
