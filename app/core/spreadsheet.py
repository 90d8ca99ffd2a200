"""Files people open in a spreadsheet (CSV now, any XLSX later): one writer that never lets a cell
become a formula.

A text cell starting with = + - @ (or a tab or carriage return, which spreadsheet programs skip
before looking for one) is run as a formula when the file is opened: a seller named
``=HYPERLINK("http://evil.example", "Bấm")`` would come out live. Such cells get a leading single
quote, which the programs show as plain text. Numbers are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should receive it: text that could start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(headers: Iterable, rows: Iterable[Iterable]) -> str:
    """A CSV document, UTF-8 with a BOM so spreadsheet programs read the accents; every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in headers])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()
