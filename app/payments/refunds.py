"""Refunds: never more than was paid, one at a time, Stripe through its API, others paid back by hand."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.core import audit
from app.core.errors import Conflict, DomainError, NotFound
from app.core.extensions import db
from app.core.i18n import money
from app.core.vocab import PaymentStatus, RefundStatus
from app.orders import services as order_services
from app.orders.models import OrderLine
from app.orders.status import can_move
from app.payments import stripe_gateway as gateway
from app.payments.models import Payment, PaymentEvent, Refund
from app.payments.services import payment_of


class RefundError(DomainError):
    code = "refund"


def returned_so_far(payment: Payment) -> dict[int, int]:
    """Quantities of each order line already brought back, from the payment's log."""
    done: dict[int, int] = {}
    for event in payment.events:
        if event.kind == "goods_returned":
            for line_id, quantity in (event.data or {}).get("returns", []):
                done[line_id] = done.get(line_id, 0) + quantity
    return done


def _check_returns(payment: Payment, returns: list[tuple[int, int]]) -> list[tuple[int, int]]:
    lines = {line.id: line for line in payment.order.lines}
    done = returned_so_far(payment)
    checked = []
    for line_id, quantity in returns:
        if quantity <= 0:
            continue
        line = lines.get(line_id)
        if line is None:
            raise NotFound(_("This order line was not found."))
        if quantity > line.quantity - done.get(line_id, 0):
            raise RefundError(_("More units of “%(name)s” than were sold or not yet returned.", name=line.product_name))
        checked.append((line_id, quantity))
    return checked


def _check_refund(payment: Payment, amount_vnd: int, reason: str) -> None:
    """A reason, no refund pending, and never more than was paid and not yet refunded."""
    if not reason.strip():
        raise RefundError(_("Give the reason for the refund."))
    if any(r.status == RefundStatus.PENDING for r in payment.refunds):
        raise Conflict(_("A refund of this order is still pending; finish it first."))
    refundable = payment.paid_vnd - payment.refunded_vnd
    if refundable <= 0:
        raise RefundError(_("Nothing paid for this order is left to refund."))
    if not isinstance(amount_vnd, int) or not 0 < amount_vnd <= refundable:
        raise RefundError(
            _("A refund can be at most %(amount)s: what was paid and not yet refunded.", amount=money(refundable))
        )


def _open_refund(payment: Payment, amount_vnd: int, reason: str, actor_id: int, returns: list) -> Refund:
    """The pending refund with its own idempotency key, logged and audited."""
    refund = Refund(
        payment=payment,
        amount_vnd=amount_vnd,
        reason=reason.strip(),
        status="pending",
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
            data={"refund": refund.id, "returns": returns},
        )
    )
    audit.record(
        actor_id=actor_id,
        action="payment.refund",
        subject_type="order",
        subject_id=payment.order_id,
        reason=refund.reason,
        details={"amount_vnd": amount_vnd, "method": payment.method, "returns": returns},
    )
    return refund


def create_refund(
    *, number: str, amount_vnd: int, reason: str, actor_id: int, returns: list[tuple[int, int]] = ()
) -> Refund:
    """Refund all or part of what was paid for an order; goods brought back go back on the shelf."""
    payment = payment_of(number, lock=True)
    _check_refund(payment, amount_vnd, reason)
    refund = _open_refund(payment, amount_vnd, reason, actor_id, _check_returns(payment, list(returns)))
    if payment.method != "stripe":
        # Cash and transfers are paid back by hand: staff record it once it is done.
        _settle(refund, actor_id)
        db.session.commit()
        return refund
    # Save the pending refund and its key before calling Stripe: a crash in between leaves a
    # pending refund to send again with the same key, never a second refund.
    db.session.commit()
    return send_stripe_refund(refund_id=refund.id, actor_id=actor_id)


def send_stripe_refund(*, refund_id: int, actor_id: int) -> Refund:
    """Send (or send again) a pending card refund to Stripe with its own idempotency key."""
    refund = db.session.get(Refund, refund_id, with_for_update=True, populate_existing=True)
    if refund is None or refund.payment.method != "stripe":
        raise NotFound(_("This refund was not found."))
    if refund.status != RefundStatus.PENDING:
        return refund
    payment = refund.payment
    try:
        intent = gateway.retrieve_checkout_session(payment.provider_reference or "").payment_intent
        if not intent:
            raise gateway.GatewayError("the session has no payment intent")
        result = gateway.create_refund(
            payment_intent=intent,
            amount_vnd=refund.amount_vnd,
            idempotency_key=refund.idempotency_key,
            order_number=payment.order.number,
        )
    except gateway.GatewayError:
        db.session.rollback()
        raise RefundError(_("Stripe could not be reached. The refund is kept as pending; send it again.")) from None
    refund.provider_reference = result.id
    if result.status == "succeeded":
        _settle(refund, actor_id)
    elif result.status in ("failed", "canceled"):
        refund.status = RefundStatus.FAILED
        payment.events.append(PaymentEvent(provider="stripe", kind="refund_failed", amount_vnd=refund.amount_vnd))
    db.session.commit()
    return refund


def _settle(refund: Refund, actor_id: int | None) -> None:
    """The money is back with the shopper: count it, bring goods back, close a fully refunded order."""
    payment = refund.payment
    refund.status = RefundStatus.SUCCEEDED
    payment.refunded_vnd += refund.amount_vnd
    payment.status = PaymentStatus.REFUNDED if payment.refunded_vnd == payment.paid_vnd else "partially_refunded"
    request = next(
        (e for e in payment.events if e.kind == "refund_requested" and (e.data or {}).get("refund") == refund.id), None
    )
    returns = (request.data or {}).get("returns", []) if request else []
    orders = order_services
    for line_id, quantity in returns:
        orders.apply_goods_returned(line=db.session.get(OrderLine, line_id), quantity=quantity, actor_id=actor_id)
    payment.events.append(
        PaymentEvent(
            provider=payment.method,
            kind="goods_returned" if returns else "refunded",
            amount_vnd=refund.amount_vnd,
            actor_id=actor_id,
            data={"refund": refund.id, "returns": returns},
        )
    )
    order = payment.order
    if payment.status == PaymentStatus.REFUNDED and can_move(order.status, "refunded"):
        orders.apply_refunded(order=order, actor_id=actor_id)


def pending_refunds(number: str) -> list[Refund]:
    payment = payment_of(number)
    return list(
        db.session.scalars(select(Refund).where(Refund.payment_id == payment.id, Refund.status == RefundStatus.PENDING))
    )
