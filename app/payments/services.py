"""What payments do: the payment row of each order, card checkout, confirmation by hand, expiry."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.core import audit, signals
from app.core.errors import Conflict, DomainError, NotFound
from app.core.extensions import db
from app.core.timeutil import as_utc, utcnow
from app.core.urls import external_url
from app.core.vocab import ApprovalStatus, OrderStatus, PaymentMethod, PaymentStatus
from app.orders.models import Order
from app.payments import ledger
from app.payments import stripe_gateway as gateway
from app.payments.models import Payment, PaymentEvent, TransferConfirmation

PAID_STATUSES = ("paid", "partially_refunded", "refunded")


class PaymentError(DomainError):
    code = "payment"


def apply_create_payment(order: Order, **_ignored) -> Payment:
    """Receiver of ``order_placed``: the order's pending payment row, in placement's transaction."""
    if order.payment_method not in PaymentMethod.offered():
        raise PaymentError(_("This payment method is not available."))
    payment = Payment(order=order, method=order.payment_method, amount_vnd=order.total_vnd)
    payment.paid_vnd = payment.refunded_vnd = 0
    payment.status = PaymentStatus.PENDING
    payment.events.append(PaymentEvent(provider=order.payment_method, kind="created", amount_vnd=order.total_vnd))
    db.session.add(payment)
    return payment


def access_token(number: str) -> str:
    """A token that lets whoever placed the order open its payment page (guests too)."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, f"payment:{number}".encode(), hashlib.sha256).hexdigest()[:24]


def token_is_valid(number: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(access_token(number), token)


def pay_page_url(order: Order, **extra) -> str:
    return url_for("payments.pay", number=order.number, t=access_token(order.number), **extra)


def next_url(order: Order, **_ignored) -> str | None:
    """Receiver of ``checkout_completed``: the QR page, Stripe's checkout, or nothing for cash."""
    if order.payment_method == "vietqr":
        return pay_page_url(order)
    if order.payment_method == "stripe":
        try:
            return start_card_checkout(number=order.number)
        except (gateway.GatewayError, DomainError):
            current_app.logger.exception("Card checkout could not start for %s", order.number)
            return pay_page_url(order, retry=1)
    return None


def payment_of(number: str, *, lock: bool = False) -> Payment:
    """The payment of the order with this number (row-locked when asked); NotFound otherwise."""
    query = select(Payment).join(Payment.order).where(Order.number == number)
    if lock:
        # Read again under the lock: the page may have loaded this payment before another request changed it.
        query = query.with_for_update(of=Payment).execution_options(populate_existing=True)
    payment = db.session.scalar(query)
    if payment is None:
        raise NotFound(_("This order was not found."))
    return payment


def _card_items(order: Order) -> list[gateway.LineItem]:
    items = [
        gateway.LineItem(f"{ln.product_name} – {ln.variant_label}", ln.unit_price_vnd, ln.quantity)
        for ln in order.lines
    ]
    if order.delivery_fee_vnd:
        items.append(gateway.LineItem(_("Delivery fee"), order.delivery_fee_vnd, 1))
    if sum(i.unit_vnd * i.quantity for i in items) != order.total_vnd:
        # Never let Stripe charge a different sum than the order's total.
        items = [gateway.LineItem(_("Order %(number)s", number=order.number), order.total_vnd, 1)]
    return items


def card_session_end(order: Order) -> datetime:
    """The session's end, fixed by the order alone so a retried request sends the same parameters."""
    created = as_utc(order.created_at) or utcnow()
    reserved = as_utc(order.expires_at) or created + gateway.SESSION_MAX
    return min(reserved, created + gateway.SESSION_MAX)


def _open_session_url(payment: Payment) -> str | None:
    """The URL of the session already opened for this payment while it can still be used."""
    still_open = utcnow().timestamp() + 60
    for event in reversed(payment.events):
        data = event.data or {}
        same = event.kind == "checkout_session" and data.get("session") == payment.provider_reference
        if same and data.get("url") and data.get("ends", 0) > still_open:
            return data["url"]
    return None


def start_card_checkout(*, number: str) -> str:
    """Create (or get back) the order's Stripe Checkout Session and return its URL."""
    payment = payment_of(number)
    order = payment.order
    if payment.method != "stripe" or payment.status != PaymentStatus.PENDING or order.status != "awaiting_payment":
        raise Conflict(_("This order is not waiting for a card payment."))
    opened = _open_session_url(payment)
    if opened:
        return opened
    ends = card_session_end(order)
    if ends < utcnow() + gateway.SESSION_MIN:
        raise Conflict(_("The time to pay this order by card has run out."))
    session = gateway.create_checkout_session(
        order_number=order.number,
        items=_card_items(order),
        email=order.contact_email,
        locale=order.locale,
        success_url=external_url("payments.pay", number=order.number, t=access_token(order.number)),
        cancel_url=external_url("payments.pay", number=order.number, t=access_token(order.number)),
        expires_at=ends,
        idempotency_key=f"checkout-{order.number}",
    )
    if payment.provider_reference != session.id:
        payment.provider_reference = session.id
        payment.events.append(
            PaymentEvent(
                provider="stripe",
                kind="checkout_session",
                data={"session": session.id, "url": session.url, "ends": int(ends.timestamp())},
            )
        )
    db.session.commit()
    return session.url


def apply_money_received(
    *,
    payment: Payment,
    amount_vnd: int,
    kind: str,
    actor_id: int | None = None,
    accept_short: bool = False,
    data=None,
    event_id: str | None = None,
) -> str:
    """Add money received to a payment; confirm the order when it is paid in full (never commits).

    ``event_id``, when given, is stored as the event's unique id: the same money cannot be added twice."""
    payment.paid_vnd += amount_vnd
    payment.events.append(
        PaymentEvent(
            provider=payment.method,
            provider_event_id=event_id,
            kind=kind,
            amount_vnd=amount_vnd,
            actor_id=actor_id,
            data=data,
        )
    )
    if payment.paid_vnd < payment.amount_vnd and not accept_short:
        if payment.order.status == OrderStatus.CANCELLED:
            ledger.refund_what_is_held(payment, reason=_("Paid after the order was cancelled"), actor_id=actor_id)
            return "paid_after_cancel"
        return "part_paid"
    if payment.status not in PAID_STATUSES:
        payment.status, payment.paid_at = "paid", utcnow()
    order = payment.order
    if order.status == "awaiting_payment":
        signals.payment_confirmed.send(order, actor_id=actor_id)
        return "confirmed"
    if order.status == OrderStatus.CANCELLED:
        # Money that arrives for a cancelled order is owed back at once: an open refund task.
        ledger.refund_what_is_held(payment, reason=_("Paid after the order was cancelled"), actor_id=actor_id)
        return "paid_after_cancel"
    return "paid"


def confirm_transfer_by_hand(*, number: str, amount_vnd: int, note: str, actor_id: int) -> str:
    """Union staff confirm a bank transfer they have seen on the account; audited.

    The amount still due is confirmed at once. Any other amount (less or more) waits as a
    TransferConfirmation until a second staff member approves it (app.payments.confirmations):
    the outcome is then "awaiting_approval" and no money is counted yet."""
    payment = payment_of(number, lock=True)
    if payment.method != "vietqr" or payment.status != PaymentStatus.PENDING:
        raise Conflict(_("This order is not waiting for a bank transfer."))
    if amount_vnd <= 0:
        raise PaymentError(_("Enter the amount received, in đồng."))
    waiting = db.session.scalar(
        select(TransferConfirmation.id).where(
            TransferConfirmation.payment_id == payment.id, TransferConfirmation.status == ApprovalStatus.PENDING
        )
    )
    if waiting is not None:
        raise Conflict(_("A confirmation of this transfer already waits for a second staff member."))
    due = payment.amount_vnd - payment.paid_vnd
    if amount_vnd != due:
        return _ask_second_staff(payment, amount_vnd=amount_vnd, due=due, note=note, actor_id=actor_id)
    outcome = apply_money_received(
        payment=payment, amount_vnd=amount_vnd, kind="confirmed_by_hand", actor_id=actor_id, accept_short=True
    )
    audit.record(
        actor_id=actor_id,
        action="payment.confirmed_by_hand",
        subject_type="order",
        subject_id=payment.order_id,
        reason=note,
        details={"amount_vnd": amount_vnd, "expected_vnd": payment.amount_vnd},
    )
    db.session.commit()
    return outcome


def _ask_second_staff(payment: Payment, *, amount_vnd: int, due: int, note: str, actor_id: int) -> str:
    db.session.add(
        TransferConfirmation(
            payment_id=payment.id, amount_vnd=amount_vnd, expected_vnd=due, note=note, requested_by_id=actor_id
        )
    )
    audit.record(
        actor_id=actor_id,
        action="payment.confirmation_requested",
        subject_type="order",
        subject_id=payment.order_id,
        reason=note,
        details={"amount_vnd": amount_vnd, "expected_vnd": due},
    )
    db.session.commit()
    return "awaiting_approval"


def apply_payment_expired(order: Order, **_ignored) -> None:
    """The order's time to pay ended: its pending payment is marked expired (the caller commits)."""
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id).with_for_update())
    if payment is not None and payment.status == PaymentStatus.PENDING:
        payment.status = PaymentStatus.EXPIRED
        payment.events.append(PaymentEvent(provider=payment.method, kind="expired"))


def payment_link(order: Order, **_ignored) -> str | None:
    """Receiver of ``payment_link_wanted``: the open card session, else the pay page; reads only."""
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    if payment is None or payment.status != PaymentStatus.PENDING:
        return None
    return _open_session_url(payment) or pay_page_url(order)


signals.order_placed.connect(apply_create_payment)
signals.checkout_completed.connect(next_url)
signals.payment_link_wanted.connect(payment_link)
signals.order_expired.connect(apply_payment_expired)
