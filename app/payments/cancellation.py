"""Cancelling an order money was paid for: the refund is opened in the cancellation's own transaction.

Card money goes back through Stripe as soon as the cancellation has committed; a bank transfer
becomes an open refund task for union staff, with the shopper asked for her account; cash is paid
back at the outlet. The confirmation page says which, before anything happens.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.core import signals
from app.core.extensions import db
from app.core.i18n import money
from app.core.vocab import PaymentStatus, RefundStatus
from app.orders.models import Order
from app.payments import ledger, refunds
from app.payments.models import Payment, Refund


def _payment(order: Order, *, lock: bool = False) -> Payment | None:
    query = select(Payment).where(Payment.order_id == order.id)
    return db.session.scalar(query.with_for_update() if lock else query)


def apply_order_cancelled(order: Order, *, actor_id: int | None = None, reason: str = "", **_ignored) -> None:
    """Receiver of ``order_cancelled``: close a payment still waiting, open a refund for money held."""
    payment = _payment(order, lock=True)
    if payment is None:
        return
    if payment.status == PaymentStatus.PENDING:
        payment.status = PaymentStatus.CANCELLED
    ledger.refund_what_is_held(payment, reason=reason or _("Order cancelled"), actor_id=actor_id)


def send_card_refunds(order: Order, *, actor_id: int | None = None, **_ignored) -> None:
    """Receiver of ``order_cancel_committed``: send the order's pending card refunds to Stripe now.

    Stripe being down leaves the refund pending on the staff refund list (with "Send again"); the
    cancellation itself stands."""
    payment = _payment(order)
    if payment is None or payment.method != "stripe":
        return
    pending = db.session.scalars(
        select(Refund.id).where(Refund.payment_id == payment.id, Refund.status == RefundStatus.PENDING)
    ).all()
    for refund_id in pending:
        try:
            refunds.send_stripe_refund(refund_id=refund_id, actor_id=actor_id)
        except refunds.RefundError:
            current_app.logger.warning("Card refund %s for %s stays pending", refund_id, order.number)


def money_words(order: Order, *, staff: bool = False, **_ignored) -> list[str] | None:
    """Receiver of ``cancellation_money_wanted``: what happens to the money if this order is cancelled
    (addressed to the shopper, or to staff who cancel for her)."""
    payment = _payment(order)
    if payment is None:
        return None
    held = ledger.held_vnd(payment)
    if held <= 0:
        if payment.method == "vietqr" and payment.status == PaymentStatus.PENDING:
            later = (
                _("A transfer that arrives after the cancellation becomes a refund task on the refund list.")
                if staff
                else _("If a transfer arrives after the cancellation, it is refunded: we will ask for your account.")
            )
            return [_("No transfer for this order has reached the union's account, so nothing is refunded now."), later]
        return [_("Nothing has been paid for this order, so there is nothing to refund.")]
    amount = money(held)
    if payment.method == "stripe":
        return [
            _("%(amount)s paid by card goes back to the card at once.", amount=amount),
            _("The bank may take 5 to 10 days to show it on the card."),
        ]
    if payment.method == "vietqr":
        ask = (
            _("It becomes a refund task; the shopper is asked by email and on her order page for her account.")
            if staff
            else _("After cancelling, give the account to send it to on the order page; we also ask by email.")
        )
        return [_("%(amount)s paid by bank transfer is sent back by bank transfer.", amount=amount), ask]
    return [_("%(amount)s paid in cash is paid back at the outlet.", amount=amount)]


signals.order_cancelled.connect(apply_order_cancelled)
signals.order_cancel_committed.connect(send_card_refunds)
signals.cancellation_money_wanted.connect(money_words)
