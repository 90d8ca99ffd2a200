"""Routing is a pure function: pickup and delivery rules, and properties that hold for any input."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.outlets.routing import (
    Allocation,
    Destination,
    Line,
    OutletStock,
    Shortfall,
    can_fill,
    haversine_km,
    merge_lines,
    rank_key,
    route_delivery,
    route_pickup,
)

WARD = 100
HERE = Destination(ward_code=WARD, latitude=10.95, longitude=106.82)


def outlet(oid, stock, *, lat=None, lng=None, priority=100, open_shipments=0, wards=(WARD,), **kw) -> OutletStock:
    return OutletStock(
        outlet_id=oid, available=stock, delivery_wards=frozenset(wards), latitude=lat, longitude=lng,
        priority=priority, open_shipments=open_shipments, **kw,
    )  # fmt: skip


def test_haversine_between_bien_hoa_and_dong_xoai_is_about_70_km():
    assert 60 < haversine_km(10.95, 106.82, 11.53, 106.88) < 70


def test_pickup_takes_everything_from_the_chosen_outlet():
    result = route_pickup([Line(1, 2), Line(2, 1)], 7, [outlet(7, {1: 2, 2: 5})])
    assert isinstance(result, Allocation)
    assert result.shipments[0].outlet_id == 7
    assert result.reason.code == "pickup"


def test_pickup_short_says_what_is_missing_and_which_outlets_have_it_all():
    outlets = [
        outlet(7, {1: 1}),
        outlet(8, {1: 5, 2: 5}),
        outlet(9, {1: 9, 2: 9}),
        outlet(10, {1: 9, 2: 9}, active=False),
    ]
    result = route_pickup([Line(1, 3), Line(2, 1)], 7, outlets)
    assert isinstance(result, Shortfall)
    assert result.missing == (Line(1, 2), Line(2, 1))
    assert result.outlets_with_all == (8, 9)


def test_pickup_at_a_closed_outlet_is_refused():
    result = route_pickup([Line(1, 1)], 7, [outlet(7, {1: 5}, active=False)])
    assert isinstance(result, Shortfall) and result.reason.code == "pickup_unavailable"


def test_delivery_prefers_one_outlet_with_everything_over_a_nearer_partial_one():
    near_partial = outlet(1, {1: 5}, lat=10.95, lng=106.82)
    far_complete = outlet(2, {1: 5, 2: 5}, lat=11.5, lng=106.9)
    result = route_delivery([Line(1, 1), Line(2, 1)], [near_partial, far_complete], HERE)
    assert [s.outlet_id for s in result.shipments] == [2]
    assert result.reason.code == "single_nearest"


def test_delivery_ranks_by_distance_then_priority_then_open_shipments():
    a = outlet(1, {1: 5}, lat=11.5, lng=106.9, priority=1)
    b = outlet(2, {1: 5}, lat=10.96, lng=106.82, priority=50)
    assert route_delivery([Line(1, 1)], [a, b], HERE).shipments[0].outlet_id == 2
    c = outlet(3, {1: 5}, priority=10, open_shipments=9)
    d = outlet(4, {1: 5}, priority=10, open_shipments=1)
    e = outlet(5, {1: 5}, priority=20)
    nowhere = Destination(ward_code=WARD)
    assert route_delivery([Line(1, 1)], [c, d, e], nowhere).shipments[0].outlet_id == 4


def test_delivery_ignores_outlets_that_do_not_serve_the_ward():
    result = route_delivery([Line(1, 1)], [outlet(1, {1: 5}, wards=(999,))], HERE)
    assert isinstance(result, Shortfall) and result.reason.code == "no_outlet_delivers"


def test_delivery_splits_greedily_when_no_outlet_has_everything():
    outlets = [outlet(1, {1: 3}, lat=10.95, lng=106.82), outlet(2, {1: 2, 2: 4}, lat=11.0, lng=106.8)]
    result = route_delivery([Line(1, 4), Line(2, 4)], outlets, HERE)
    assert isinstance(result, Allocation) and result.reason.code == "split"
    assert [s.outlet_id for s in result.shipments] == [2, 1]  # outlet 2 covers 6 units, outlet 1 three
    assert result.shipments[0].lines == (Line(1, 2), Line(2, 4))
    assert result.shipments[1].lines == (Line(1, 2),)


def test_delivery_refuses_with_the_exact_shortfall_and_allocates_nothing():
    result = route_delivery([Line(1, 10), Line(2, 1)], [outlet(1, {1: 3}), outlet(2, {1: 4, 2: 1})], HERE)
    assert isinstance(result, Shortfall)
    assert result.missing == (Line(1, 3),)


def test_delivery_needing_more_than_three_shipments_is_refused():
    outlets = [outlet(i, {i: 1}) for i in range(1, 5)]
    result = route_delivery([Line(i, 1) for i in range(1, 5)], outlets, HERE)
    assert isinstance(result, Shortfall) and result.reason.code == "too_scattered"
    assert sum(line.quantity for line in result.missing) == 1


# --- properties ---------------------------------------------------------------------------

variant_ids = st.integers(min_value=1, max_value=4)
stock_maps = st.dictionaries(variant_ids, st.integers(min_value=0, max_value=6), max_size=4)
outlet_lists = st.lists(
    st.builds(
        outlet,
        st.integers(min_value=1, max_value=30),
        stock_maps,
        lat=st.one_of(st.none(), st.floats(min_value=10.5, max_value=12.0)),
        lng=st.one_of(st.none(), st.floats(min_value=106.0, max_value=107.5)),
        priority=st.integers(min_value=1, max_value=5),
        open_shipments=st.integers(min_value=0, max_value=3),
        wards=st.sampled_from([(WARD,), (WARD, 5), (5,)]),
        active=st.booleans(),
    ),
    max_size=6,
    unique_by=lambda o: o.outlet_id,
)
line_lists = st.lists(st.builds(Line, variant_ids, st.integers(min_value=1, max_value=8)), min_size=1, max_size=5)
destinations = st.builds(
    Destination,
    st.just(WARD),
    st.one_of(st.none(), st.floats(min_value=10.5, max_value=12.0)),
    st.one_of(st.none(), st.floats(min_value=106.0, max_value=107.5)),
)


def _allocated(result: Allocation) -> dict[tuple[int, int], int]:
    taken: dict[tuple[int, int], int] = {}
    for plan in result.shipments:
        for line in plan.lines:
            taken[(plan.outlet_id, line.variant_id)] = taken.get((plan.outlet_id, line.variant_id), 0) + line.quantity
    return taken


@settings(max_examples=300, deadline=None)
@given(line_lists, outlet_lists, destinations)
def test_delivery_never_allocates_more_than_available_and_fills_every_line_or_refuses(lines, outlets, dest):
    result = route_delivery(lines, outlets, dest)
    by_id = {o.outlet_id: o for o in outlets}
    if isinstance(result, Shortfall):
        assert result.missing and all(line.quantity > 0 for line in result.missing)
        return
    assert 1 <= len(result.shipments) <= 3
    for (oid, vid), qty in _allocated(result).items():
        assert qty <= by_id[oid].has(vid)
        assert by_id[oid].active and WARD in by_id[oid].delivery_wards
    wanted = {line.variant_id: line.quantity for line in merge_lines(lines)}
    got: dict[int, int] = {}
    for (_oid, vid), qty in _allocated(result).items():
        got[vid] = got.get(vid, 0) + qty
    assert got == wanted


@settings(max_examples=300, deadline=None)
@given(line_lists, outlet_lists, destinations)
def test_the_single_outlet_chosen_is_the_best_ranked_that_can_fill_it(lines, outlets, dest):
    result = route_delivery(lines, outlets, dest)
    wanted = merge_lines(lines)
    able = [o for o in outlets if o.active and WARD in o.delivery_wards and can_fill(o, wanted)]
    if able:
        best = min(able, key=lambda o: rank_key(o, dest))
        assert isinstance(result, Allocation) and [s.outlet_id for s in result.shipments] == [best.outlet_id]
    elif isinstance(result, Allocation):
        assert len(result.shipments) > 1


@settings(max_examples=200, deadline=None)
@given(line_lists, outlet_lists, destinations, st.randoms())
def test_routing_is_deterministic_whatever_the_order_of_its_input(lines, outlets, dest, rnd: random.Random):
    first = route_delivery(lines, outlets, dest)
    shuffled_outlets, shuffled_lines = list(outlets), list(lines)
    rnd.shuffle(shuffled_outlets)
    rnd.shuffle(shuffled_lines)
    assert route_delivery(shuffled_lines, shuffled_outlets, dest) == first


@settings(max_examples=200, deadline=None)
@given(line_lists, outlet_lists, st.integers(min_value=1, max_value=30))
def test_pickup_allocates_everything_at_the_chosen_outlet_or_nothing(lines, outlets, chosen):
    result = route_pickup(lines, chosen, outlets)
    if isinstance(result, Allocation):
        outlet_obj = next(o for o in outlets if o.outlet_id == chosen)
        assert outlet_obj.active and can_fill(outlet_obj, merge_lines(lines))
        assert result.shipments[0].lines == merge_lines(lines)
    else:
        assert result.missing
