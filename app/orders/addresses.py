"""Delivery addresses: the province the union serves and its wards (two-tier units since July 2025)."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, ProvinceCode, Ward

SERVED_PROVINCES = (75,)  # Đồng Nai (Bình Phước merged into it)


@cache
def provinces() -> tuple[tuple[int, str], ...]:
    """(code, name) of the provinces we deliver in."""
    return tuple((code, Province.from_code(ProvinceCode(code)).name) for code in SERVED_PROVINCES)


@cache
def wards(province_code: int) -> tuple[tuple[int, str], ...]:
    """(code, name) of a served province's wards, sorted by name."""
    if province_code not in SERVED_PROVINCES:
        return ()
    found = Ward.iter_by_province(ProvinceCode(province_code))
    return tuple(sorted(((int(w.code), w.name) for w in found), key=lambda pair: pair[1]))


def ward_name(code: int | None) -> str:
    """A ward's name ("Phường Trấn Biên"), or an empty string for an unknown code."""
    for province in SERVED_PROVINCES:
        for ward_code, name in wards(province):
            if ward_code == code:
                return name
    return ""


def province_name(code: int | None) -> str:
    return dict(provinces()).get(code or 0, "")
