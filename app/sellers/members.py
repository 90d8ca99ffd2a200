"""Members of a seller: the owner invites existing accounts by email and removes them; a member may
leave. Access rests on the membership row alone, read on every request, so it ends at once."""

from __future__ import annotations

from datetime import timedelta

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import find_by_identifier, notify
from app.core import audit
from app.core.errors import Forbidden, NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.validation import normalise_email
from app.sellers.models import SellerMember
from app.sellers.services import SellerError, membership, seller_for_member


def members_of(*, user: User, seller_id: int) -> list[SellerMember]:
    """The members of a seller the user belongs to, owners first."""
    seller_for_member(user, seller_id)
    stmt = (
        select(SellerMember)
        .where(SellerMember.seller_id == seller_id)
        .options(selectinload(SellerMember.user))
        .order_by(SellerMember.is_owner.desc(), SellerMember.id)
    )
    return list(db.session.scalars(stmt))


def _owner(user: User, seller_id: int) -> SellerMember:
    row = membership(user, seller_id)
    if not row.is_owner:
        raise Forbidden(_("Only the owner can invite or remove members."))
    return row


def invite_member(*, user: User, seller_id: int, email: str) -> SellerMember:
    """Add the account with this email as a member (it must exist already)."""
    owner = _owner(user, seller_id)
    email_n = normalise_email(email)
    account = find_by_identifier(email_n) if email_n else None
    if account is None:
        raise SellerError({"email": _("No account uses this email. Ask her to register first.")})
    exists = db.session.scalar(
        select(SellerMember.id).where(SellerMember.seller_id == seller_id, SellerMember.user_id == account.id)
    )
    if exists:
        raise SellerError({"email": _("She is already a member.")})
    row = SellerMember(seller_id=seller_id, user_id=account.id, is_owner=False)
    db.session.add(row)
    with force_locale(account.locale):
        notify(
            account.id,
            _("You are now a member of %(name)s.", name=owner.seller.name),
            url_for("sellers.overview", seller_id=seller_id),
        )
    db.session.commit()
    return row


def remove_member(*, user: User, seller_id: int, member_id: int) -> None:
    """Remove a member who is not an owner."""
    _owner(user, seller_id)
    row = db.session.scalar(
        select(SellerMember).where(SellerMember.id == member_id, SellerMember.seller_id == seller_id)
    )
    if row is None:
        raise NotFound(_("This page does not exist."))
    if row.is_owner:
        raise Forbidden(_("The owner cannot be removed."))
    audit.record(
        actor_id=user.id,
        action="seller.member_removed",
        subject_type="seller",
        subject_id=seller_id,
        details={"user": row.user_id},
    )
    db.session.delete(row)
    db.session.commit()


def leave(*, user: User, seller_id: int) -> None:
    """A member who is not the owner leaves the seller; her access ends with this commit."""
    row = membership(user, seller_id)
    if row.is_owner:
        raise Forbidden(_("The owner cannot leave. Ask the union to hand the seller to another member."))
    audit.record(
        actor_id=user.id, action="seller.member_left", subject_type="seller", subject_id=seller_id, details=None
    )
    db.session.delete(row)
    db.session.commit()


ACTIVITY_STEP = timedelta(minutes=5)


def note_activity(*, user_id: int, seller_id: int) -> None:
    """Remember that a member used the seller's pages (at most one write per five minutes)."""
    now = utcnow()
    result = db.session.execute(
        update(SellerMember)
        .where(
            SellerMember.seller_id == seller_id,
            SellerMember.user_id == user_id,
            or_(SellerMember.last_active_at.is_(None), SellerMember.last_active_at < now - ACTIVITY_STEP),
        )
        .values(last_active_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:
        db.session.commit()
