"""Names of provinces and wards from their official codes (the 2025 two-tier map)."""

from __future__ import annotations

from vietnam_provinces import Province, Ward


def province_name(code: int | None) -> str | None:
    """ "Đồng Nai" for 75; None for an unknown code."""
    if code is None:
        return None
    try:
        return Province.from_code(code).name
    except ValueError:
        return None


def ward_name(code: int | None) -> str | None:
    """ "Phường Đồng Xoài" for 25210; None for an unknown code."""
    if code is None:
        return None
    try:
        return Ward.from_code(code).name
    except ValueError:
        return None


def place(ward_code: int | None, province_code: int | None) -> str:
    """ "Phường Đồng Xoài, Đồng Nai", or as much of it as the codes allow."""
    return ", ".join(name for name in (ward_name(ward_code), province_name(province_code)) if name)
