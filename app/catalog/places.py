"""Place names for catalog pages and the API (None, not "", for an unknown code)."""

from __future__ import annotations

from app.core import places


def province_name(code: int | None) -> str | None:
    """ "Đồng Nai" for 75; None for an unknown code."""
    return places.province_name(code) or None


def ward_name(code: int | None) -> str | None:
    """ "Phường Đồng Xoài" for 25210; None for an unknown code."""
    return places.ward_name(code) or None


def place(ward_code: int | None, province_code: int | None) -> str:
    """ "Phường Đồng Xoài, Đồng Nai", or as much of it as the codes allow."""
    return ", ".join(name for name in (places.ward_name(ward_code), places.province_name(province_code)) if name)
