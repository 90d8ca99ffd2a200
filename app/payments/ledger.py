"""Where an order's money stands, and the one place a refund is opened.

For every order, at all times:
    received − refunded − refunds still owed = value of what the shopper keeps,
and a cancelled order with money still held always has an open refund task. ``position`` reads
the figures; ``open_refund`` writes a pending refund (the task) with its own idempotency key.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import audit
from app.core.extensions import db
from app.core.vocab import OrderStatus, RefundStatus
from app.payments.models import Payment, PaymentEvent, Refund
from app.payments.notices import tell_about_refund

CLOSED_ORDER_STATUSES = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


@dataclass(frozen=True)
class Position:
    """One order's money: what came in, what went back, what is still owed back, and her due."""

    received_vnd: int
    refunded_vnd: int
    owed_vnd: int
    kept_vnd: int
    open_tasks: int

    @property
    def held_vnd(self) -> int:
        """Money the union holds for the order once every refund owed is paid."""
        return self.received_vnd - self.refunded_vnd - self.owed_vnd

    @property
    def balanced(self) -> bool:
        return self.held_vnd == self.kept_vnd and self.refunded_vnd + self.owed_vnd <= self.received_vnd


def owed_vnd(payment: Payment) -> int:
    """Refunds opened and not yet paid back."""
    return sum(r.amount_vnd for r in payment.refunds if r.status == RefundStatus.PENDING)


def held_vnd(payment: Payment) -> int:
    """Money received and neither refunded nor promised back."""
    return payment.paid_vnd - payment.refunded_vnd - owed_vnd(payment)


def kept_vnd(payment: Payment) -> int:
    """The value of what the shopper keeps: nothing of a cancelled order; otherwise the order's
    total less every refund granted (goods returned or a price given back), once paid or handed
    over; while she still pays, the part she has paid stands for her order."""
    order = payment.order
    if order.status in CLOSED_ORDER_STATUSES:
        return 0
    granted = sum(r.amount_vnd for r in payment.refunds if r.status != RefundStatus.FAILED)
    handed_over = any(s.completed_at is not None for s in order.shipments)
    if payment.paid_vnd >= payment.amount_vnd or handed_over:
        return payment.amount_vnd - granted
    return payment.paid_vnd - granted


def cash_at_counter_vnd(payment: Payment) -> int:
    """Cash taken at hand-over that the outlet's day close has not yet counted into the payment."""
    counted = {(e.data or {}).get("shipment") for e in payment.events if e.kind == "cash_collected"}
    return sum(s.cash_received_vnd or 0 for s in payment.order.shipments if s.id not in counted)


def position(payment: Payment) -> Position:
    """The figures of the invariant for one payment (read only)."""
    pending = [r for r in payment.refunds if r.status == RefundStatus.PENDING]
    return Position(
        received_vnd=payment.paid_vnd + cash_at_counter_vnd(payment),
        refunded_vnd=sum(r.amount_vnd for r in payment.refunds if r.status == RefundStatus.SUCCEEDED),
        owed_vnd=sum(r.amount_vnd for r in pending),
        kept_vnd=kept_vnd(payment),
        open_tasks=len(pending),
    )


def open_refund(
    payment: Payment, *, amount_vnd: int, reason: str, actor_id: int | None, returns: list | None = None
) -> Refund:
    """A pending refund with its own idempotency key, logged and audited (the caller commits)."""
    refund = Refund(
        payment=payment,
        amount_vnd=amount_vnd,
        reason=reason.strip(),
        status=RefundStatus.PENDING.value,
        idempotency_key=f"refund-{payment.order.number}-{len(payment.refunds) + 1}",
        created_by_id=actor_id,
    )
    db.session.add(refund)
    db.session.flush()
    payment.events.append(
        PaymentEvent(
            provider=payment.method,
            kind="refund_requested",
            amount_vnd=amount_vnd,
            actor_id=actor_id,
            data={"refund": refund.id, "returns": list(returns or [])},
        )
    )
    audit.record(
        actor_id=actor_id,
        action="payment.refund",
        subject_type="order",
        subject_id=payment.order_id,
        reason=refund.reason,
        details={"amount_vnd": amount_vnd, "method": payment.method, "returns": list(returns or [])},
    )
    return refund


def refund_what_is_held(payment: Payment, *, reason: str, actor_id: int | None) -> Refund | None:
    """A cancelled order keeps no money: open a refund task for all it holds, and tell the shopper
    what happens next (a card refund is sent to Stripe once the transaction has committed)."""
    held = held_vnd(payment)
    if held <= 0:
        return None
    refund = open_refund(payment, amount_vnd=held, reason=reason, actor_id=actor_id)
    if payment.method != "stripe":
        tell_about_refund(refund, "opened")
    return refund
