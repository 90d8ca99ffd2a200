"""Payments: one record per order and an append-only log of what happened to it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import ApprovalStatus, PaymentStatus, RefundStatus
from app.orders.models import PAYMENT_METHODS, Order

PAYMENT_STATUSES = PaymentStatus.codes()
REFUND_STATUSES = RefundStatus.codes()
APPROVAL_STATUSES = ApprovalStatus.codes()


class Payment(db.Model):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint(f"method IN {PAYMENT_METHODS!r}", name="method_known"),
        CheckConstraint(f"status IN {PAYMENT_STATUSES!r}", name="status_known"),
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint("paid_vnd >= 0", name="paid_not_negative"),
        CheckConstraint("refunded_vnd >= 0 AND refunded_vnd <= paid_vnd", name="refund_within_paid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    method: Mapped[str] = mapped_column(String(10))
    amount_vnd: Mapped[int] = mapped_column()
    paid_vnd: Mapped[int] = mapped_column(default=0)
    refunded_vnd: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default=PaymentStatus.PENDING.value, index=True)
    provider_reference: Mapped[str | None] = mapped_column(String(255), index=True)
    paid_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    order: Mapped[Order] = relationship()
    events: Mapped[list[PaymentEvent]] = relationship(back_populates="payment", order_by="PaymentEvent.id")
    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")

    @property
    def display_status(self) -> str:
        """What people should read: an unpaid payment of a cancelled order is cancelled too."""
        return "cancelled" if self.status == "pending" and self.order.status == "cancelled" else self.status


class PaymentEvent(db.Model):
    """Something that happened to a payment; provider event ids are stored once."""

    __tablename__ = "payment_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    provider: Mapped[str] = mapped_column(String(16))
    provider_event_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    amount_vnd: Mapped[int | None]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    payment: Mapped[Payment | None] = relationship(back_populates="events")


class Refund(db.Model):
    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint(f"status IN {REFUND_STATUSES!r}", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=RefundStatus.PENDING.value)
    provider_reference: Mapped[str | None] = mapped_column(String(255))
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where a bank-transfer refund goes: the shopper's own account, given on her order page.
    payout_bank: Mapped[str | None] = mapped_column(String(120))
    payout_account_no: Mapped[str | None] = mapped_column(String(30))
    payout_account_name: Mapped[str | None] = mapped_column(String(120))
    payout_given_at: Mapped[datetime | None]
    settled_at: Mapped[datetime | None]
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    payment: Mapped[Payment] = relationship(back_populates="refunds")

    @property
    def needs_account(self) -> bool:
        """A transfer refund still waiting for the account the shopper wants it sent to."""
        return self.status == RefundStatus.PENDING and self.payment.method == "vietqr" and not self.payout_account_no


class TransferConfirmation(db.Model):
    """A transfer confirmed by hand for another amount than the one due: it counts only once a
    second staff member approves it (four eyes)."""

    __tablename__ = "transfer_confirmations"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint(f"status IN {APPROVAL_STATUSES!r}", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column()
    expected_vnd: Mapped[int] = mapped_column()
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=ApprovalStatus.PENDING.value, index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    payment: Mapped[Payment] = relationship()
    requested_by = relationship("User", foreign_keys=[requested_by_id])


class SellerPayout(db.Model):
    """Money the union paid a seller for her settlement of a period (recorded by union staff)."""

    __tablename__ = "seller_payouts"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    paid_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


STATEMENT_LINE_STATUSES = ("applied", "review", "resolved", "dismissed")
STATEMENT_LINE_ISSUES = ("under", "over", "unknown", "already_paid", "order_closed", "ambiguous")
STATEMENT_SOURCE = "statement"  # else the bank feed's provider name ("sepay")


class StatementImport(db.Model):
    """One bank statement file uploaded by union staff for reconciliation."""

    __tablename__ = "statement_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    layout: Mapped[str] = mapped_column(String(200), default="")
    rows_read: Mapped[int] = mapped_column(default=0)
    credits: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    applied: Mapped[int] = mapped_column(default=0)
    to_review: Mapped[int] = mapped_column(default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    lines: Mapped[list[StatementLine]] = relationship(back_populates="statement", order_by="StatementLine.id")


class StatementLine(db.Model):
    """One credit of a statement or of the bank feed; its hash is unique so it is never counted twice.

    A bank-feed credit has no statement: ``source`` names the provider and ``provider_transaction_id``
    its transaction id (unique), and a later statement line with the same bank reference is recognised.
    """

    __tablename__ = "statement_lines"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint(f"status IN {STATEMENT_LINE_STATUSES!r}", name="status_known"),
        CheckConstraint(f"issue IS NULL OR issue IN {STATEMENT_LINE_ISSUES!r}", name="issue_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statement_imports.id"), index=True)
    source: Mapped[str] = mapped_column(String(16), default=STATEMENT_SOURCE)
    provider_transaction_id: Mapped[str | None] = mapped_column(String(80), unique=True)
    line_hash: Mapped[str] = mapped_column(String(64), unique=True)
    row_number: Mapped[int] = mapped_column()
    booked_on: Mapped[date] = mapped_column(Date)
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(Text)
    bank_reference: Mapped[str] = mapped_column(String(80), default="", index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    issue: Mapped[str | None] = mapped_column(String(16))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)

    statement: Mapped[StatementImport | None] = relationship(back_populates="lines")
    order: Mapped[Order | None] = relationship()
