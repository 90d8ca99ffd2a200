"""Order routing: which outlet ships which lines. A pure function — no database, no Flask.

Pickup: the chosen outlet must hold every line. Delivery: among the active outlets that deliver
to the ward, one outlet that fills everything wins (nearest, then priority, then fewer open
shipments); otherwise a greedy split (most remaining units first, nearest first) into at most
``max_shipments``; otherwise a refusal with the exact shortfall. The reason is returned as a
code with its figures so the caller can word it in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

EARTH_RADIUS_KM = 6371.0088
MAX_SHIPMENTS = 3


@dataclass(frozen=True)
class Line:
    variant_id: int
    quantity: int


@dataclass(frozen=True)
class OutletStock:
    """An outlet as routing sees it: where it is, what it offers and what it has available."""

    outlet_id: int
    available: Mapping[int, int]
    delivery_wards: frozenset[int] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    priority: int = 100
    open_shipments: int = 0
    offers_pickup: bool = True
    offers_delivery: bool = True
    active: bool = True

    def has(self, variant_id: int) -> int:
        return max(0, int(self.available.get(variant_id, 0)))


@dataclass(frozen=True)
class Destination:
    ward_code: int
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class ShipmentPlan:
    outlet_id: int
    lines: tuple[Line, ...]
    distance_km: float | None = None


@dataclass(frozen=True)
class Reason:
    """Why routing decided as it did: a code and its figures, worded by the caller."""

    code: str
    items: int = 0
    distance_km: float | None = None
    shipments: int = 0


@dataclass(frozen=True)
class Allocation:
    shipments: tuple[ShipmentPlan, ...]
    reason: Reason


@dataclass(frozen=True)
class Shortfall:
    """Nothing was allocated: ``missing`` says how many units of each variant are short."""

    missing: tuple[Line, ...]
    reason: Reason
    outlets_with_all: tuple[int, ...] = field(default=())


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_to(outlet: OutletStock, destination: Destination) -> float | None:
    coords = (outlet.latitude, outlet.longitude, destination.latitude, destination.longitude)
    if any(c is None for c in coords):
        return None
    return round(haversine_km(*coords), 3)


def merge_lines(lines: Sequence[Line]) -> tuple[Line, ...]:
    """One line per variant (quantities added), in variant order; non-positive lines are dropped."""
    totals: dict[int, int] = {}
    for line in lines:
        if line.quantity > 0:
            totals[line.variant_id] = totals.get(line.variant_id, 0) + line.quantity
    return tuple(Line(v, q) for v, q in sorted(totals.items()))


def can_fill(outlet: OutletStock, lines: Sequence[Line]) -> bool:
    return all(outlet.has(line.variant_id) >= line.quantity for line in lines)


def rank_key(outlet: OutletStock, destination: Destination) -> tuple:
    """Nearest first (unknown distance last), then priority, fewer open shipments, then id."""
    distance = distance_to(outlet, destination)
    return (distance is None, distance or 0.0, outlet.priority, outlet.open_shipments, outlet.outlet_id)


def route_pickup(lines: Sequence[Line], outlet_id: int, outlets: Sequence[OutletStock]) -> Allocation | Shortfall:
    """Everything from the chosen outlet, or what is short there and which outlets have it all."""
    wanted = merge_lines(lines)
    pickup_outlets = sorted((o for o in outlets if o.active and o.offers_pickup), key=lambda o: o.outlet_id)
    chosen = next((o for o in pickup_outlets if o.outlet_id == outlet_id), None)
    with_all = tuple(o.outlet_id for o in pickup_outlets if can_fill(o, wanted))
    if chosen is None:
        return Shortfall(missing=wanted, reason=Reason("pickup_unavailable"), outlets_with_all=with_all)
    missing = tuple(
        Line(line.variant_id, line.quantity - chosen.has(line.variant_id))
        for line in wanted
        if chosen.has(line.variant_id) < line.quantity
    )
    if missing:
        others = tuple(i for i in with_all if i != outlet_id)
        return Shortfall(missing=missing, reason=Reason("pickup_short", items=len(missing)), outlets_with_all=others)
    plan = ShipmentPlan(outlet_id=outlet_id, lines=wanted)
    return Allocation(shipments=(plan,), reason=Reason("pickup", items=len(wanted)))


def route_delivery(
    lines: Sequence[Line],
    outlets: Sequence[OutletStock],
    destination: Destination,
    max_shipments: int = MAX_SHIPMENTS,
) -> Allocation | Shortfall:
    """One outlet that fills everything, else a greedy split, else the exact shortfall."""
    wanted = merge_lines(lines)
    candidates = sorted(
        (o for o in outlets if o.active and o.offers_delivery and destination.ward_code in o.delivery_wards),
        key=lambda o: rank_key(o, destination),
    )
    if not candidates:
        return Shortfall(missing=wanted, reason=Reason("no_outlet_delivers"))
    for outlet in candidates:
        if can_fill(outlet, wanted):
            distance = distance_to(outlet, destination)
            plan = ShipmentPlan(outlet_id=outlet.outlet_id, lines=wanted, distance_km=distance)
            code = "single_nearest" if distance is not None else "single_priority"
            return Allocation(shipments=(plan,), reason=Reason(code, items=len(wanted), distance_km=distance))
    return _split(wanted, candidates, destination, max_shipments)


def _split(
    wanted: tuple[Line, ...], candidates: list[OutletStock], destination: Destination, max_shipments: int
) -> Allocation | Shortfall:
    remaining = {line.variant_id: line.quantity for line in wanted}
    plans: list[ShipmentPlan] = []
    unused = list(candidates)
    while any(remaining.values()) and len(plans) < max_shipments and unused:
        best = max(unused, key=lambda o: (_covers(o, remaining), _negated(rank_key(o, destination))))
        if _covers(best, remaining) == 0:
            break
        unused.remove(best)
        taken = tuple(
            Line(v, min(best.has(v), q)) for v, q in sorted(remaining.items()) if q and min(best.has(v), q) > 0
        )
        for line in taken:
            remaining[line.variant_id] -= line.quantity
        plans.append(ShipmentPlan(best.outlet_id, taken, distance_to(best, destination)))
    if not any(remaining.values()):
        return Allocation(shipments=tuple(plans), reason=Reason("split", items=len(wanted), shipments=len(plans)))
    return _shortfall(wanted, candidates, remaining, max_shipments)


def _shortfall(
    wanted: tuple[Line, ...], candidates: list[OutletStock], remaining: dict[int, int], max_shipments: int
) -> Shortfall:
    """Units missing across every candidate; when stock exists but is too scattered, say that."""
    missing = tuple(
        Line(line.variant_id, line.quantity - total)
        for line in wanted
        if (total := sum(o.has(line.variant_id) for o in candidates)) < line.quantity
    )
    if missing:
        return Shortfall(missing=missing, reason=Reason("short", items=len(missing)))
    scattered = tuple(Line(v, q) for v, q in sorted(remaining.items()) if q)
    return Shortfall(missing=scattered, reason=Reason("too_scattered", shipments=max_shipments))


def _covers(outlet: OutletStock, remaining: Mapping[int, int]) -> int:
    return sum(min(outlet.has(v), q) for v, q in remaining.items())


def _negated(key: tuple) -> tuple:
    """Turn an ascending rank key into one that max() prefers (nearest, lowest priority...)."""
    unknown, distance, priority, open_shipments, outlet_id = key
    return (not unknown, -distance, -priority, -open_shipments, -outlet_id)
