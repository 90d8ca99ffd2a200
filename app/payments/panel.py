"""The money part of the order page, which payments owns: the QR while a transfer is awaited,
the payment and its refunds with their state, and the shopper's form for her refund account.

The orders domain asks for it with the ``order_money_wanted`` signal and shows the HTML it gets;
``status`` feeds the small JSON endpoint the page polls every 20 seconds.
"""

from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core import signals
from app.core.extensions import db
from app.core.vocab import OrderStatus, PaymentStatus
from app.orders.models import Order
from app.payments import queries
from app.payments.forms import PayoutAccountForm
from app.payments.models import Payment
from app.payments.vietqr import render_svg


def feed_is_configured() -> bool:
    """Transfers are confirmed in seconds when a bank feed (SePay) is connected."""
    return bool(current_app.config.get("SEPAY_API_KEY"))


def awaits_transfer(payment: Payment) -> bool:
    return (
        payment.method == "vietqr"
        and payment.status == PaymentStatus.PENDING
        and payment.order.status == OrderStatus.AWAITING_PAYMENT
    )


def transfer_view(payment: Payment, link_args: dict) -> dict:
    """What the QR box shows: the code, the words to type, where to save it, how it is confirmed."""
    order = payment.order
    transfer = queries.transfer_details(order)
    return {
        "transfer": transfer,
        "qr": render_svg(transfer.payload, title=_("VietQR code for order %(number)s", number=order.number)),
        "png_url": url_for("payments.qr_png", number=order.number, **link_args),
        "status_url": url_for("payments.payment_status", number=order.number, **link_args),
        "fast": feed_is_configured(),
    }


def status(payment: Payment) -> dict:
    """The payment's state for the page's poll: a code, its words and whether waiting is over."""
    shown = payment.display_status
    waiting = awaits_transfer(payment) or (payment.status == PaymentStatus.PENDING and payment.method == "stripe")
    if payment.status in ("paid", "partially_refunded", "refunded"):
        message = _("Payment received. Thank you! The outlet is preparing your order.")
    elif waiting:
        message = _("Waiting for your transfer.") if payment.method == "vietqr" else _("Waiting for your payment.")
    else:
        message = _("This order is no longer waiting for payment.")
    return {
        "order": payment.order.number,
        "status": shown,
        "label": PaymentStatus.label_of(shown),
        "order_status": payment.order.status,
        "waiting": waiting,
        "message": message,
    }


def order_money(order: Order, *, link_args: dict | None = None, staff: bool = False, **_ignored) -> Markup | None:
    """Receiver of ``order_money_wanted``: the order page's money part, rendered (reads only)."""
    payment = db.session.scalar(
        select(Payment).where(Payment.order_id == order.id).options(selectinload(Payment.refunds))
    )
    if payment is None:
        return None
    link_args = link_args or {}
    panel = transfer_view(payment, link_args) if awaits_transfer(payment) and not staff else None
    return Markup(  # nosec B704: a template rendered with autoescaping
        render_template(
            "payments/_order_money.html",
            payment=payment,
            order=order,
            panel=panel,
            staff_view=staff,
            link_args=link_args,
            account_form=PayoutAccountForm(formdata=None),
        )
    )


signals.order_money_wanted.connect(order_money)
