"""Choosing a pickup outlet with eyes open: what each outlet lacks, which one is offered first,
and the other ways (another size, one line fewer, two pickups) when none holds the whole cart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.outlets.routing import (
    Allocation,
    Destination,
    Line,
    PickupOption,
    Shortfall,
    alternatives,
    can_fill,
    merge_lines,
    pickup_options,
    preselect,
    route_pickup,
    route_pickup_split,
    ward_position,
)
from tests.outlets.test_routing import HERE, destinations, line_lists, outlet, outlet_lists

RICE, NEST_50, NEST_100, SHIRT = 1, 2, 3, 4


def test_each_outlet_says_exactly_what_it_lacks_nearest_complete_first():
    near_partial = outlet(1, {RICE: 5, NEST_100: 1}, lat=10.95, lng=106.82)
    far_complete = outlet(2, {RICE: 5, NEST_100: 3}, lat=11.5, lng=106.9)
    empty = outlet(3, {}, lat=10.96, lng=106.83)
    options = pickup_options([Line(RICE, 2), Line(NEST_100, 2)], [near_partial, far_complete, empty], HERE)
    assert [o.outlet_id for o in options] == [2, 1, 3]
    assert options[0].missing == ()
    assert options[1].missing == (Line(NEST_100, 1),)
    assert options[2].missing == (Line(RICE, 2), Line(NEST_100, 2))
    assert options[1].distance_km == 0.0 and 60 < options[0].distance_km < 70


def test_closed_and_delivery_only_outlets_are_not_offered_for_pickup():
    options = pickup_options(
        [Line(RICE, 1)],
        [outlet(1, {RICE: 1}, active=False), outlet(2, {RICE: 1}, offers_pickup=False), outlet(3, {RICE: 1})],
    )
    assert [o.outlet_id for o in options] == [3]


def test_the_remembered_outlet_is_offered_first_when_it_holds_everything():
    options = (PickupOption(1, ()), PickupOption(2, ()), PickupOption(3, (Line(RICE, 1),)))
    assert preselect(options, remembered=2) == 2
    assert preselect(options, remembered=3) == 1  # remembered, but short today: the nearest complete one
    assert preselect(options, remembered=None) == 1
    assert preselect((PickupOption(3, (Line(RICE, 1),)),), remembered=3) is None


def test_a_ward_is_placed_at_its_outlet_or_between_the_outlets_that_deliver_to_it():
    a = outlet(1, {}, lat=10.0, lng=106.0, wards=(7,), ward_code=7)
    b = outlet(2, {}, lat=11.0, lng=107.0, wards=(7, 8), ward_code=9)
    c = outlet(3, {}, lat=12.0, lng=107.0, wards=(8,), ward_code=10)
    assert ward_position(7, [a, b, c]) == Destination(7, 10.0, 106.0)
    assert ward_position(8, [a, b, c]) == Destination(8, 11.5, 107.0)
    assert ward_position(99, [a, b, c]) == Destination(99)
    assert ward_position(None, [a]) is None


def test_no_outlet_holds_everything_so_the_other_ways_are_offered():
    near = outlet(1, {RICE: 5, NEST_50: 4}, lat=10.95, lng=106.82)
    far = outlet(2, {NEST_100: 2, SHIRT: 1}, lat=11.5, lng=106.9)
    lines = [Line(RICE, 2), Line(NEST_100, 1)]
    found = alternatives(lines, [near, far], {NEST_100: (NEST_50, NEST_100), NEST_50: (NEST_50, NEST_100)}, HERE)
    kinds = [(a.kind, a.outlet_ids, a.variant_id, a.replacement_id) for a in found]
    assert kinds == [
        ("swap", (1,), NEST_100, NEST_50),  # the 50 g box instead: the near outlet has everything
        ("remove", (2,), RICE, None),  # without the rice, the far outlet has the nest
        ("remove", (1,), NEST_100, None),  # without the nest, the near outlet has the rice
        ("split", (1, 2), None, None),  # rice here, nest there
    ]


def test_a_split_pickup_takes_whole_lines_from_each_outlet():
    near = outlet(1, {RICE: 5})
    far = outlet(2, {NEST_100: 2, RICE: 1})
    result = route_pickup_split([Line(RICE, 2), Line(NEST_100, 1)], (1, 2), [near, far])
    assert isinstance(result, Allocation) and result.reason.code == "pickup_split"
    assert [(s.outlet_id, s.lines) for s in result.shipments] == [(1, (Line(RICE, 2),)), (2, (Line(NEST_100, 1),))]
    refused = route_pickup_split([Line(RICE, 2), Line(SHIRT, 1)], (1, 2), [near, far])
    assert isinstance(refused, Shortfall) and refused.reason.code == "split_short"
    assert isinstance(route_pickup_split([Line(RICE, 1)], (1, 1), [near]), Shortfall)


# --- properties ---------------------------------------------------------------------------

sibling_maps = st.dictionaries(
    st.integers(min_value=1, max_value=4), st.lists(st.integers(min_value=1, max_value=4), max_size=3), max_size=4
)


@settings(max_examples=300, deadline=None)
@given(line_lists, outlet_lists, destinations)
def test_an_option_is_complete_exactly_when_the_outlet_can_fill_the_cart(lines, outlets, dest):
    wanted = merge_lines(lines)
    by_id = {o.outlet_id: o for o in outlets}
    options = pickup_options(lines, outlets, dest)
    assert {o.outlet_id for o in options} == {o.outlet_id for o in outlets if o.active and o.offers_pickup}
    for option in options:
        shop = by_id[option.outlet_id]
        assert option.complete == can_fill(shop, wanted)
        for line in wanted:
            short = max(0, line.quantity - shop.has(line.variant_id))
            assert {m.variant_id: m.quantity for m in option.missing}.get(line.variant_id, 0) == short
        assert option.complete == isinstance(route_pickup(lines, option.outlet_id, outlets), Allocation)
    complete = [o.complete for o in options]
    assert complete == sorted(complete, reverse=True)  # every complete option before every incomplete one


@settings(max_examples=300, deadline=None)
@given(line_lists, outlet_lists, destinations, st.one_of(st.none(), st.integers(min_value=1, max_value=30)))
def test_the_preselected_outlet_holds_everything_and_none_complete_is_nearer(lines, outlets, dest, remembered):
    options = pickup_options(lines, outlets, dest)
    chosen = preselect(options, remembered)
    complete = [o for o in options if o.complete]
    if not complete:
        assert chosen is None
        return
    assert chosen in {o.outlet_id for o in complete}
    if remembered not in {o.outlet_id for o in complete}:
        assert chosen == complete[0].outlet_id
        first = complete[0].distance_km
        if first is not None:
            assert all(o.distance_km is None or o.distance_km >= first for o in complete)


@settings(max_examples=300, deadline=None)
@given(line_lists, outlet_lists, sibling_maps, destinations)
def test_every_alternative_offered_really_gets_the_cart_served(lines, outlets, siblings, dest):
    wanted = merge_lines(lines)
    for alt in alternatives(lines, outlets, siblings, dest):
        if alt.kind == "swap":
            assert alt.replacement_id in siblings[alt.variant_id] and alt.replacement_id != alt.variant_id
            quantity = next(line.quantity for line in wanted if line.variant_id == alt.variant_id)
            changed = [line for line in wanted if line.variant_id != alt.variant_id]
            changed.append(Line(alt.replacement_id, quantity))
            assert isinstance(route_pickup(changed, alt.outlet_ids[0], outlets), Allocation)
        elif alt.kind == "remove":
            rest = [line for line in wanted if line.variant_id != alt.variant_id]
            assert rest and isinstance(route_pickup(rest, alt.outlet_ids[0], outlets), Allocation)
        else:
            assert alt.kind == "split" and len(set(alt.outlet_ids)) == 2
            result = route_pickup_split(lines, alt.outlet_ids, outlets)
            assert isinstance(result, Allocation)
            taken = sorted((line.variant_id, line.quantity) for s in result.shipments for line in s.lines)
            assert taken == sorted((line.variant_id, line.quantity) for line in wanted)


@settings(max_examples=200, deadline=None)
@given(line_lists, outlet_lists, destinations)
def test_a_split_never_takes_more_than_an_outlet_holds(lines, outlets, dest):
    by_id = {o.outlet_id: o for o in outlets}
    for a in outlets:
        for b in outlets:
            result = route_pickup_split(lines, (a.outlet_id, b.outlet_id), outlets)
            if isinstance(result, Allocation):
                for plan in result.shipments:
                    assert can_fill(by_id[plan.outlet_id], plan.lines)
