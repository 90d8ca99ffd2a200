"""Payouts: union staff record the money they paid a seller for a period's settlement (audited)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.core import audit
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.i18n import money
from app.core.timeutil import utcnow
from app.payments.models import SellerPayout
from app.payments.reports import day_of, settlement
from app.sellers.models import Seller


def record_payout(
    *,
    actor_id: int,
    seller_id: int,
    start: date,
    end: date,
    commission_percent: Decimal,
    amount_vnd: int | None,
    paid_on: date | None,
    reference: str = "",
) -> SellerPayout:
    """Write down a payment to a seller for start..end; never more than the settlement still owes her."""
    seller = db.session.scalar(select(Seller).where(Seller.id == seller_id).with_for_update())
    if seller is None:
        raise NotFound(_("This page does not exist."))
    report = settlement(start=start, end=end, commission_percent=commission_percent, seller_id=seller.id)
    owed = report.rows[0].still_owed_vnd if report.rows else 0
    errors: dict[str, str] = {}
    if amount_vnd is None or amount_vnd <= 0:
        errors["amount_vnd"] = _("The amount must be above zero.")
    elif amount_vnd > owed:
        errors["amount_vnd"] = _("At most %(owed)s is still owed for this period.", owed=money(owed))
    if paid_on is None or paid_on > day_of(utcnow()):
        errors["paid_on"] = _("Choose the day the money was sent (not in the future).")
    if start > end:
        errors["paid_on"] = _("The period is not valid.")
    if errors:
        raise FieldErrors(errors=errors)
    payout = SellerPayout(
        seller_id=seller.id,
        amount_vnd=amount_vnd,
        period_start=start,
        period_end=end,
        paid_on=paid_on,
        reference=reference.strip()[:120],
        created_by_id=actor_id,
    )
    db.session.add(payout)
    db.session.flush()
    audit.record(
        actor_id=actor_id,
        action="payment.seller_payout",
        subject_type="seller",
        subject_id=seller.id,
        reason=payout.reference or None,
        details={"payout": payout.id, "amount_vnd": amount_vnd, "start": start.isoformat(), "end": end.isoformat()},
    )
    db.session.commit()
    return payout
