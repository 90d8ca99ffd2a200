"""A woman applies to sell: save a draft, come back, send; bad input is refused and nothing saved."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.sellers.models import Seller, SellerDocument, SellerMember
from tests import factories
from tests.sellers import factories as f


@pytest.fixture
def applicant(auth):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    return user


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_application_form_lists_dong_nai_wards_without_districts(client, applicant):
    page = client.get("/ban-hang/dang-ky").get_data(as_text=True)
    assert "Phường Biên Hòa" in page
    assert "Quận" not in page and "Huyện" not in page


def test_a_draft_is_saved_and_she_can_come_back(client, applicant):
    response = client.post("/ban-hang/dang-ky", data={"kind": "individual", "name": "Chị Lan bán rau"})
    seller = db.session.scalar(select(Seller))
    assert response.status_code == 302 and f"/ban-hang/{seller.id}/ho-so" in response.location
    assert seller.status == "draft"
    member = db.session.scalar(select(SellerMember))
    assert member.user_id == applicant.id and member.is_owner
    page = client.get(f"/ban-hang/{seller.id}/ho-so").get_data(as_text=True)
    assert "Chị Lan bán rau" in page


def test_a_complete_application_is_sent_for_review(client, applicant):
    client.post("/ban-hang/dang-ky", data={**f.application(), "send": "1"})
    seller = db.session.scalar(select(Seller))
    assert seller.status == "pending"
    assert seller.submitted_at is not None
    assert seller.phone == "0912345678"
    events = db.session.scalars(select(AuditEvent)).all()
    assert [(e.action, e.actor_id, e.on_behalf) for e in events] == [("seller.submit", applicant.id, False)]


def test_sending_an_incomplete_draft_keeps_it_and_says_what_is_missing(client, applicant):
    response = client.post(
        "/ban-hang/dang-ky", data={"kind": "cooperative", "name": "HTX Thiếu", "send": "1"}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    seller = db.session.scalar(select(Seller))
    assert seller.status == "draft"
    assert "Vui lòng điền" in page
    assert "số đăng ký" in page


def test_the_applicant_cannot_change_a_sent_application(client, applicant):
    client.post("/ban-hang/dang-ky", data={**f.application(), "send": "1"})
    seller = db.session.scalar(select(Seller))
    response = client.post(f"/ban-hang/{seller.id}/ho-so", data=f.application(name="Đổi tên"))
    assert response.status_code == 302
    db.session.refresh(seller)
    assert seller.name == "HTX Yến sào Đồng Nai"


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"women_members_count": "30", "members_count": "10"}, "Số thành viên nữ không thể nhiều hơn"),
        ({"phone": "12345"}, "Nhập số điện thoại Việt Nam"),
        ({"email": "khong-phai-email"}, "Nhập địa chỉ email hợp lệ"),
        ({"ward_code": str(f.HANOI_WARD)}, "không thuộc tỉnh đã chọn"),
        ({"name": "x" * 161}, "Tối đa 160 ký tự"),
        ({"story": "y" * 3001}, "Tối đa 3000 ký tự"),
        ({"members_count": "mười"}, "Nhập một số nguyên"),
        ({"kind": "company"}, "Chọn loại"),
        ({"name": ""}, "Vui lòng điền thông tin này"),
    ],
)
def test_bad_application_input_is_refused_next_to_the_field(client, applicant, overrides, field_message):
    response = client.post("/ban-hang/dang-ky", data=f.application(**overrides))
    assert response.status_code == 200
    assert field_message in response.get_data(as_text=True)
    assert count(Seller) == 0 and count(SellerMember) == 0


def upload(client, data: bytes, name: str, **form):
    payload = {**f.application(**form), "documents": [(io.BytesIO(data), name)]}
    return client.post("/ban-hang/dang-ky", data=payload, content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (f.pdf_bytes(), "giay-phep.pdf", "application/pdf"),
        (f.png_bytes(), "anh.png", "image/png"),
        (f.jpeg_bytes(), "chung-nhan.jpg", "image/jpeg"),
        (f.png_bytes(), "ten-sai.pdf", "image/png"),
    ],
)
def test_real_documents_are_stored_privately(client, applicant, app, private_documents, data, name, content_type):
    upload(client, data, name)
    doc = db.session.scalar(select(SellerDocument))
    assert doc.content_type == content_type
    stored = private_documents / doc.storage_key
    assert stored.read_bytes() == data
    assert not str(stored).startswith(app.config["MEDIA_ROOT"])
    assert client.get(f"/media/{doc.storage_key}").status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (f.EXE, "giay-phep.pdf", "là một chương trình"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "anh.png", "là một chương trình"),
        (b"<html><script>alert(1)</script></html>", "giay.pdf", "không phải PDF, JPEG hay PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"rac" * 30, "anh.png", "bị hỏng"),
        (b"%PDF-1.4\n" + b"a" * 100, "cat-do.pdf", "PDF không đầy đủ"),
        (b"%PDF-1.4\n" + b"a" * (5 * 1024 * 1024) + b"%%EOF", "lon.pdf", "lớn hơn 5 MB"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_saved(client, applicant, private_documents, data, name, message):
    response = upload(client, data, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(Seller) == 0 and count(SellerDocument) == 0
    assert not private_documents.exists() or not any(private_documents.rglob("*.*"))


def test_a_rejected_applicant_reads_the_reason_corrects_and_resends(client, applicant):
    client.post("/ban-hang/dang-ky", data={**f.application(), "send": "1"})
    seller = db.session.scalar(select(Seller))
    seller.status, seller.status_reason = "rejected", "Thiếu giấy chứng nhận VietGAP"
    db.session.commit()
    page = client.get(f"/ban-hang/{seller.id}/ho-so").get_data(as_text=True)
    assert "Thiếu giấy chứng nhận VietGAP" in page
    client.post(f"/ban-hang/{seller.id}/ho-so", data={**f.application(story="Đã bổ sung"), "send": "1"})
    db.session.refresh(seller)
    assert seller.status == "pending" and seller.story == "Đã bổ sung"


def test_wards_follow_the_province_as_json(client):
    wards = client.get("/ban-hang/phuong-xa?tinh=75").get_json()
    assert {"code": f.BIEN_HOA, "name": "Phường Biên Hòa"} in wards
    assert client.get("/ban-hang/phuong-xa?tinh=999").get_json() == []


def test_coming_back_to_apply_continues_the_draft(client, applicant):
    client.post("/ban-hang/dang-ky", data={"kind": "individual", "name": "Chị Lan bán rau"})
    seller = db.session.scalar(select(Seller))
    response = client.get("/ban-hang/dang-ky")
    assert response.status_code == 302 and response.location.endswith(f"/ban-hang/{seller.id}/ho-so")
