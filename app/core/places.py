"""Provinces and wards from the current two-tier administrative data (July 2025): the one reader
of the `vietnam-provinces` package for every domain. Store codes; look names up here."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, ProvinceCode, Ward

from app.core.text import fold


@cache
def provinces() -> tuple[tuple[int, str], ...]:
    """(code, name) of every province, sorted by name."""
    return tuple(sorted(((int(p.code), p.name) for p in Province.iter_all()), key=lambda item: fold(item[1])))


@cache
def wards(province_code: int) -> tuple[tuple[int, str], ...]:
    """(code, name) of the wards and communes of one province, sorted by name; empty for an unknown code."""
    try:
        code = ProvinceCode(province_code)
    except ValueError:
        return ()
    return tuple(sorted(((int(w.code), w.name) for w in Ward.iter_by_province(code)), key=lambda item: fold(item[1])))


def province_name(code: int | None) -> str:
    """ "Đồng Nai" for 75; an empty string for an unknown code."""
    if code is None:
        return ""
    try:
        return Province.from_code(code).name
    except ValueError:
        return ""


def ward_name(code: int | None) -> str:
    """ "Phường Đồng Xoài" for 25210; an empty string for an unknown code."""
    if code is None:
        return ""
    try:
        return Ward.from_code(code).name
    except ValueError:
        return ""


def ward_province(ward_code: int | None) -> int | None:
    """The province a ward belongs to, or None for an unknown code."""
    if ward_code is None:
        return None
    try:
        return int(Ward.from_code(ward_code).province_code)
    except ValueError:
        return None
