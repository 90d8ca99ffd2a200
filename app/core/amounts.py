"""Prices and weights typed the way people write them: "85.000", "85000 đ", "85k", "0,5 kg", "500 g".

Vietnamese writes thousands with dots and decimals with a comma ("1.250.000", "0,5"); phones
with English keyboards give "1,250,000" and "0.5". The rules, so a figure is never guessed:

- prices are whole đồng: a dot, comma or space followed by exactly three digits groups thousands;
  "85k" and "1,2tr" (nghìn, triệu) multiply; a part after the decimal mark must be zeros;
- weights are whole grams: a comma is a decimal mark, a dot is one too unless exactly three
  digits follow it (then it groups thousands: "1.000 kg" is a tonne); "g", "gr", "gam", "gram",
  "kg", "ký", "kí" name the unit, grams when none is given.

The parsers raise ``AmountError`` with a code the caller words for the user.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_THOUSANDS_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_DIGITS_APART = re.compile(r"\d[\s\u00a0\u202f]+\d")
_CURRENCY = re.compile(r"(₫|đồng|dong|vnđ|vnd|đ|d)$")
_MULTIPLIERS = {"k": 1000, "nghìn": 1000, "nghin": 1000, "ngàn": 1000, "ngan": 1000, "tr": 10**6, "triệu": 10**6}
_MULTIPLIER = re.compile(r"(k|nghìn|nghin|ngàn|ngan|tr|triệu)$")
_UNITS = {"kg": 1000, "ký": 1000, "kí": 1000, "ki": 1000, "g": 1, "gr": 1, "gam": 1, "gram": 1, "grams": 1}
_UNIT = re.compile(r"(kg|ký|kí|ki|grams|gram|gam|gr|g)$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MAX_DONG = 10**12


class AmountError(ValueError):
    """Text that is not an amount; ``code`` says why ("not_a_number", "fraction", "too_large")."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _decimal(digits: str, *, comma_is_decimal: bool) -> Decimal:
    """A number with thousands groups and at most one decimal mark, by the rules above."""
    if not _NUMBER.fullmatch(digits):
        raise AmountError("not_a_number")
    groups = re.split(r"[.,]", digits)
    marks = re.findall(r"[.,]", digits)
    whole, fraction = groups, ""
    if marks:
        last = marks[-1]
        mixed = bool(marks[:-1]) and last not in marks[:-1]  # "1.250.000,5": the last mark differs
        if (last == "," and comma_is_decimal) or len(groups[-1]) != 3 or mixed:
            whole, fraction = groups[:-1], groups[-1]
            marks = marks[:-1]
    if marks and (len(set(marks)) > 1 or not 1 <= len(whole[0]) <= 3 or any(len(g) != 3 for g in whole[1:])):
        raise AmountError("not_a_number")
    try:
        return Decimal("".join(whole) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        raise AmountError("not_a_number") from None


def _compact(text: str) -> str:
    """Lower case without spaces; a space groups thousands only before exactly three digits."""
    text = _THOUSANDS_SPACE.sub("", (text or "").strip().lower())
    if _DIGITS_APART.search(text):
        raise AmountError("not_a_number")
    return _SPACES.sub("", text)


def parse_dong(text: str) -> int:
    """Whole đồng from "85.000", "85,000 ₫", "85 000đ", "85k", "1,2 triệu"; AmountError otherwise."""
    raw = _CURRENCY.sub("", _compact(text))
    factor = 1
    multiplier = _MULTIPLIER.search(raw)
    if multiplier:
        factor = _MULTIPLIERS[multiplier.group(1)]
        raw = raw[: multiplier.start()]
    if not raw:
        raise AmountError("not_a_number")
    value = _decimal(raw, comma_is_decimal=factor > 1) * factor
    if value != value.to_integral_value():
        raise AmountError("fraction")
    if value > MAX_DONG:
        raise AmountError("too_large")
    return int(value)


def parse_grams(text: str) -> int:
    """Whole grams from "500 g", "500", "0,5 kg", "1.5kg", "1.000 kg"; AmountError otherwise."""
    raw = _compact(text)
    factor = 1
    unit = _UNIT.search(raw)
    if unit and unit.start() > 0:
        factor = _UNITS[unit.group(1)]
        raw = raw[: unit.start()]
    value = _decimal(raw, comma_is_decimal=True) * factor
    if value != value.to_integral_value():
        raise AmountError("fraction")
    if value > MAX_DONG:
        raise AmountError("too_large")
    return int(value)


def dong_text(amount: int | None) -> str:
    """Whole đồng as a form shows it back: "1.250.000" (parse_dong reads it again)."""
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def grams_text(grams: int | None, *, locale: str = "vi") -> str:
    """Grams as a form shows them back, never ambiguous: "500 g", "2 kg", "1,5 kg" ("1.5 kg" in English)."""
    if grams is None:
        return ""
    if grams >= 1000 and grams % 1000 == 0:
        return f"{grams // 1000} kg"
    if grams >= 1000 and grams % 100 == 0:
        mark = "," if locale == "vi" else "."
        return f"{grams // 1000}{mark}{grams % 1000 // 100} kg"
    return f"{grams} g"
