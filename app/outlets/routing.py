"""Order routing: which outlet ships which lines. A pure function — no database, no Flask.

Pickup: the chosen outlet must hold every line (or, when the shopper chose it, two outlets that
each hold whole lines). Before she chooses, ``pickup_options`` says what every pickup outlet
lacks of her cart and how far it is, ``preselect`` picks the outlet to offer first, and
``alternatives`` finds other ways when no outlet holds everything: another size of a product,
one line fewer, or the cart split between two outlets. Delivery: among the active outlets that deliver
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
    ward_code: int | None = None

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


def route_pickup_split(
    lines: Sequence[Line], outlet_ids: tuple[int, int], outlets: Sequence[OutletStock]
) -> Allocation | Shortfall:
    """Two pickups: each line whole from the first outlet when it holds it, else from the second."""
    first, second = outlet_ids
    parts = split_between(merge_lines(lines), first, second, outlets)
    if parts is None:
        whole = route_pickup(lines, first, outlets)
        missing = whole.missing if isinstance(whole, Shortfall) else merge_lines(lines)
        return Shortfall(missing=missing, reason=Reason("split_short", items=len(missing)))
    plans = tuple(ShipmentPlan(outlet_id=i, lines=part) for i, part in zip(outlet_ids, parts, strict=True) if part)
    return Allocation(
        shipments=plans, reason=Reason("pickup_split", items=len(merge_lines(lines)), shipments=len(plans))
    )


def split_between(
    wanted: tuple[Line, ...], first: int, second: int, outlets: Sequence[OutletStock]
) -> tuple[tuple[Line, ...], tuple[Line, ...]] | None:
    """Whole lines for each of two pickup outlets (the first takes what it can), or None."""
    by_id = {o.outlet_id: o for o in outlets if o.active and o.offers_pickup}
    if first == second or first not in by_id or second not in by_id:
        return None
    a, b = by_id[first], by_id[second]
    here = tuple(line for line in wanted if a.has(line.variant_id) >= line.quantity)
    there = tuple(line for line in wanted if line not in here)
    if not here or not there or not can_fill(b, there):
        return None
    return here, there


@dataclass(frozen=True)
class PickupOption:
    """One pickup outlet as the shopper weighs it: what it lacks of her cart now, how far it is."""

    outlet_id: int
    missing: tuple[Line, ...]
    distance_km: float | None = None

    @property
    def complete(self) -> bool:
        return not self.missing


def shortage(outlet: OutletStock, wanted: Sequence[Line]) -> tuple[Line, ...]:
    """The units of each line the outlet lacks (lines it holds in full are left out)."""
    return tuple(
        Line(line.variant_id, line.quantity - outlet.has(line.variant_id))
        for line in wanted
        if outlet.has(line.variant_id) < line.quantity
    )


def ward_position(ward_code: int | None, outlets: Sequence[OutletStock]) -> Destination | None:
    """Where a ward is, as near as the outlets tell: the outlets in it, else the middle of the
    outlets that deliver to it; None when no outlet says anything about it."""
    if ward_code is None:
        return None
    located = [o for o in outlets if o.latitude is not None and o.longitude is not None]
    here = [o for o in located if o.ward_code == ward_code] or [o for o in located if ward_code in o.delivery_wards]
    if not here:
        return Destination(ward_code=ward_code)
    lat = sum(o.latitude for o in here) / len(here)
    lng = sum(o.longitude for o in here) / len(here)
    return Destination(ward_code=ward_code, latitude=lat, longitude=lng)


def pickup_options(
    lines: Sequence[Line], outlets: Sequence[OutletStock], destination: Destination | None = None
) -> tuple[PickupOption, ...]:
    """Every active pickup outlet with what it lacks: those holding the whole cart first, each
    group nearest first (unknown distance last, then priority)."""
    wanted = merge_lines(lines)
    here = destination or Destination(ward_code=0)
    candidates = sorted((o for o in outlets if o.active and o.offers_pickup), key=lambda o: rank_key(o, here))
    options = [PickupOption(o.outlet_id, shortage(o, wanted), distance_to(o, here)) for o in candidates]
    return tuple(sorted(options, key=lambda option: not option.complete))


def preselect(options: Sequence[PickupOption], remembered: int | None = None) -> int | None:
    """The outlet to offer first: the remembered one when it holds everything, else the nearest that does."""
    complete = [o for o in options if o.complete]
    if any(o.outlet_id == remembered for o in complete):
        return remembered
    return complete[0].outlet_id if complete else None


@dataclass(frozen=True)
class Alternative:
    """Another way to get the cart when no single outlet holds it all.

    ``swap``: take ``replacement_id`` (another size of the same product) instead of ``variant_id``;
    ``remove``: leave ``variant_id`` out; ``split``: pick up at two outlets (``outlet_ids``).
    After it, the outlets in ``outlet_ids`` hold everything that is left.
    """

    kind: str
    outlet_ids: tuple[int, ...]
    variant_id: int | None = None
    replacement_id: int | None = None
    distance_km: float | None = None


MAX_ALTERNATIVES = 6


def alternatives(
    lines: Sequence[Line],
    outlets: Sequence[OutletStock],
    siblings: Mapping[int, Sequence[int]],
    destination: Destination | None = None,
) -> tuple[Alternative, ...]:
    """Ways to a cart one outlet (or two) can serve, nearest outlet first within each kind:
    another size of a product, one line fewer, or two pickups."""
    wanted = merge_lines(lines)
    here = destination or Destination(ward_code=0)
    pickup = sorted((o for o in outlets if o.active and o.offers_pickup), key=lambda o: rank_key(o, here))
    found: list[Alternative] = []
    for line in wanted:
        rest = tuple(other for other in wanted if other.variant_id != line.variant_id)
        for replacement in siblings.get(line.variant_id, ()):
            if replacement == line.variant_id:
                continue
            swapped = merge_lines((*rest, Line(replacement, line.quantity)))
            outlet = next((o for o in pickup if can_fill(o, swapped)), None)
            if outlet is not None:
                found.append(
                    Alternative("swap", (outlet.outlet_id,), line.variant_id, replacement, distance_to(outlet, here))
                )
    for line in wanted:
        rest = tuple(other for other in wanted if other.variant_id != line.variant_id)
        outlet = next((o for o in pickup if rest and can_fill(o, rest)), None)
        if outlet is not None:
            found.append(Alternative("remove", (outlet.outlet_id,), line.variant_id, None, distance_to(outlet, here)))
    pairs = [(a, b) for a in pickup for b in pickup if split_between(wanted, a.outlet_id, b.outlet_id, pickup)]
    if pairs:
        a, b = min(pairs, key=lambda pair: _farther(pair, here))
        found.append(Alternative("split", (a.outlet_id, b.outlet_id), distance_km=_farther((a, b), here)[1]))
    swaps = [f for f in found if f.kind == "swap"][: MAX_ALTERNATIVES // 2]
    return tuple(swaps + [f for f in found if f.kind != "swap"])[:MAX_ALTERNATIVES]


def _farther(pair: tuple[OutletStock, OutletStock], here: Destination) -> tuple:
    """How far the farther of two pickups is (unknown last), then the pair's ranks."""
    distances = [distance_to(o, here) for o in pair]
    known = [d for d in distances if d is not None]
    farther = max(known) if len(known) == 2 else None
    return (farther is None, farther, rank_key(pair[0], here), rank_key(pair[1], here))


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
