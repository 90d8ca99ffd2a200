"""Provinces and wards for seller addresses, from the shared administrative data (app.core.places)."""

from __future__ import annotations

from app.core import places
from app.core.places import province_name, provinces, ward_province, wards

DEFAULT_PROVINCE = 75  # Đồng Nai

__all__ = ["DEFAULT_PROVINCE", "province_name", "provinces", "ward_in_province", "ward_name", "ward_province", "wards"]


def ward_name(province_code: int | None, ward_code: int | None) -> str:
    """The ward's name when it lies in that province, else an empty string."""
    if province_code is None or ward_code is None or not ward_in_province(province_code, ward_code):
        return ""
    return places.ward_name(ward_code)


def ward_in_province(province_code: int, ward_code: int) -> bool:
    return ward_province(ward_code) == province_code
