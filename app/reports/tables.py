"""A report's figures as one table: columns with their kind, rows, footer rows (totals), the charted column.

The page, the CSV and the XLSX are all written from the same table, so they hold the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, format_decimal

# How a column's values are shown: whole numbers, đồng, kilograms, tonnes, percentages, hours, words.
KINDS = ("text", "int", "money", "kg", "tonnes", "percent", "hours")
ONE_DECIMAL = Decimal("0.1")
THREE_DECIMALS = Decimal("0.001")


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = "int"

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict]
    footer: list[dict] = field(default_factory=list)
    chart_value: str = ""
    chart_label: str = "name"

    def values(self, row: dict) -> list:
        """The row's values in column order (plain numbers and words, as exported)."""
        return [row.get(c.key, "") for c in self.columns]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def kg(grams: int) -> Decimal:
    """Kilograms, exact (grams are whole)."""
    return (Decimal(int(grams)) / 1000).quantize(THREE_DECIMALS)


def tonnes(grams: int) -> Decimal:
    """Tonnes to the nearest kilogram."""
    return (Decimal(int(grams)) / 1_000_000).quantize(THREE_DECIMALS, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal:
    """A share in per cent with one decimal; 0 when there is no whole."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(int(part)) * 100 / Decimal(int(whole))).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def hours(value: float | None) -> Decimal:
    return Decimal(str(value or 0)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def show(value, kind: str, locale: str) -> str:
    """A value as the page writes it in this locale."""
    if value is None or value == "":
        return ""
    if kind == "text":
        return str(value)
    if kind == "money":
        return format_currency(int(value), "VND", locale=locale)
    if kind == "percent":
        return format_decimal(value, format="#,##0.0", locale=locale) + "\xa0%"
    if kind == "hours":
        return format_decimal(value, format="#,##0.0", locale=locale)
    if kind in ("kg", "tonnes"):
        return format_decimal(value, format="#,##0.###", locale=locale)
    return format_decimal(value, locale=locale)


def plain(value, kind: str) -> str | int | float:
    """A value as the CSV writes it: whole numbers and đồng as digits, decimals with a point."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
