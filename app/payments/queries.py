"""Reads for the payment pages, each at a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.core.errors import NotFound
from app.core.extensions import db
from app.core.vocab import OrderStatus, PaymentStatus, RefundStatus
from app.orders.models import Order
from app.payments import vietqr
from app.payments.models import Payment, PaymentEvent, Refund, StatementImport, StatementLine
from app.payments.services import payment_of


@dataclass(frozen=True)
class TransferDetails:
    bank_name: str
    account_no: str
    account_name: str
    amount_vnd: int
    purpose: str
    payload: str


def transfer_details(order: Order) -> TransferDetails:
    """What the shopper transfers, for the QR code and for typing by hand."""
    cfg = current_app.config
    purpose = order.number
    payload = vietqr.build_payload(
        bank_bin=cfg["VIETQR_BANK_BIN"],
        account_no=cfg["VIETQR_ACCOUNT_NO"],
        amount_vnd=order.total_vnd,
        purpose=purpose,
    )
    return TransferDetails(
        cfg["VIETQR_BANK_NAME"], cfg["VIETQR_ACCOUNT_NO"], cfg["VIETQR_ACCOUNT_NAME"], order.total_vnd, purpose, payload
    )


def payment_page(number: str) -> Payment:
    """The payment with its order (for the shopper's payment page)."""
    payment = db.session.scalar(
        select(Payment).join(Payment.order).where(Order.number == number).options(selectinload(Payment.order))
    )
    if payment is None:
        raise NotFound(_("This order was not found."))
    return payment


def order_payment(number: str) -> Payment:
    """A payment with everything the staff page shows: order lines, events, refunds."""
    payment = payment_of(number)
    db.session.scalars(
        select(Payment)
        .where(Payment.id == payment.id)
        .options(
            selectinload(Payment.order).selectinload(Order.lines),
            selectinload(Payment.events).selectinload(PaymentEvent.payment),
            selectinload(Payment.refunds),
        )
    ).one()
    return payment


def awaiting_transfers(limit: int = 100) -> list[Payment]:
    return list(
        db.session.scalars(
            select(Payment)
            .join(Payment.order)
            .where(
                Payment.method == "vietqr",
                Payment.status == PaymentStatus.PENDING,
                Order.status == OrderStatus.AWAITING_PAYMENT,
            )
            .options(selectinload(Payment.order))
            .order_by(Order.created_at)
            .limit(limit)
        )
    )


def needing_attention(limit: int = 100) -> list[Payment]:
    """Money received for orders that were cancelled meanwhile: to refund or to reopen."""
    return list(
        db.session.scalars(
            select(Payment)
            .join(Payment.order)
            .where(Payment.status == PaymentStatus.PAID, Order.status == OrderStatus.CANCELLED)
            .options(selectinload(Payment.order))
            .order_by(Payment.id)
            .limit(limit)
        )
    )


def pending_refunds(limit: int = 100) -> list[Refund]:
    """Refunds still owed to shoppers, oldest first."""
    return list(
        db.session.scalars(
            select(Refund)
            .where(Refund.status == RefundStatus.PENDING)
            .options(selectinload(Refund.payment).selectinload(Payment.order))
            .order_by(Refund.id)
            .limit(limit)
        )
    )


def recent_refunds(limit: int = 20) -> list[Refund]:
    """Refunds paid back (or refused by Stripe), newest first."""
    return list(
        db.session.scalars(
            select(Refund)
            .where(Refund.status != RefundStatus.PENDING)
            .options(selectinload(Refund.payment).selectinload(Payment.order))
            .order_by(Refund.id.desc())
            .limit(limit)
        )
    )


def review_lines(limit: int = 200) -> list[StatementLine]:
    return list(
        db.session.scalars(
            select(StatementLine)
            .where(StatementLine.status == "review")
            .options(selectinload(StatementLine.order))
            .order_by(StatementLine.booked_on, StatementLine.id)
            .limit(limit)
        )
    )


def recent_imports(limit: int = 20) -> list[StatementImport]:
    return list(db.session.scalars(select(StatementImport).order_by(StatementImport.id.desc()).limit(limit)))


def statement_import(import_id: int) -> StatementImport:
    record = db.session.scalar(
        select(StatementImport)
        .where(StatementImport.id == import_id)
        .options(selectinload(StatementImport.lines).selectinload(StatementLine.order))
    )
    if record is None:
        raise NotFound(_("This statement was not found."))
    return record


def review_count() -> int:
    return db.session.scalar(select(func.count(StatementLine.id)).where(StatementLine.status == "review")) or 0
