"""Read a bank statement as banks export it into credit lines (pure: no database, no Flask).

Accepted files: Excel (.xlsx, and .xls of older exports, read by python-calamine: the first sheet
with a recognised table), or CSV in UTF-8 (with or without BOM) or Windows-1258, separated by
commas, semicolons or tabs; at most `max_bytes` and `max_rows`. Banks put a few title rows
(account, period) above the table; the header row is the first row where the columns below are
recognised, whatever the file type or the delimiter (each delimiter is tried; the one that finds
the table wins).

Columns, matched by name without accents or case (the first name found wins):
- date (required): "Ngày giao dịch", "Ngày GD", "Ngày hiệu lực", "Transaction date", "Date", …
- credit (required unless a signed amount column exists): "Số tiền ghi có", "Ghi có", "Có",
  "Credit", "Tiền vào", …
- amount (signed, used when there is no credit column): "Số tiền", "Amount"
- description (required): "Nội dung", "Mô tả", "Diễn giải", "Nội dung giao dịch", "Description", …
- reference (optional): "Số tham chiếu", "Mã giao dịch", "Số bút toán", "Reference", …
Extra names can be added per column (configuration STATEMENT_COLUMN_ALIASES).

Amounts: "1.200.000", "1,200,000", "1 200 000", "1200000", "1.200.000 VND", "+1.200.000";
decimals of zero (",00" / ".00") are accepted, other fractions are refused.
Dates: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, optionally followed by a time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from python_calamine import CalamineError, CalamineWorkbook

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "date": (
        "ngay giao dich",
        "ngay gd",
        "ngay hieu luc",
        "ngay hach toan",
        "ngay",
        "thoi gian giao dich",
        "transaction date",
        "posting date",
        "value date",
        "date",
    ),
    "credit": (
        "so tien ghi co",
        "ghi co",
        "so tien co",
        "phat sinh co",
        "tien vao",
        "co",
        "credit amount",
        "credit",
    ),
    "amount": ("so tien", "so tien giao dich", "amount"),
    "description": (
        "noi dung",
        "noi dung giao dich",
        "noi dung chuyen khoan",
        "mo ta",
        "mo ta giao dich",
        "dien giai",
        "chi tiet giao dich",
        "description",
        "details",
        "remarks",
    ),
    "reference": (
        "so tham chieu",
        "ma giao dich",
        "so giao dich",
        "so but toan",
        "ma gd",
        "so ct",
        "reference",
        "transaction id",
        "ref no",
    ),
}
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t")
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class StatementError(ValueError):
    """The file is not a statement we can read; `code` says why (for a translated message)."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class Credit:
    row_number: int
    booked_on: date
    amount_vnd: int
    description: str
    reference: str
    line_hash: str = ""


@dataclass
class Statement:
    columns: dict[str, str]
    rows_read: int
    credits: list[Credit] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without accents or extra spaces: "Số tiền Ghi Có" → "so tien ghi co"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def decode(raw: bytes) -> str:
    """UTF-8 (BOM or not) first, then Windows-1258; NUL bytes mean a binary file."""
    if b"\x00" in raw[:4096]:
        raise StatementError("not_csv")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1258")
        except UnicodeDecodeError:
            raise StatementError("encoding") from None
    # Windows-1258 writes some letters as a base letter plus a combining tone mark.
    return unicodedata.normalize("NFC", text)


def parse_amount(raw: str) -> int | None:
    """Whole đồng from a bank's way of writing it; None when empty; ValueError when unreadable."""
    text = re.sub(r"(?i)\s*(vnd|vnđ|đ|₫)\s*$", "", raw.strip()).replace("\u00a0", " ").strip()
    if not text or text in {"-", "0"}:
        return None if text in {"", "-"} else 0
    sign = -1 if text.startswith("-") or (text.startswith("(") and text.endswith(")")) else 1
    text = text.strip("+-() ")
    match = re.fullmatch(r"(\d{1,3}(?:([., ])\d{3}(?:\2\d{3})*)?|\d+)(?:([.,])(\d{1,2}))?", text)
    if not match:
        raise ValueError(raw)
    whole, group_sep, dec_sep, decimals = match.groups()
    if dec_sep and group_sep and dec_sep == group_sep:
        # "1.200" with "." as a grouping separator was already taken as whole; a same-separator
        # tail of 1–2 digits ("1.200.00") is ambiguous, so refuse it.
        raise ValueError(raw)
    if decimals and int(decimals) != 0:
        raise ValueError(raw)
    return sign * int(re.sub(r"\D", "", whole))


def parse_date(raw: str) -> date:
    """A statement date: dd/mm/yyyy (or - .), yyyy-mm-dd, with an optional time after it."""
    text = raw.strip().split(" ")[0].split("T")[0]
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(raw)


def _find_columns(header: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int] | None:
    folded = [fold(cell) for cell in header]
    found: dict[str, int] = {}
    for role, names in aliases.items():
        for name in names:
            if name in folded and folded.index(name) not in found.values():
                found[role] = folded.index(name)
                break
    if "date" in found and "description" in found and ("credit" in found or "amount" in found):
        return found
    return None


def _merged_aliases(extra: dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    merged = {role: tuple(names) for role, names in COLUMN_ALIASES.items()}
    for role, names in (extra or {}).items():
        if role in merged:
            merged[role] = tuple(fold(n) for n in names) + merged[role]
    return merged


def _csv_rows(text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise StatementError("not_csv") from None


def _find_header(rows: list[list[str]], aliases) -> tuple[int, list[str], dict[str, int]] | None:
    """The first row (among the top ones) naming the columns we need, or None."""
    for start, header in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _find_columns(header, aliases)
        if columns:
            return start, header, columns
    return None


def _csv_table(raw: bytes, aliases) -> tuple[list[list[str]], tuple]:
    """The CSV's rows with the delimiter that finds the table (title rows above it do not matter)."""
    text = decode(raw)
    for delimiter in DELIMITERS:
        rows = _csv_rows(text, delimiter)
        found = _find_header(rows, aliases)
        if found:
            return rows, found
    raise StatementError("columns")


def _cell(value) -> str:
    """An Excel cell as the text a CSV export would hold: whole numbers without ".0", dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _excel_table(raw: bytes, aliases, max_rows: int) -> tuple[list[list[str]], tuple]:
    """The rows of the first sheet that holds a statement table."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            values = sheet.to_python(skip_empty_area=False, nrows=max_rows + HEADER_SEARCH_ROWS + 1)
            rows = [[_cell(v) for v in row] for row in values]
            found = _find_header(rows, aliases)
            if found:
                return rows, found
    except (CalamineError, ValueError, OSError):
        raise StatementError("not_csv") from None  # a broken or password-protected workbook
    raise StatementError("columns")


def file_kind(raw: bytes) -> str:
    """ "xlsx", "xls" or "csv", from the file's first bytes (never from its name)."""
    if raw.startswith(XLSX_MAGIC):
        return "xlsx"
    if raw.startswith(XLS_MAGIC):
        return "xls"
    return "csv"


def line_hashes(credits: list[Credit]) -> list[Credit]:
    """Give each credit a stable hash; identical lines in one file are told apart by their order."""
    seen: Counter[tuple] = Counter()
    hashed = []
    for credit in credits:
        key = (credit.booked_on.isoformat(), credit.amount_vnd, fold(credit.description), credit.reference.strip())
        seen[key] += 1
        digest = hashlib.sha256(repr((key, seen[key])).encode("utf-8")).hexdigest()
        hashed.append(Credit(**{**credit.__dict__, "line_hash": digest}))
    return hashed


def read_statement(
    raw: bytes, *, max_bytes: int, max_rows: int, extra_aliases: dict[str, list[str]] | None = None
) -> Statement:
    """Parse a statement file into its credits; raises StatementError with a reason code."""
    if not raw.strip():
        raise StatementError("empty")
    if len(raw) > max_bytes:
        raise StatementError("too_large", limit=max_bytes)
    aliases = _merged_aliases(extra_aliases)
    if file_kind(raw) == "csv":
        rows, (start, header, columns) = _csv_table(raw, aliases)
    else:
        rows, (start, header, columns) = _excel_table(raw, aliases, max_rows)
    if len(rows) > max_rows + HEADER_SEARCH_ROWS:
        raise StatementError("too_many_rows", limit=max_rows)
    body = rows[start + 1 :]
    if len(body) > max_rows:
        raise StatementError("too_many_rows", limit=max_rows)
    statement = Statement(columns={role: header[i].strip() for role, i in columns.items()}, rows_read=0)
    credits = []
    for offset, row in enumerate(body, start=start + 2):
        credit = _credit(row, columns, offset)
        if row and any(cell.strip() for cell in row):
            statement.rows_read += 1
        if credit:
            credits.append(credit)
    statement.credits = line_hashes(credits)
    return statement


def _credit(row: list[str], columns: dict[str, int], row_number: int) -> Credit | None:
    """The credit on one row, None for debits, totals and blank rows; StatementError if unreadable."""
    if not row or not any(cell.strip() for cell in row):
        return None
    cells = {role: (row[i] if i < len(row) else "") for role, i in columns.items()}
    try:
        booked_on = parse_date(cells["date"])
    except ValueError:
        # Banks end the table with totals or notes that carry no date: not a transaction.
        return None
    try:
        amount = parse_amount(cells["credit"] if "credit" in columns else cells["amount"])
    except ValueError:
        raise StatementError("amount", row=row_number, value=cells.get("credit", cells.get("amount"))) from None
    if not amount or amount <= 0:
        return None
    return Credit(
        row_number=row_number,
        booked_on=booked_on,
        amount_vnd=amount,
        description=" ".join(cells["description"].split())[:500],
        reference=cells.get("reference", "").strip()[:80],
    )
