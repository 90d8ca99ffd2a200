"""Every call to Stripe lives here (the only module that imports stripe); amounts convert here.

The đồng is a zero-decimal currency for Stripe: `unit_amount` and `amount` are whole đồng.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from app.core import edge
from app.core.timeutil import utcnow
from app.core.vocab import card_is_configured

CURRENCY = "vnd"
SIGNATURE_TOLERANCE_SECONDS = 300
# Stripe accepts a Checkout Session lifetime between 30 minutes and 24 hours.
SESSION_MIN = timedelta(minutes=31)
SESSION_MAX = timedelta(hours=23, minutes=59)


class GatewayError(RuntimeError):
    """Stripe could not be reached or refused the request; the message is for the log."""


class InvalidWebhook(ValueError):
    """A webhook whose signature is missing, wrong or too old."""


@dataclass(frozen=True)
class LineItem:
    name: str
    unit_vnd: int
    quantity: int


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str | None
    payment_status: str
    payment_intent: str | None
    amount_vnd: int | None
    currency: str | None


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str


def is_configured() -> bool:
    return card_is_configured()


def to_stripe_amount(vnd: int) -> int:
    """Whole đồng to Stripe's smallest unit, which for VND is the đồng itself."""
    if not isinstance(vnd, int) or vnd <= 0:
        raise ValueError("an amount is a whole number of đồng above zero")
    return vnd


def _stripe():
    """The Stripe SDK, loaded on first use: most requests never pay by card, and it costs each
    worker about 6 MiB."""
    # Loaded on first use (see the docstring): a worker's memory, not an import cycle.
    import stripe

    return stripe


def _client():
    stripe = _stripe()
    cfg = current_app.config
    base = cfg.get("STRIPE_API_BASE")
    return stripe.StripeClient(
        cfg["STRIPE_SECRET_KEY"],
        base_addresses={"api": base} if base else None,
        max_network_retries=int(cfg.get("STRIPE_NETWORK_RETRIES", 2)),
    )


def session_expiry(reserved_until: datetime | None) -> datetime:
    """The session's end: our reservation's end, kept within what Stripe allows."""
    now = utcnow()
    wanted = reserved_until or now + SESSION_MAX
    return min(max(wanted, now + SESSION_MIN), now + SESSION_MAX)


def _plain(obj) -> dict:
    """Stripe objects are not dicts in this SDK: read them as plain data."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _session(obj) -> CheckoutSession:
    obj = _plain(obj)
    intent = obj.get("payment_intent")
    return CheckoutSession(
        id=obj["id"],
        url=obj.get("url"),
        payment_status=obj.get("payment_status") or "unpaid",
        payment_intent=intent if isinstance(intent, str) or intent is None else intent.get("id"),
        amount_vnd=obj.get("amount_total"),
        currency=obj.get("currency"),
    )


def create_checkout_session(
    *,
    order_number: str,
    items: list[LineItem],
    email: str | None,
    locale: str,
    success_url: str,
    cancel_url: str,
    expires_at: datetime,
    idempotency_key: str,
) -> CheckoutSession:
    """One Checkout Session for an order; the same key always returns the same session."""
    stripe = _stripe()
    params = {
        "mode": "payment",
        "client_reference_id": order_number,
        "metadata": {"order_number": order_number},
        "payment_intent_data": {"metadata": {"order_number": order_number}},
        "line_items": [
            {
                "quantity": item.quantity,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": to_stripe_amount(item.unit_vnd),
                    "product_data": {"name": item.name[:250]},
                },
            }
            for item in items
        ],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": int(expires_at.timestamp()),
        "locale": "vi" if locale == "vi" else "en",
    }
    if email:
        params["customer_email"] = email
    try:
        created = _client().v1.checkout.sessions.create(params=params, options={"idempotency_key": idempotency_key})
    except stripe.StripeError as exc:
        raise GatewayError(f"checkout session for {order_number}: {exc}") from exc
    return _session(created)


def retrieve_checkout_session(session_id: str) -> CheckoutSession:
    """The session as Stripe sees it now (payment intent, payment status)."""
    stripe = _stripe()
    try:
        return _session(_client().v1.checkout.sessions.retrieve(session_id))
    except stripe.StripeError as exc:
        raise GatewayError(f"retrieve {session_id}: {exc}") from exc


def create_refund(*, payment_intent: str, amount_vnd: int, idempotency_key: str, order_number: str) -> RefundResult:
    """Refund part or all of a payment; the key makes a retried request refund only once."""
    stripe = _stripe()
    params = {
        "payment_intent": payment_intent,
        "amount": to_stripe_amount(amount_vnd),
        "metadata": {"order_number": order_number},
    }
    try:
        refund = _client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
    except stripe.StripeError as exc:
        raise GatewayError(f"refund for {order_number}: {exc}") from exc
    refund = _plain(refund)
    return RefundResult(id=refund["id"], status=refund.get("status") or "pending")


def parse_webhook(payload: bytes, signature: str | None) -> dict:
    """The event of a webhook whose Stripe-Signature is valid and recent; else InvalidWebhook."""
    stripe = _stripe()
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET")
    if not secret:
        raise InvalidWebhook("webhooks are not configured")
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, SIGNATURE_TOLERANCE_SECONDS)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError, UnicodeDecodeError) as exc:
        raise InvalidWebhook(str(exc)) from exc
    if not isinstance(event, dict) or not _is_text(event.get("id")) or not _is_text(event.get("type")):
        raise InvalidWebhook("not an event")
    return event


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value) and not edge.has_nul(value)


def session_from_event(event: dict) -> CheckoutSession:
    """The Checkout Session carried by a checkout.session.* event; InvalidWebhook when it carries none."""
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict) or not _is_text(obj.get("id")):
        raise InvalidWebhook("the event carries no checkout session id")
    amount = obj.get("amount_total")
    if amount is not None and edge.parse_whole(amount) is None:
        raise InvalidWebhook("the session's amount is not a whole number")
    return _session(obj)
