"""Stripe webhooks: verified, stored once per event id, dispatched from a table keyed on type.

The webhook, never the shopper's return to the site, decides that an order is paid. Each
event is written in the same transaction as its effect, so a replay finds it and does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core import edge
from app.core.extensions import db
from app.core.vocab import PaymentStatus
from app.orders import services as order_services
from app.orders.models import Order
from app.payments import cancellation
from app.payments import stripe_gateway as gateway
from app.payments.models import Payment, PaymentEvent
from app.payments.services import PAID_STATUSES, apply_money_received


def _received(payment: Payment, session: gateway.CheckoutSession) -> str:
    if session.currency != gateway.CURRENCY or session.amount_vnd != payment.amount_vnd:
        return "amount_mismatch"
    if payment.status in PAID_STATUSES:
        return "already_paid"
    payment.provider_reference = session.id
    return apply_money_received(payment=payment, amount_vnd=session.amount_vnd, kind="stripe_paid")


def _completed(payment: Payment, session: gateway.CheckoutSession) -> str:
    if session.payment_status == "paid":
        return _received(payment, session)
    return "already_paid" if payment.status in PAID_STATUSES else "waiting_for_async_payment"


def _failed(payment: Payment, session: gateway.CheckoutSession) -> str:
    return _end_unpaid(payment, "failed", _("The card payment failed."))


def _expired(payment: Payment, session: gateway.CheckoutSession) -> str:
    return _end_unpaid(payment, "expired", _("The time to pay by card ended."))


def _end_unpaid(payment: Payment, status: str, reason: str) -> str:
    if payment.status != PaymentStatus.PENDING:
        return f"ignored_{payment.status}"
    payment.status = status
    order_services.apply_cancel(order=payment.order, reason=reason)
    return "cancelled"


HANDLERS: dict[str, Callable[[Payment, gateway.CheckoutSession], str]] = {
    "checkout.session.completed": _completed,
    "checkout.session.async_payment_succeeded": _received,
    "checkout.session.async_payment_failed": _failed,
    "checkout.session.expired": _expired,
}


def _payment_for(session_obj: dict) -> Payment | None:
    metadata = session_obj.get("metadata")
    number = session_obj.get("client_reference_id")
    if not number and isinstance(metadata, dict):
        number = metadata.get("order_number")
    if not isinstance(number, str) or not number or edge.has_nul(number):
        return None
    return db.session.scalar(
        select(Payment)
        .join(Payment.order)
        .where(Order.number == number, Payment.method == "stripe")
        .with_for_update(of=Payment)
    )


def handle_stripe_webhook(*, payload: bytes, signature: str | None) -> str:
    """Verify and apply one webhook; returns what was done. Raises gateway.InvalidWebhook."""
    event = gateway.parse_webhook(payload, signature)
    handler = HANDLERS.get(event["type"])
    if handler is None:
        return "ignored"
    if db.session.scalar(select(PaymentEvent.id).where(PaymentEvent.provider_event_id == event["id"])):
        return "duplicate"
    session = gateway.session_from_event(event)  # InvalidWebhook when the event carries no session
    payment = _payment_for(event["data"]["object"])
    outcome = handler(payment, session) if payment else "unknown_order"
    db.session.add(
        PaymentEvent(
            payment=payment,
            provider="stripe",
            provider_event_id=event["id"],
            kind=event["type"],
            amount_vnd=session.amount_vnd,
            data={
                "outcome": outcome,
                "session": session.id,
                "payment_status": session.payment_status,
                "payment_intent": session.payment_intent,
            },
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        # The same event delivered twice at once: the other delivery stored it first.
        db.session.rollback()
        return "duplicate"
    if outcome == "paid_after_cancel":
        # Card money for an order cancelled meanwhile goes straight back (the refund was opened above).
        cancellation.send_card_refunds(payment.order)
    return outcome
