"""Refunds: never more than paid, one pending at a time, Stripe by API, others recorded by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.core.errors import Conflict
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.outlets import stock
from app.outlets.models import StockRecord
from app.payments import refunds, services
from app.payments.models import Payment, Refund
from tests import factories
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event


@pytest.fixture
def clerk(app):
    user = factories.user(role="staff")
    db.session.commit()
    return user


def payment_of(order) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def paid_transfer(amount_each=100000, quantity=2, clerk=None):
    order = pay_factories.order(prices=(amount_each,), quantity=quantity)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=order.total_vnd, note="seen", actor_id=clerk.id)
    return order


def test_confirming_a_transfer_by_hand_is_audited(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    assert (
        services.confirm_transfer_by_hand(
            number=order.number, amount_vnd=100000, note="Seen in the account, ref FT1", actor_id=clerk.id
        )
        == "confirmed"
    )
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "payment.confirmed_by_hand"))
    assert (audit.actor_id, audit.subject_id, audit.reason) == (clerk.id, order.id, "Seen in the account, ref FT1")
    with pytest.raises(Conflict):
        services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="again", actor_id=clerk.id)


def test_a_part_refund_by_hand_then_the_rest_closes_the_order(clerk):
    order = paid_transfer(clerk=clerk)
    first = refunds.create_refund(number=order.number, amount_vnd=50000, reason="One box damaged", actor_id=clerk.id)
    assert first.status == "succeeded"
    payment = payment_of(order)
    assert (payment.status, payment.refunded_vnd, payment.order.status) == ("partially_refunded", 50000, "confirmed")
    refunds.create_refund(number=order.number, amount_vnd=150000, reason="Order cancelled by buyer", actor_id=clerk.id)
    payment = payment_of(order)
    assert (payment.status, payment.refunded_vnd, payment.order.status) == ("refunded", 200000, "refunded")


@pytest.mark.parametrize("amount", [200001, 0, -5])
def test_a_refund_can_never_exceed_what_was_paid(clerk, amount):
    order = paid_transfer(clerk=clerk)
    with pytest.raises(refunds.RefundError):
        refunds.create_refund(number=order.number, amount_vnd=amount, reason="too much", actor_id=clerk.id)
    assert payment_of(order).refunded_vnd == 0


def test_an_unpaid_order_cannot_be_refunded(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    with pytest.raises(refunds.RefundError):
        refunds.create_refund(number=order.number, amount_vnd=1, reason="x", actor_id=clerk.id)


def test_goods_brought_back_return_to_the_shelf_through_the_ledger(clerk):
    order = paid_transfer(clerk=clerk)
    line = order.lines[0]
    record = db.session.scalar(select(StockRecord).where(StockRecord.variant_id == line.variant_id))
    stock.sell(record, 2, order_id=order.id)  # handed over, as the outlet's hand-over does
    line.shipment.completed_at = utcnow()
    db.session.commit()
    refunds.create_refund(
        number=order.number, amount_vnd=100000, reason="One jar returned", actor_id=clerk.id, returns=[(line.id, 1)]
    )
    db.session.refresh(record)
    assert record.on_hand == 9 and stock.verify() == []
    with pytest.raises(refunds.RefundError):
        refunds.create_refund(
            number=order.number, amount_vnd=100000, reason="two more?", actor_id=clerk.id, returns=[(line.id, 2)]
        )


@pytest.fixture
def card_paid(fake_stripe, post_event):
    order = pay_factories.order(method="stripe", prices=(100000,), quantity=3)
    services.next_url(order)
    paid = fake_stripe.pay(payment_of(order).provider_reference)
    post_event(session_event("evt_paid", "checkout.session.completed", paid))
    return order


def test_a_card_refund_goes_through_stripe_with_its_own_key(card_paid, fake_stripe, clerk):
    refund = refunds.create_refund(number=card_paid.number, amount_vnd=120000, reason="Late", actor_id=clerk.id)
    sent = fake_stripe.requests[-1]
    assert (sent["path"], sent["params"]["amount"], sent["idempotency_key"]) == (
        "/v1/refunds",
        "120000",
        f"refund-{card_paid.number}-1",
    )
    assert sent["params"]["payment_intent"].startswith("pi_")
    assert (refund.status, refund.provider_reference) == ("succeeded", next(iter(fake_stripe.refunds)))
    assert payment_of(card_paid).refunded_vnd == 120000


def test_a_second_refund_while_one_is_pending_is_refused(card_paid, fake_stripe, clerk):
    fake_stripe.refund_status = "pending"
    refund = refunds.create_refund(number=card_paid.number, amount_vnd=100000, reason="Late", actor_id=clerk.id)
    assert refund.status == "pending"
    with pytest.raises(Conflict):
        refunds.create_refund(number=card_paid.number, amount_vnd=100000, reason="Again", actor_id=clerk.id)
    assert payment_of(card_paid).refunded_vnd == 0


def test_when_stripe_is_down_the_refund_stays_pending_and_resending_refunds_once(card_paid, fake_stripe, clerk):
    fake_stripe.down = True
    with pytest.raises(refunds.RefundError):
        refunds.create_refund(number=card_paid.number, amount_vnd=300000, reason="Cancelled", actor_id=clerk.id)
    refund = db.session.scalar(select(Refund))
    assert refund.status == "pending" and payment_of(card_paid).refunded_vnd == 0
    fake_stripe.down = False
    refunds.send_stripe_refund(refund_id=refund.id, actor_id=clerk.id)
    refunds.send_stripe_refund(refund_id=refund.id, actor_id=clerk.id)
    assert len(fake_stripe.refunds) == 1
    payment = payment_of(card_paid)
    assert (payment.status, payment.refunded_vnd, payment.order.status) == ("refunded", 300000, "refunded")
    assert db.session.scalar(select(func.count(Refund.id))) == 1
