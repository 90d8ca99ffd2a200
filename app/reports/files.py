"""A report table as CSV and as an Excel workbook (XLSX), with the same figures as the page."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from app.reports.tables import Table, plain

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet number formats per column kind.
NUMBER_FORMATS = {
    "int": "#,##0",
    "money": "#,##0",
    "kg": "#,##0.000",
    "tonnes": "#,##0.000",
    "percent": "0.0",
    "hours": "#,##0.0",
}


def rows_of(table: Table) -> list[list]:
    """Header, rows and footer rows, each value as plain data."""
    out = [[c.heading for c in table.columns]]
    for row in [*table.rows, *table.footer]:
        out.append([plain(value, c.kind) for value, c in zip(table.values(row), table.columns, strict=True)])
    return out


def to_csv(table: Table) -> str:
    """UTF-8 with a BOM so spreadsheet programs read the accents; money in whole đồng."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows_of(table))
    return "\ufeff" + buffer.getvalue()


def to_xlsx(table: Table, *, title: str, about: list[str]) -> bytes:
    """One sheet: the title and what the figures cover, then the table with its totals in bold."""
    # Loaded on first use: only spreadsheet downloads need it, and it costs each worker about 7 MiB.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = openpyxl.styles.Font(bold=True, size=14)
    for line in about:
        sheet.append([line])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append([c.heading for c in table.columns])
    for cell in sheet[header_row]:
        cell.font = openpyxl.styles.Font(bold=True)
    for index, row in enumerate([*table.rows, *table.footer]):
        sheet.append([_cell(value) for value in table.values(row)])
        is_footer = index >= len(table.rows)
        for column, cell in zip(table.columns, sheet[sheet.max_row], strict=True):
            cell.number_format = NUMBER_FORMATS.get(column.kind, "General")
            cell.font = openpyxl.styles.Font(bold=is_footer)
    for number, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(number)].width = 36 if column.kind == "text" else 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value
