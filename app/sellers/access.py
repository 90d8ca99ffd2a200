"""Who belongs to a seller: the role look-up behind the seller's desk."""

from __future__ import annotations

from sqlalchemy import Exists, exists, select

from app.accounts.decorators import role_required
from app.core.extensions import db
from app.sellers.models import SellerMember


def member_of_a_seller(user_id) -> Exists:
    """Whether the account belongs to a seller, as SQL (``user_id`` may be ``User.id`` of an
    enclosing statement)."""
    return exists().where(SellerMember.user_id == user_id)


def is_seller_member(user) -> bool:
    """True when the account is a member of at least one seller."""
    return bool(db.session.scalar(select(member_of_a_seller(user.id))))


seller_required = role_required(is_seller_member)
