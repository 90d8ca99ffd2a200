"""Reading bank statement CSVs: layouts, encodings, amounts, and files that must be refused."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from app.payments.statements import StatementError, parse_amount, read_statement

LIMITS = {"max_bytes": 2 * 1024 * 1024, "max_rows": 5000}

VCB_STYLE = """Sao kê tài khoản 1017686868
Từ ngày 01/06/2026 đến ngày 03/06/2026
STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Mô tả
1,01/06/2026,FT26152001,,"1.200.000",MBVCB.123.DH00001X.CT tu 0123 NGUYEN THI LAN
2,01/06/2026,FT26152002,"50.000",,Phi dich vu SMS
3,02/06/2026 10:31:00,FT26153003,,"300.000",CHUYEN TIEN DH-00002-X
Tổng cộng,,,"50.000","1.500.000",
"""

TCB_STYLE = "Ngày giao dịch;Diễn giải;Nợ;Có;Số dư\n2026-06-01;DH00003X thanh toan;0;250,000;1,250,000\n"


def test_a_statement_with_title_rows_and_totals_gives_only_its_credits():
    statement = read_statement(VCB_STYLE.encode("utf-8"), **LIMITS)
    assert [(c.row_number, c.booked_on, c.amount_vnd, c.reference) for c in statement.credits] == [
        (4, date(2026, 6, 1), 1200000, "FT26152001"),
        (6, date(2026, 6, 2), 300000, "FT26153003"),
    ]
    assert statement.columns["credit"] == "Số tiền ghi có"
    assert statement.credits[0].description.startswith("MBVCB.123.DH00001X")


def test_semicolons_iso_dates_and_comma_thousands():
    statement = read_statement(TCB_STYLE.encode("utf-8"), **LIMITS)
    assert [(c.booked_on, c.amount_vnd) for c in statement.credits] == [(date(2026, 6, 1), 250000)]
    assert statement.columns == {"date": "Ngày giao dịch", "credit": "Có", "description": "Diễn giải"}


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: tone marks as separate combining characters after the letter."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encode", [str.encode, lambda t: t.encode("utf-8-sig"), windows_1258])
def test_utf8_with_or_without_bom_and_windows_1258_read_the_same(encode):
    statement = read_statement(encode(VCB_STYLE), **LIMITS)
    assert [c.amount_vnd for c in statement.credits] == [1200000, 300000]
    assert statement.columns["description"] == "Mô tả"


def test_a_signed_amount_column_keeps_only_money_in():
    raw = "Date,Description,Amount,Reference\n01/06/2026,DH1,+1.200.000,A1\n01/06/2026,fee,-11.000,A2\n"
    statement = read_statement(raw.encode(), **LIMITS)
    assert [c.amount_vnd for c in statement.credits] == [1200000]


def test_extra_column_names_from_configuration():
    raw = "Ngay,Tien ve tai khoan,Ghi chu ngan hang\n01/06/2026,500.000,DH9\n"
    with pytest.raises(StatementError):
        read_statement(raw.encode(), **LIMITS)
    statement = read_statement(
        raw.encode(), **LIMITS, extra_aliases={"credit": ["Tiền về tài khoản"], "description": ["Ghi chú ngân hàng"]}
    )
    assert [c.amount_vnd for c in statement.credits] == [500000]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.200.000", 1200000),
        ("1,200,000", 1200000),
        ("1 200 000", 1200000),
        ("1200000", 1200000),
        ("1.200.000 VND", 1200000),
        ("+1.200.000", 1200000),
        ("1.200.000,00", 1200000),
        ("", None),
    ],
)
def test_amounts_as_banks_write_them(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["1.5", "12,5", "1.200,000", "abc", "1.200.00"])
def test_unclear_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_an_unreadable_amount_names_its_row():
    raw = "Ngày giao dịch,Số tiền ghi có,Nội dung\n01/06/2026,một triệu,DH1\n"
    with pytest.raises(StatementError) as info:
        read_statement(raw.encode(), **LIMITS)
    assert info.value.code == "amount" and info.value.details["row"] == 2


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "not_csv"),
        ("Họ tên,Số điện thoại\nLan,0912345678\n".encode(), "columns"),
        (b"%PDF-1.7\n\xff\xfe\x81\x8d\x8f\x90\x9d binary", "encoding"),
    ],
)
def test_files_that_are_not_statements_are_refused(raw, code):
    with pytest.raises(StatementError) as info:
        read_statement(raw, **LIMITS)
    assert info.value.code == code


def test_a_million_rows_are_refused_before_reading_them_all():
    header = "Ngày giao dịch,Số tiền ghi có,Nội dung\n"
    raw = (header + "01/06/2026,1.000,DH1\n" * 1_000_000).encode()
    with pytest.raises(StatementError) as info:
        read_statement(raw, max_bytes=len(raw) + 1, max_rows=5000)
    assert info.value.code == "too_many_rows"
    with pytest.raises(StatementError) as info:
        read_statement(raw, **LIMITS)
    assert info.value.code == "too_large"


def test_identical_lines_in_one_file_get_different_hashes_that_repeat_on_reupload():
    raw = "Ngày giao dịch,Số tiền ghi có,Nội dung\n01/06/2026,100.000,DH1\n01/06/2026,100.000,DH1\n".encode()
    first = [c.line_hash for c in read_statement(raw, **LIMITS).credits]
    again = [c.line_hash for c in read_statement(raw, **LIMITS).credits]
    assert len(set(first)) == 2 and first == again
