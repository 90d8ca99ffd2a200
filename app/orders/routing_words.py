"""Routing decisions and refusals in words a shopper or a staff member understands."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from app.catalog.models import Variant
from app.core.i18n import number
from app.outlets.models import Outlet
from app.outlets.routing import Allocation, Shortfall


def _item(variant: Variant | None) -> str:
    if variant is None:
        return "?"
    return f"{variant.product.name} ({variant.label})"


def _missing(shortfall: Shortfall, variants: Mapping[int, Variant]) -> str:
    return "; ".join(
        _("%(item)s: %(n)s short", item=_item(variants.get(line.variant_id)), n=line.quantity)
        for line in shortfall.missing
    )


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
        return _("Pickup at %(outlet)s, which has all %(n)s items", outlet=outlet, n=reason.items)
    if reason.code == "single_nearest":
        return _(
            "Nearest outlet with all %(n)s items, %(km)s km",
            n=reason.items,
            km=number(round(reason.distance_km or 0, 1)),
        )
    if reason.code == "single_priority":
        return _("First outlet by priority with all %(n)s items (distance unknown)", n=reason.items)
    parts = ", ".join(
        _("%(outlet)s (%(units)s units)", outlet=outlets[s.outlet_id].title, units=sum(li.quantity for li in s.lines))
        for s in allocation.shipments
    )
    return _(
        "No outlet has all %(n)s items; split into %(k)s shipments: %(parts)s",
        n=reason.items,
        k=reason.shipments,
        parts=parts,
    )
