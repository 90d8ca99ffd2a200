"""Choosing the pickup outlet with eyes open: for every outlet, whether it holds the whole cart
now, what it lacks, its hours and how far it is from the shopper's ward; the outlet to offer
first; and, when no outlet holds everything, the other ways in words. Read-only (a few queries,
whatever the cart holds); the decisions are app.outlets.routing's, the words routing_words'.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.catalog.models import Variant
from app.core.extensions import db
from app.core.places import ward_name
from app.orders import cart as cart_service
from app.orders.cart import CartItem
from app.orders.routing_words import alternative_words, distance_words, missing_words
from app.outlets import routing
from app.outlets.models import Outlet, StockRecord

REMEMBERED_KEY = "pickup_outlet"  # the session key of a guest's last pickup outlet


@dataclass(frozen=True)
class OutletRow:
    """One pickup outlet on the checkout page."""

    outlet: Outlet
    option: routing.PickupOption
    missing: str  # in words, empty when the outlet holds everything
    distance: str  # in words, empty when unknown

    @property
    def value(self) -> str:
        return str(self.outlet.id)


@dataclass(frozen=True)
class AlternativeRow:
    """Another way to get the cart, in words, with what the page needs to act on it."""

    alternative: routing.Alternative
    words: str
    form_id: str  # the page's form that changes the cart this way (none for two pickups)

    @property
    def value(self) -> str:
        """The pickup choice a split stands for ("3+7"); other kinds change the cart instead."""
        return "+".join(str(i) for i in self.alternative.outlet_ids)


@dataclass(frozen=True)
class PickupChoice:
    rows: list[OutletRow]
    preselected: int | None
    alternatives: list[AlternativeRow]
    ward_code: int | None

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    @property
    def any_complete(self) -> bool:
        return any(row.option.complete for row in self.rows)


def routing_outlets(outlets: list[Outlet], records: list[StockRecord], open_counts=None) -> list[routing.OutletStock]:
    """Outlets as routing sees them, with what each has available of the given stock records."""
    available: dict[int, dict[int, int]] = {}
    for r in records:
        available.setdefault(r.outlet_id, {})[r.variant_id] = r.on_hand - r.reserved
    counts = open_counts or {}
    return [
        routing.OutletStock(
            outlet_id=o.id, available=available.get(o.id, {}), delivery_wards=frozenset(o.delivery_ward_codes),
            latitude=o.latitude, longitude=o.longitude, priority=o.priority, open_shipments=counts.get(o.id, 0),
            offers_pickup=o.offers_pickup, offers_delivery=o.offers_delivery, active=o.is_active, ward_code=o.ward_code,
        )
        for o in outlets
    ]  # fmt: skip


def _siblings(variants: dict[int, Variant]) -> dict[int, list[int]]:
    """For each cart variant, the other sizes on sale of the same product (one query)."""
    product_ids = {v.product_id for v in variants.values()}
    rows = db.session.execute(
        select(Variant.id, Variant.product_id)
        .where(Variant.product_id.in_(product_ids), Variant.is_active.is_(True))
        .order_by(Variant.position, Variant.id)
    ).all()
    by_product: dict[int, list[int]] = {}
    for variant_id, product_id in rows:
        by_product.setdefault(product_id, []).append(variant_id)
    return {v.id: [s for s in by_product.get(v.product_id, []) if s != v.id] for v in variants.values()}


def pickup_choice(*, items: list[CartItem], ward_code: int | None, remembered: int | None) -> PickupChoice:
    """The pickup outlets for this cart, nearest to ``ward_code`` first, with the one to offer first."""
    outlets = list(db.session.scalars(select(Outlet).order_by(Outlet.id)))
    lines = [routing.Line(i.variant_id, i.quantity) for i in items]
    ids = [i.variant_id for i in items]
    variants, _buyable = cart_service.load_variants(ids)
    siblings = _siblings(variants)
    every_id = sorted(set(ids) | {s for group in siblings.values() for s in group})
    records = list(db.session.scalars(select(StockRecord).where(StockRecord.variant_id.in_(every_id)))) if ids else []
    if set(every_id) - set(variants):
        variants.update(cart_service.load_variants(every_id)[0])
    candidates = routing_outlets(outlets, records)
    here = routing.ward_position(ward_code, candidates)
    options = routing.pickup_options(lines, candidates, here)
    by_id = {o.id: o for o in outlets}
    rows = [
        OutletRow(by_id[o.outlet_id], o, missing_words(o.missing, variants), distance_words(o.distance_km))
        for o in options
    ]
    found = (
        routing.alternatives(lines, candidates, siblings, here)
        if lines and not any(o.complete for o in options)
        else ()
    )
    words = [
        AlternativeRow(
            a, alternative_words(a, lines, candidates, variants, by_id), "" if a.kind == "split" else f"alt-{i}"
        )
        for i, a in enumerate(found, 1)
    ]
    return PickupChoice(rows, routing.preselect(options, remembered), words, ward_code)
