"""Statements as banks export them: Excel (.xlsx, .xls) and CSV with title lines above the table."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
import xlwt

from app.payments.statements import StatementError, file_kind, read_statement

LIMITS = {"max_bytes": 2 * 1024 * 1024, "max_rows": 5000}
TITLE = [
    ["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM"],
    ["Sao kê tài khoản 1017686868"],
    ["Từ ngày 01/06/2026 đến 03/06/2026"],
    [],
]
HEADER = ["STT", "Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"]
BODY = [
    [1, datetime(2026, 6, 1, 9, 15), "FT26152001", None, 1200000, "MBVCB.123.DH00001X.CT tu NGUYEN THI LAN"],
    [2, datetime(2026, 6, 1, 10, 0), "FT26152002", 50000, None, "Phi dich vu SMS"],
    [3, date(2026, 6, 2), "FT26153003", None, 300000.0, "CHUYEN TIEN DH-00002-X"],
    ["Tổng cộng", None, None, 50000, 1500000, None],
]
EXPECTED = [(6, date(2026, 6, 1), 1200000, "FT26152001"), (8, date(2026, 6, 2), 300000, "FT26153003")]


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(rows) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sao ke")
    dated = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write(r, c, value, dated)
            elif value is not None:
                sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def credits_of(raw: bytes):
    return [(c.row_number, c.booked_on, c.amount_vnd, c.reference) for c in read_statement(raw, **LIMITS).credits]


@pytest.mark.parametrize("make", [xlsx, xls], ids=["xlsx", "xls"])
def test_excel_statements_with_title_lines_give_their_credits(make):
    raw = make(TITLE + [HEADER] + BODY)
    assert file_kind(raw) == make.__name__
    assert credits_of(raw) == EXPECTED
    statement = read_statement(raw, **LIMITS)
    assert statement.columns["credit"] == "Số tiền ghi có"
    assert statement.credits[0].description == "MBVCB.123.DH00001X.CT tu NGUYEN THI LAN"


def test_an_excel_sheet_of_text_cells_reads_like_a_csv():
    rows = TITLE + [HEADER] + [[str(v) if v is not None else "" for v in r] for r in BODY[:1]]
    rows[-1][1], rows[-1][4] = "01/06/2026", "1.200.000"
    assert credits_of(xlsx(rows)) == [EXPECTED[0]]


def test_an_excel_file_without_a_statement_table_is_refused():
    with pytest.raises(StatementError) as info:
        read_statement(xlsx([["Họ tên", "Số điện thoại"], ["Lan", "0912345678"]]), **LIMITS)
    assert info.value.code == "columns"


def test_a_fraction_of_a_dong_in_excel_is_refused_with_its_row():
    with pytest.raises(StatementError) as info:
        read_statement(xlsx([HEADER, [1, date(2026, 6, 1), "FT1", None, 1200.5, "DH00001X"]]), **LIMITS)
    assert (info.value.code, info.value.details["row"]) == ("amount", 2)


@pytest.mark.parametrize("delimiter", [";", "\t", ","], ids=["semicolon", "tab", "comma"])
def test_title_lines_above_the_table_are_skipped_whatever_the_delimiter(delimiter):
    title = "Sao kê tài khoản 1017686868, Hội LHPN tỉnh Đồng Nai\nTừ ngày 01/06/2026; đến 03/06/2026\n\n"
    table = [
        ["Ngày GD", "Diễn giải", "Ghi nợ", "Ghi có", "Số dư"],
        ["01/06/2026", "DH00003X thanh toan", "", "250.000", "1.250.000"],
        ["02/06/2026", "Phi SMS", "11.000", "", "1.239.000"],
    ]
    raw = (title + "\n".join(delimiter.join(row) for row in table) + "\n").encode("utf-8")
    statement = read_statement(raw, **LIMITS)
    assert [(c.booked_on, c.amount_vnd, c.description) for c in statement.credits] == [
        (date(2026, 6, 1), 250000, "DH00003X thanh toan")
    ]
