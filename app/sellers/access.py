"""Who belongs to a seller: the role look-up behind the seller's desk."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.decorators import role_required
from app.core.extensions import db
from app.sellers.models import SellerMember


def is_seller_member(user) -> bool:
    """True when the account is a member of at least one seller."""
    return db.session.scalar(select(SellerMember.id).where(SellerMember.user_id == user.id).limit(1)) is not None


seller_required = role_required(is_seller_member)
