"""Four eyes on money confirmed by hand: a transfer confirmed for another amount than the one due
waits until a second staff member approves (the money is counted then) or refuses it."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.errors import Conflict, Forbidden, NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import ApprovalStatus, PaymentStatus
from app.payments.models import Payment, TransferConfirmation
from app.payments.services import apply_money_received


def waiting_for(payment_id: int) -> TransferConfirmation | None:
    """The confirmation of this payment still waiting for a second staff member, if any."""
    return db.session.scalar(
        select(TransferConfirmation)
        .where(TransferConfirmation.payment_id == payment_id, TransferConfirmation.status == ApprovalStatus.PENDING)
        .options(selectinload(TransferConfirmation.requested_by))
    )


def all_waiting(limit: int = 100) -> list[TransferConfirmation]:
    """Every confirmation waiting for a second staff member, oldest first."""
    stmt = (
        select(TransferConfirmation)
        .where(TransferConfirmation.status == ApprovalStatus.PENDING)
        .options(
            selectinload(TransferConfirmation.payment).selectinload(Payment.order),
            selectinload(TransferConfirmation.requested_by),
        )
        .order_by(TransferConfirmation.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def decide(*, confirmation_id: int, approve: bool, actor_id: int) -> tuple[TransferConfirmation, str]:
    """A second staff member approves (the money counts, the order is confirmed) or refuses; audited.

    The one who asked can do neither. Returns the confirmation and the payment's outcome."""
    confirmation = db.session.get(TransferConfirmation, confirmation_id, with_for_update=True)
    if confirmation is None:
        raise NotFound(_("This confirmation was not found."))
    if confirmation.status != ApprovalStatus.PENDING:
        raise Conflict(_("This confirmation has already been decided."))
    if confirmation.requested_by_id == actor_id:
        raise Forbidden(_("Another staff member must approve the amount you entered."))
    payment = db.session.scalars(
        select(Payment)
        .where(Payment.id == confirmation.payment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    outcome = "refused"
    if approve:
        if payment.status != PaymentStatus.PENDING:
            raise Conflict(_("This order is not waiting for a bank transfer any more. Refuse this confirmation."))
        outcome = apply_money_received(
            payment=payment, amount_vnd=confirmation.amount_vnd, kind="confirmed_by_hand",
            actor_id=confirmation.requested_by_id, accept_short=True,
            data={"approved_by": actor_id, "confirmation": confirmation.id},
        )  # fmt: skip
    confirmation.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    confirmation.decided_by_id, confirmation.decided_at = actor_id, utcnow()
    audit.record(
        actor_id=actor_id,
        action="payment.confirmed_by_hand" if approve else "payment.confirmation_refused",
        subject_type="order",
        subject_id=payment.order_id,
        reason=confirmation.note,
        details={
            "amount_vnd": confirmation.amount_vnd, "expected_vnd": confirmation.expected_vnd,
            "requested_by": confirmation.requested_by_id,
        },
    )  # fmt: skip
    db.session.commit()
    return confirmation, outcome
