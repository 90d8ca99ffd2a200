"""In-site notices to every member of a seller, each in her own language (sent when the caller commits)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.services import notify
from app.core.extensions import db
from app.sellers.models import SellerMember


def tell_members(seller_ids: Iterable[int], message: Callable[[int], str], link: Callable[[int], str]) -> int:
    """Add ``message(seller_id)`` with ``link(seller_id)`` to each member's notices; returns how many."""
    wanted = sorted(set(seller_ids))
    if not wanted:
        return 0
    # Receivers call this while the sender is still building its rows: no autoflush of half-made objects.
    with db.session.no_autoflush:
        members = db.session.scalars(
            select(SellerMember)
            .where(SellerMember.seller_id.in_(wanted))
            .options(selectinload(SellerMember.user))
            .order_by(SellerMember.id)
        ).all()
    for member in members:
        with force_locale(member.user.locale):
            notify(member.user_id, message(member.seller_id), link(member.seller_id))
    return len(members)


def path_for(endpoint: str, **values) -> str:
    """A site path for a notice's link, also when the change happens outside a request (a command)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)
