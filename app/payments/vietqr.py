"""VietQR (NAPAS 247 / EMVCo) transfer payloads, built and read by our own code, and their SVG.

A payload is a string of ID-length-value fields:
00 "01" format, 01 "12" dynamic (an amount is set), 38 the beneficiary (GUID A000000727,
bank BIN + account number, service QRIBFTTA = transfer to an account), 53 "704" (đồng),
54 the amount, 58 "VN", 62/08 the purpose of the transfer (what the shopper's bank writes
into the statement), and 63 a CRC-16/CCITT-FALSE over everything before it including "6304".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import segno
from markupsafe import Markup

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
PURPOSE_MAX = 25
_PURPOSE_ALLOWED = re.compile(r"^[A-Za-z0-9 .\-]*$")


class VietQRError(ValueError):
    """A payload cannot be built or read."""


@dataclass(frozen=True)
class Transfer:
    bank_bin: str
    account_no: str
    amount_vnd: int | None
    purpose: str


def crc16_ccitt_false(data: bytes) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection) as four upper-case hex digits."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def tlv(tag: str, value: str) -> str:
    """One ID-length-value field; the length is two decimal digits."""
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def purpose_text(text: str) -> str:
    """The purpose as banks accept it: plain ASCII letters, digits, spaces, dots and dashes, ≤ 25."""
    if not _PURPOSE_ALLOWED.match(text) or len(text) > PURPOSE_MAX:
        raise VietQRError("the purpose must be at most 25 plain ASCII characters")
    return text


def build_payload(*, bank_bin: str, account_no: str, amount_vnd: int | None, purpose: str = "") -> str:
    """The full payload string for a transfer of amount_vnd to the account, with the purpose."""
    if not re.fullmatch(r"\d{6}", bank_bin or ""):
        raise VietQRError("the bank BIN has six digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account_no or ""):
        raise VietQRError("the account number has 1 to 19 letters or digits")
    if amount_vnd is not None and (not isinstance(amount_vnd, int) or not 0 < amount_vnd < 10**13):
        raise VietQRError("the amount is a whole number of đồng above zero")
    beneficiary = tlv("00", bank_bin) + tlv("01", account_no)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    parts = [tlv("00", "01"), tlv("01", "12" if amount_vnd else "11"), tlv("38", merchant), tlv("53", "704")]
    if amount_vnd:
        parts.append(tlv("54", str(amount_vnd)))
    parts.append(tlv("58", "VN"))
    if purpose:
        parts.append(tlv("62", tlv("08", purpose_text(purpose))))
    body = "".join(parts) + "6304"
    return body + crc16_ccitt_false(body.encode("ascii"))


def split_fields(data: str) -> dict[str, str]:
    """ID → value of one level of ID-length-value fields; raises on a malformed string."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(data):
        tag, length = data[i : i + 2], data[i + 2 : i + 4]
        if len(tag) < 2 or not length.isdigit() or i + 4 + int(length) > len(data):
            raise VietQRError(f"malformed field at position {i}")
        fields[tag] = data[i + 4 : i + 4 + int(length)]
        i += 4 + int(length)
    return fields


def parse_payload(payload: str) -> Transfer:
    """Read a VietQR payload back, checking its CRC and the NAPAS beneficiary template."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("the payload does not end with a CRC field")
    if crc16_ccitt_false(payload[:-4].encode("ascii")) != payload[-4:].upper():
        raise VietQRError("the CRC does not match")
    root = split_fields(payload[:-8])
    merchant = split_fields(root.get("38", ""))
    if merchant.get("00") != NAPAS_GUID or merchant.get("02") != SERVICE_TO_ACCOUNT:
        raise VietQRError("not a NAPAS transfer-to-account payload")
    beneficiary = split_fields(merchant.get("01", ""))
    extra = split_fields(root.get("62", ""))
    amount = root.get("54")
    return Transfer(
        bank_bin=beneficiary.get("00", ""),
        account_no=beneficiary.get("01", ""),
        amount_vnd=int(amount) if amount else None,
        purpose=extra.get("08", ""),
    )


def render_svg(payload: str, *, title: str) -> Markup:
    """The payload as an inline, scalable SVG QR code (medium error correction, 4-module quiet zone)."""
    qr = segno.make_qr(payload, error="m")
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        border=4,
        title=title,
        svgclass="vietqr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return Markup(out.getvalue().decode("utf-8"))  # nosec B704: SVG written by segno from our own payload (digits, names escaped)


def render_png(payload: str, *, scale: int = 10) -> bytes:
    """The payload as a PNG a shopper saves to her phone's gallery and opens from her banking app."""
    out = io.BytesIO()
    segno.make_qr(payload, error="m").save(out, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    return out.getvalue()
