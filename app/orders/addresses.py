"""Delivery addresses: the province the union serves and its wards (two-tier units since July 2025)."""

from __future__ import annotations

from flask_babel import gettext as _

from app.accounts import addresses as saved
from app.core import places
from app.core.places import province_name, ward_name

SERVED_PROVINCES = (75,)  # Đồng Nai (Bình Phước merged into it)

__all__ = [
    "SERVED_PROVINCES",
    "default_address_id",
    "province_name",
    "provinces",
    "saved_address_choices",
    "ward_name",
    "wards",
]


def provinces() -> tuple[tuple[int, str], ...]:
    """(code, name) of the provinces we deliver in."""
    return tuple((code, places.province_name(code)) for code in SERVED_PROVINCES)


def wards(province_code: int) -> tuple[tuple[int, str], ...]:
    """(code, name) of a served province's wards, sorted by name."""
    return places.wards(province_code) if province_code in SERVED_PROVINCES else ()


def saved_address_choices(user) -> list[tuple[int, str]]:
    """(id, "recipient · phone · street, ward, province") of her saved addresses, then "another address"."""
    if user is None or not user.is_authenticated:
        return []
    rows = [(a.id, f"{a.recipient} · {a.phone} · {saved.one_line(a)}") for a in saved.addresses_of(user)]
    return [*rows, (0, _("Another address (fill it in below)"))] if rows else []


def default_address_id(user) -> int:
    """Her default address (0 when she has none)."""
    address = saved.default_address(user) if user is not None and user.is_authenticated else None
    return address.id if address is not None else 0
