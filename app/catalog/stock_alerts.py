"""Low-stock notices: each variant may carry a level; when the units available at an outlet fall
below it, every member of the seller is told once (the next fall is told again after a refill).

The stock ledger (app/outlets/stock.py) announces each move with ``stock_changed``; the receiver
runs in the mover's transaction, so a refused checkout tells nobody anything.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.catalog.models import Product, Variant
from app.core import signals
from app.core.errors import NotFound
from app.core.extensions import db
from app.outlets.models import Outlet, StockRecord
from app.sellers.notices import path_for, tell_members
from app.sellers.services import SellerError, seller_for_member

MAX_LEVEL = 100_000


def warn_when_low(record: StockRecord, *, available_before: int, **_ignored) -> None:
    """Receiver of ``stock_changed``: a notice when this move takes the outlet below the seller's level."""
    with db.session.no_autoflush:  # the sender may still be building its rows (an order at checkout)
        variant = db.session.get(Variant, record.variant_id)
        level = variant.low_stock_level if variant is not None else None
        if level is None or not available_before >= level > record.available:
            return
        outlet = db.session.get(Outlet, record.outlet_id)
        product = db.session.get(Product, variant.product_id)
    item = f"{product.name} – {variant.label}"
    tell_members(
        [variant.seller_id],
        lambda _seller: _(
            "Only %(n)s left of %(item)s at %(outlet)s (you asked to know below %(level)s).",
            n=record.available,
            item=item,
            outlet=outlet.name,
            level=level,
        ),
        lambda seller_id: path_for("sellers.stock_at_outlets", seller_id=seller_id),
    )


def set_low_stock_levels(*, user: User, seller_id: int, levels: dict[int, int | None]) -> int:
    """Save the level of each of her variants (None: no notice); another seller's variant is not found."""
    seller = seller_for_member(user, seller_id)
    variants = {
        v.id: v
        for v in db.session.scalars(select(Variant).where(Variant.id.in_(list(levels))))
        if v.seller_id == seller.id
    }
    if set(levels) - set(variants):
        raise NotFound(_("This page does not exist."))
    errors = {
        f"level-{vid}": _("Enter a whole number from 1 to 100,000, or leave it empty.")
        for vid, level in levels.items()
        if level is not None and not 1 <= level <= MAX_LEVEL
    }
    if errors:
        raise SellerError(errors)
    for vid, level in levels.items():
        variants[vid].low_stock_level = level
    db.session.commit()
    return len(levels)


signals.stock_changed.connect(warn_when_low)
