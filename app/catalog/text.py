"""Text helpers for search and URLs: accent folding ("Yến sào" → "yen sao") and slugs."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, accent-free text, so "yen sao" matches "Yến sào" (đ/Đ become d)."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def slugify(text: str, *, max_length: int = 120) -> str:
    """An ASCII slug of Vietnamese text: "Hạt điều rang muối" → "hat-dieu-rang-muoi"."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug
