"""Text helpers for search and URLs: accent folding ("Yến sào" → "yen sao"), words and slugs."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# A word is a run of letters and digits of any script (the underscore is not part of one).
_WORD = re.compile(r"[^\W_]+")
NAME_SEPARATOR = "|"


def fold(text: str) -> str:
    """Lower-case, accent-free text, so "yen sao" matches "Yến sào" (đ/Đ become d)."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def words(text: str) -> list[str]:
    """The folded words of a text, in order: "Nấm Đông-trùng" → ["nam", "dong", "trung"]."""
    return _WORD.findall(fold(text))


def search_document(name: str, *others: str) -> str:
    """The indexed text of a product: " name words | other words " (folded, single-spaced).

    The padding spaces let a plain LIKE tell a whole word (" sao ") from a prefix (" sao"),
    and the bar tells the name from the rest, on SQLite and PostgreSQL alike.
    """
    rest = [word for text in others for word in words(text)]
    return " " + " ".join([*words(name), NAME_SEPARATOR, *rest]) + " "


def slugify(text: str, *, max_length: int = 120) -> str:
    """An ASCII slug of Vietnamese text: "Hạt điều rang muối" → "hat-dieu-rang-muoi"."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug
