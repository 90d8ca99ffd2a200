"""Test data for sellers: real little files, a complete application, consignment helpers."""

from __future__ import annotations

import io

from PIL import Image

from app.core.extensions import db
from app.sellers.models import Seller
from tests import factories

DONG_NAI = 75
BIEN_HOA = 26068  # Phường Biên Hòa, Đồng Nai
HANOI_WARD = 4  # a ward of Hà Nội, not of Đồng Nai


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 90)).save(buf, "PNG")
    return buf.getvalue()


def jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 130, 90)).save(buf, "JPEG")
    return buf.getvalue()


def pdf_bytes() -> bytes:
    """A small well-formed PDF of one empty page: objects, a cross-reference table, startxref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100


def application(**overrides) -> dict:
    """A complete, valid application as the form posts it."""
    data = {
        "kind": "cooperative",
        "name": "HTX Yến sào Đồng Nai",
        "representative": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "htx@example.vn",
        "province_code": str(DONG_NAI),
        "ward_code": str(BIEN_HOA),
        "street": "12 đường Phạm Văn Thuận",
        "registration_no": "3600123456",
        "members_count": "25",
        "women_members_count": "20",
        "story": "Chúng tôi nuôi yến từ năm 2010.",
    }
    data.update({k: str(v) for k, v in overrides.items()})
    return data


def pending_seller(**kw) -> Seller:
    """A seller waiting for review, with an owner account."""
    owner = kw.pop("owner", None) or factories.user()
    seller = factories.seller(status="pending", members=[owner], **kw)
    seller.ward_code, seller.street, seller.story = BIEN_HOA, "12 Phạm Văn Thuận", "Câu chuyện"
    seller.registration_no = "3600123456"
    db.session.flush()
    return seller
