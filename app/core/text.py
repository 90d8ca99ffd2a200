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


# Letters that Vietnamese typing and regional speech confuse, merged so confused spellings meet:
# the first consonant (s/x, ch/tr, d/gi/r, c/k/q, ph/f, ngh/ng, gh/g), i/y, and the last consonant
# (n/ng/nh, t/c/ch). Applied to folded words, so tone marks and đ already do not matter.
_ONSETS = (
    ("ngh", "ng"), ("gh", "g"), ("ch", "ch"), ("tr", "ch"), ("kh", "kh"), ("ph", "ph"), ("th", "th"),
    ("nh", "nh"), ("ng", "ng"), ("gi", "z"), ("qu", "ku"), ("d", "z"), ("r", "z"), ("x", "s"), ("s", "s"),
    ("c", "k"), ("k", "k"), ("q", "k"), ("f", "ph"),
)  # fmt: skip
_FINALS = (("ng", "n"), ("nh", "n"), ("ch", "t"), ("n", "n"), ("c", "t"), ("t", "t"), ("m", "m"), ("p", "p"))
_VOWELS = set("aeiouy")


def _onset(word: str) -> tuple[str, str]:
    """The sound-alike first consonant of a folded word and the rest of it."""
    for written, heard in _ONSETS:
        if word.startswith(written):
            rest = word[len(written) :]
            if written == "gi" and (not rest or rest[0] not in _VOWELS):
                rest = "i" + rest  # "gìn" is gi + in, "gì" is gi + i
            return heard, rest
    return "", word


def sound_key(word: str) -> tuple[str, str]:
    """(key, stem) of one folded word: words typed with a common confusion share the key
    ("xao" and "sao", "thung" and "thun", "tron" and "chon"); the stem also drops the last
    consonant, so a dropped or wrong final letter ("sat" for "sap") shares the stem."""
    onset, rest = _onset(word)
    rest = rest.replace("y", "i")
    for written, heard in _FINALS:
        if rest.endswith(written) and len(rest) > len(written):
            stem = onset + rest[: -len(written)]
            return stem + heard, stem
    return onset + rest, onset + rest
