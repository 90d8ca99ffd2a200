"""Provinces and wards from the current (two-tier, July 2025) administrative data."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, ProvinceCode, Ward

from app.catalog.text import fold

DEFAULT_PROVINCE = 75  # Đồng Nai


@cache
def provinces() -> tuple[tuple[int, str], ...]:
    """(code, name) of every province, sorted by name."""
    return tuple(sorted(((int(p.code), p.name) for p in Province.iter_all()), key=lambda item: fold(item[1])))


@cache
def wards(province_code: int) -> tuple[tuple[int, str], ...]:
    """(code, name) of the wards and communes of one province; empty when the code is unknown."""
    try:
        code = ProvinceCode(province_code)
    except ValueError:
        return ()
    return tuple(sorted(((int(w.code), w.name) for w in Ward.iter_by_province(code)), key=lambda item: fold(item[1])))


def province_name(code: int | None) -> str:
    return dict(provinces()).get(code, "") if code is not None else ""


def ward_name(province_code: int | None, ward_code: int | None) -> str:
    if province_code is None or ward_code is None:
        return ""
    return dict(wards(province_code)).get(ward_code, "")


def ward_in_province(province_code: int, ward_code: int) -> bool:
    return ward_code in dict(wards(province_code))


def ward_province(ward_code: int) -> int | None:
    """The province a ward belongs to, or None for an unknown code."""
    for code, _name in provinces():
        if ward_code in dict(wards(code)):
            return code
    return None
