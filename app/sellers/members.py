"""Members of a seller: the owner invites existing accounts by email and removes them."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import find_by_identifier, notify
from app.core.errors import Forbidden, NotFound
from app.core.extensions import db
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
    db.session.delete(row)
    db.session.commit()
