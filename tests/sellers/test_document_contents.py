"""Seller documents are checked on their whole content: a real picture with nothing hidden after its
end, a PDF whose structure holds. A JPEG header followed by an HTML page is refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.core.extensions import db
from app.sellers.documents import DocumentRejected, check_document
from app.sellers.models import SellerDocument
from tests import factories
from tests.sellers import factories as f

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def jpeg_with_exif_thumbnail() -> bytes:
    """A phone-like JPEG: an EXIF block holding a whole thumbnail JPEG of its own."""
    thumb = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 0, 0)).save(thumb, "JPEG")
    picture = Image.new("RGB", (64, 48), (0, 120, 60))
    exif = picture.getexif()
    exif[0x010F] = "Điện thoại"
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes() + thumb.getvalue(), progressive=True)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (f.jpeg_bytes(), "a.jpg"),
        (f.png_bytes(), "a.png"),
        (f.pdf_bytes(), "a.pdf"),
        (f.pdf_bytes() + b"\r\n\n", "trailing-newline.pdf"),
        (jpeg_with_exif_thumbnail(), "phone.jpg"),
    ],
)
def test_sound_documents_are_accepted_byte_for_byte(app, data, name):
    with app.test_request_context():
        assert check_document(data, name).data == data


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (f.jpeg_bytes() + HTML, "dữ liệu khác phía sau"),
        (f.png_bytes() + HTML, "dữ liệu khác phía sau"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML, "bị hỏng"),
        (f.jpeg_bytes()[:-40], "bị hỏng"),
        (f.jpeg_bytes() + f.jpeg_bytes(), "dữ liệu khác phía sau"),
        (f.pdf_bytes() + HTML, "PDF"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "không phải là một tệp PDF hợp lệ"),
        (f.pdf_bytes().replace(b"startxref\n", b"startxref\n9"), "không phải là một tệp PDF hợp lệ"),
    ],
)
def test_polyglots_and_broken_files_are_refused_with_the_reason(app, data, why):
    with app.test_request_context(), pytest.raises(DocumentRejected) as refused:
        check_document(data, "giay-to.jpg")
    assert why in refused.value.message


def test_a_jpeg_followed_by_html_is_refused_through_the_form_and_nothing_is_kept(client, auth, private_documents):
    factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    response = client.post(
        "/ban-hang/dang-ky",
        data={"kind": "individual", "name": "Chị Lan", "documents": [(io.BytesIO(f.jpeg_bytes() + HTML), "anh.jpg")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "có chứa dữ liệu khác phía sau hình ảnh" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(SellerDocument.id))) == 0
    assert not private_documents.exists() or not any(p.is_file() for p in private_documents.rglob("*"))
