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
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
