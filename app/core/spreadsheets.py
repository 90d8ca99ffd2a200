"""Tables as files people open in a spreadsheet program: CSV (UTF-8 with a BOM) and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

Row = Sequence[object]


def to_csv(rows: Sequence[Row]) -> str:
    """Rows as CSV; the BOM lets spreadsheet programs read the Vietnamese accents."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return "\ufeff" + out.getvalue()


def to_xlsx(sheets: Sequence[tuple[str, Sequence[Row]]], *, bold_first_row: bool = True) -> bytes:
    """A workbook with one sheet per (title, rows); numbers stay numbers, so sums work in the program."""
    # Loaded on first use: only spreadsheet downloads need it, and it costs each worker about 7 MiB.
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title=_sheet_title(title))
        for row in rows:
            sheet.append([_cell(value) for value in row])
        if bold_first_row and rows:
            for cell in sheet[1]:
                cell.font = openpyxl.styles.Font(bold=True)
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel refuses sheet titles longer than 31 characters or with []:*?/\\ in them."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:31]


def _cell(value: object) -> object:
    # A text cell starting with = + - @ would be read as a formula by the program (CSV/formula injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
