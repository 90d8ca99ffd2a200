"""Routing decisions and refusals in words a shopper or a staff member understands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import gettext as _
from flask_babel import ngettext

from app.catalog.models import Variant
from app.core.i18n import number
from app.outlets.models import Outlet
from app.outlets.routing import Allocation, Alternative, Line, OutletStock, Shortfall, merge_lines, split_between


def _item(variant: Variant | None) -> str:
    if variant is None:
        return "?"
    return f"{variant.product.name} ({variant.label})"


def _missing(shortfall: Shortfall, variants: Mapping[int, Variant]) -> str:
    return missing_words(shortfall.missing, variants)


def missing_words(missing: Sequence[Line], variants: Mapping[int, Variant]) -> str:
    """ "Yến sào (Hộp 100 g): 1 short; …", or an empty string when nothing is missing."""
    return "; ".join(
        _("%(item)s: %(n)s short", item=_item(variants.get(line.variant_id)), n=line.quantity) for line in missing
    )


def distance_words(km: float | None) -> str:
    """ "about 4.2 km away", "in your ward", or an empty string when the distance is unknown."""
    if km is None:
        return ""
    return _("in your ward") if km < 0.05 else _("about %(km)s km away", km=number(round(km, 1)))


def _units(lines: Sequence[Line]) -> str:
    count = sum(line.quantity for line in lines)
    return ngettext("%(num)s item", "%(num)s items", count)


def alternative_words(
    alternative: Alternative,
    lines: Sequence[Line],
    outlets: Sequence[OutletStock],
    variants: Mapping[int, Variant],
    names: Mapping[int, Outlet],
) -> str:
    """Another way to get the cart, said in one sentence."""
    first = names[alternative.outlet_ids[0]].title
    if alternative.kind != "split" and (far := distance_words(alternative.distance_km)):
        first = f"{first} ({far})"
    if alternative.kind == "swap":
        old, new = variants.get(alternative.variant_id), variants.get(alternative.replacement_id)
        return _(
            "Take %(product)s as %(new)s instead of %(old)s: %(outlet)s then has everything.",
            product=old.product.name if old else "?", new=new.label if new else "?", old=old.label if old else "?",
            outlet=first,
        )  # fmt: skip
    if alternative.kind == "remove":
        return _(
            "Remove %(item)s from the cart: %(outlet)s has everything else.",
            item=_item(variants.get(alternative.variant_id)), outlet=first,
        )  # fmt: skip
    second = names[alternative.outlet_ids[1]].title
    parts = split_between(merge_lines(lines), *alternative.outlet_ids, outlets) or ((), ())
    return _(
        "Pick up in two places: %(first)s (%(first_items)s) and %(second)s (%(second_items)s).",
        first=first, first_items=_units(parts[0]), second=second, second_items=_units(parts[1]),
    )  # fmt: skip


def _names(ids: tuple[int, ...], outlets: Mapping[int, Outlet]) -> str:
    return ", ".join(outlets[i].title for i in ids if i in outlets)


def refusal(
    shortfall: Shortfall, variants: Mapping[int, Variant], outlets: Mapping[int, Outlet], pickup_id: int | None
) -> str:
    """Why the order cannot be placed, with the exact shortfall and where else to go."""
    code = shortfall.reason.code
    if code == "pickup_unavailable":
        return _("This outlet is closed or does not offer pickup. Please choose another outlet.")
    if code == "pickup_short":
        outlet = outlets[pickup_id].title if pickup_id in outlets else "?"
        text = _("%(outlet)s does not have enough: %(missing)s.", outlet=outlet, missing=_missing(shortfall, variants))
        if shortfall.outlets_with_all:
            return (
                text
                + " "
                + _("These outlets have everything: %(names)s.", names=_names(shortfall.outlets_with_all, outlets))
            )
        return text + " " + _("No outlet has everything; try delivery or fewer items.")
    if code == "split_short":
        return _("These two outlets no longer hold your cart between them. Please choose again.")
    if code == "no_outlet_delivers":
        return _("No outlet delivers to this ward yet. Choose pickup instead.")
    if code == "too_scattered":
        return _(
            "These items are spread over more than %(n)s outlets: %(missing)s. Choose pickup or buy fewer items.",
            n=shortfall.reason.shipments,
            missing=_missing(shortfall, variants),
        )
    return _("Not enough stock for this order: %(missing)s.", missing=_missing(shortfall, variants))


def routing_note(allocation: Allocation, outlets: Mapping[int, Outlet]) -> str:
    """The decision as written on the order for the outlet staff."""
    reason = allocation.reason
    if reason.code == "pickup":
        outlet = outlets[allocation.shipments[0].outlet_id].title
        return ngettext(
            "Pickup at %(outlet)s, which has the %(num)s item", "Pickup at %(outlet)s, which has all %(num)s items",
            reason.items, outlet=outlet,
        )  # fmt: skip
    if reason.code == "single_nearest":
        return ngettext(
            "Nearest outlet with the %(num)s item, %(km)s km", "Nearest outlet with all %(num)s items, %(km)s km",
            reason.items, km=number(round(reason.distance_km or 0, 1)),
        )  # fmt: skip
    if reason.code == "single_priority":
        return ngettext(
            "First outlet by priority with the %(num)s item (distance unknown)",
            "First outlet by priority with all %(num)s items (distance unknown)",
            reason.items,
        )
    parts = ", ".join(
        _("%(outlet)s (%(units)s)", outlet=outlets[s.outlet_id].title, units=_units(s.lines))
        for s in allocation.shipments
    )
    if reason.code == "pickup_split":
        return _("Pickup in two places, as the shopper chose: %(parts)s", parts=parts)
    return _(
        "No outlet has all %(n)s items; split into %(k)s shipments: %(parts)s",
        n=reason.items,
        k=reason.shipments,
        parts=parts,
    )
