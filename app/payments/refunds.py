"""Refunds: never more than was paid, one at a time, Stripe through its API, others paid back by hand."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select

from app.core import audit
from app.core.errors import Conflict, DomainError, FieldErrors, NotFound
from app.core.extensions import db
from app.core.i18n import money
from app.core.timeutil import utcnow
from app.core.vocab import OrderStatus, PaymentStatus, RefundStatus
from app.orders import services as order_services
from app.orders.models import OrderLine
from app.orders.status import can_move
from app.payments import ledger
from app.payments import stripe_gateway as gateway
from app.payments.models import Payment, PaymentEvent, Refund
from app.payments.notices import tell_about_refund
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
    refundable = ledger.held_vnd(payment)
    if refundable <= 0:
        raise RefundError(_("Nothing paid for this order is left to refund."))
    if not isinstance(amount_vnd, int) or not 0 < amount_vnd <= refundable:
        raise RefundError(
            _("A refund can be at most %(amount)s: what was paid and not yet refunded.", amount=money(refundable))
        )


def create_refund(
    *, number: str, amount_vnd: int, reason: str, actor_id: int, returns: list[tuple[int, int]] = ()
) -> Refund:
    """Refund all or part of what was paid for an order; goods brought back go back on the shelf."""
    payment = payment_of(number, lock=True)
    _check_refund(payment, amount_vnd, reason)
    checked = _check_returns(payment, list(returns))
    refund = ledger.open_refund(payment, amount_vnd=amount_vnd, reason=reason, actor_id=actor_id, returns=checked)
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
        if payment.order.status == OrderStatus.CANCELLED:
            # A cancelled order keeps no money: the refund is owed again, as a new task with a new key.
            ledger.refund_what_is_held(payment, reason=refund.reason, actor_id=actor_id)
    db.session.commit()
    return refund


def _settle(refund: Refund, actor_id: int | None) -> None:
    """The money is back with the shopper: count it, bring goods back, close a fully refunded order."""
    payment = refund.payment
    refund.status = RefundStatus.SUCCEEDED
    refund.settled_at, refund.settled_by_id = utcnow(), actor_id
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
    tell_about_refund(refund, "done")


def complete_refund(*, refund_id: int, actor_id: int, note: str = "") -> Refund:
    """Union staff record that a transfer or cash refund has been paid back; audited, the shopper told."""
    refund = db.session.get(Refund, refund_id, with_for_update=True)
    if refund is None:
        raise NotFound(_("This refund was not found."))
    if refund.payment.method == "stripe":
        raise Conflict(_("Card refunds go back through Stripe; send it again instead."))
    if refund.status != RefundStatus.PENDING:
        raise Conflict(_("This refund has already been closed."))
    if refund.payment.method == "vietqr" and not refund.payout_account_no and not note.strip():
        raise RefundError(_("The shopper has not given an account yet: say how the money was paid back."))
    _settle(refund, actor_id)
    audit.record(
        actor_id=actor_id,
        action="payment.refund_paid_back",
        subject_type="order",
        subject_id=refund.payment.order_id,
        reason=note.strip() or None,
        details={"refund": refund.id, "amount_vnd": refund.amount_vnd},
    )
    db.session.commit()
    return refund


def pending_refunds(number: str) -> list[Refund]:
    payment = payment_of(number)
    return list(
        db.session.scalars(select(Refund).where(Refund.payment_id == payment.id, Refund.status == RefundStatus.PENDING))
    )


class PayoutAccountError(FieldErrors):
    code = "payout_account"


def give_payout_account(*, number: str, refund_id: int, bank: str, account_no: str, account_name: str) -> Refund:
    """The shopper names the bank account her transfer refund goes to (she may correct it until it is paid)."""
    payment = payment_of(number, lock=True)
    refund = next((r for r in payment.refunds if r.id == refund_id), None)
    if refund is None:
        raise NotFound(_("This refund was not found."))
    if refund.status != RefundStatus.PENDING or payment.method != "vietqr":
        raise Conflict(_("This refund no longer needs an account."))
    bank, account_name = " ".join((bank or "").split()), " ".join((account_name or "").split())
    digits = re.sub(r"[\s.\-]", "", account_no or "")
    errors = {}
    if not 2 <= len(bank) <= 120:
        errors["bank"] = _("Write the name of your bank, for example Vietcombank.")
    if not re.fullmatch(r"\d{6,19}", digits):
        errors["account_no"] = _("An account number has 6 to 19 digits.")
    if not 2 <= len(account_name) <= 120:
        errors["account_name"] = _("Write the account holder's name as the bank knows it.")
    if errors:
        raise PayoutAccountError(errors=errors)
    refund.payout_bank, refund.payout_account_no, refund.payout_account_name = bank, digits, account_name.upper()
    refund.payout_given_at = utcnow()
    payment.events.append(
        PaymentEvent(provider=payment.method, kind="refund_account_given", data={"refund": refund.id})
    )
    db.session.commit()
    return refund
