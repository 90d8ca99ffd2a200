"""VietQR payloads match published examples, read back, and the rendered SVG scans to the same text."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from app.payments import vietqr

# Payloads published with their inputs by others who build VietQR codes.
PUBLISHED = [
    # subiz/vietqr README: 120.000 đ to VietinBank 0011001932418, "ung ho lu lut".
    (
        {"bank_bin": "970415", "account_no": "0011001932418", "amount_vnd": 120000, "purpose": "ung ho lu lut"},
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C",
    ),
    # vietnam_qr_pay (Ruby port of xuannghia/vietnam-qr-pay) README: ACB 257678859, 10.000 đ.
    (
        {"bank_bin": "970416", "account_no": "257678859", "amount_vnd": 10000, "purpose": "Chuyen tien"},
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045405100005802VN62150811Chuyen tien630453E6",
    ),
    # KienlongBank KPAY SDK README: a payload returned by the bank's staging service.
    (
        {"bank_bin": "970452", "account_no": "10372212086747084", "amount_vnd": 123, "purpose": "TT Don hang 123456"},
        "00020101021238610010A000000727013100069704520117103722120867470840208QRIBFTTA"
        "530370454031235802VN62220818TT Don hang 12345663046352",
    ),
    # A Flutter package's test: TPBank 123456789, 50.000 đ, "test note".
    (
        {"bank_bin": "970423", "account_no": "123456789", "amount_vnd": 50000, "purpose": "test note"},
        "00020101021238530010A0000007270123000697042301091234567890208QRIBFTTA"
        "53037045405500005802VN62130809test note630412A3",
    ),
]


@pytest.mark.parametrize(("inputs", "published"), PUBLISHED)
def test_payload_matches_published_examples(inputs, published):
    assert vietqr.build_payload(**inputs) == published


@pytest.mark.parametrize(("inputs", "published"), PUBLISHED)
def test_published_payloads_read_back(inputs, published):
    transfer = vietqr.parse_payload(published)
    assert (transfer.bank_bin, transfer.account_no, transfer.amount_vnd, transfer.purpose) == tuple(inputs.values())


def test_crc_is_ccitt_false_check_value():
    # The catalogue check value of CRC-16/CCITT-FALSE over "123456789".
    assert vietqr.crc16_ccitt_false(b"123456789") == "29B1"


def test_a_changed_character_fails_the_crc():
    payload = PUBLISHED[0][1].replace("120000", "920000")
    with pytest.raises(vietqr.VietQRError, match="CRC"):
        vietqr.parse_payload(payload)


@pytest.mark.parametrize(
    "bad",
    [
        {"bank_bin": "97041", "account_no": "123", "amount_vnd": 1000, "purpose": "DH1"},
        {"bank_bin": "970415", "account_no": "12-34", "amount_vnd": 1000, "purpose": "DH1"},
        {"bank_bin": "970415", "account_no": "123", "amount_vnd": 0, "purpose": "DH1"},
        {"bank_bin": "970415", "account_no": "123", "amount_vnd": 1000, "purpose": "Đơn hàng 1"},
        {"bank_bin": "970415", "account_no": "123", "amount_vnd": 1000, "purpose": "X" * 26},
    ],
)
def test_bad_inputs_are_refused(bad):
    with pytest.raises(vietqr.VietQRError):
        vietqr.build_payload(**bad)


@given(
    amount=st.integers(min_value=1, max_value=10**12),
    account=st.from_regex(r"[0-9]{6,19}", fullmatch=True),
    purpose=st.from_regex(r"[A-Z0-9]{1,25}", fullmatch=True),
)
def test_any_transfer_reads_back_unchanged(amount, account, purpose):
    payload = vietqr.build_payload(bank_bin="970436", account_no=account, amount_vnd=amount, purpose=purpose)
    transfer = vietqr.parse_payload(payload)
    assert (transfer.account_no, transfer.amount_vnd, transfer.purpose) == (account, amount, purpose)
    assert re.fullmatch(r"[0-9A-F]{4}", payload[-4:])


def svg_to_image(svg: str, scale: int = 8) -> Image.Image:
    """Paint segno's SVG path (rows of horizontal 1-unit strokes) onto a bitmap."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s*(-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            width = float(a)
            top = (y - 0.5) * scale
            draw.rectangle([x * scale, top, (x + width) * scale - 1, top + scale - 1], fill=0)
            x += width
    return image


def test_the_rendered_svg_scans_back_to_the_payload():
    payload = vietqr.build_payload(bank_bin="970436", account_no="1017686868", amount_vnd=1250000, purpose="DH00042X")
    svg = str(vietqr.render_svg(payload, title="QR"))
    assert svg.startswith("<svg") and "<script" not in svg and "style=" not in svg
    decoded = [r.text for r in zxingcpp.read_barcodes(svg_to_image(svg))]
    assert decoded == [payload]
