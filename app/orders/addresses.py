"""Delivery addresses: the province the union serves and its wards (two-tier units since July 2025)."""

from __future__ import annotations

from app.core import places
from app.core.places import province_name, ward_name

SERVED_PROVINCES = (75,)  # Đồng Nai (Bình Phước merged into it)

__all__ = ["SERVED_PROVINCES", "province_name", "provinces", "ward_name", "wards"]


def provinces() -> tuple[tuple[int, str], ...]:
    """(code, name) of the provinces we deliver in."""
    return tuple((code, places.province_name(code)) for code in SERVED_PROVINCES)


def wards(province_code: int) -> tuple[tuple[int, str], ...]:
    """(code, name) of a served province's wards, sorted by name."""
    return places.wards(province_code) if province_code in SERVED_PROVINCES else ()
