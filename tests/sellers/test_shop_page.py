"""Her shop page: the owner edits the public parts herself; legal details go to union staff, audited."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.sellers.models import SellerChangeRequest, SellerImage
from tests import factories
from tests.sellers.factories import EXE, png_bytes


@pytest.fixture
def shop(auth):
    owner, member = factories.user(email="chu@htx.vn"), factories.user(email="mai@htx.vn")
    seller = factories.seller(name="HTX Yến Lan", members=[owner])
    factories.add_member(seller, member)
    db.session.commit()
    auth.login("chu@htx.vn")
    return seller


def page_data(**overrides) -> dict:
    data = {
        "story": "Chúng tôi nuôi yến ở Tân Phú từ năm 2010.",
        "public_phone": "0912 345 678",
        "zalo": "0912345678",
        "pickup_at_home": "y",
        "pickup_hours": "Thứ 2–Thứ 7, 8:00–17:00",
    }
    return data | overrides


def post(client, seller, data, photos=()):
    payload = {**data, "photos": [(io.BytesIO(b), n) for b, n in photos]}
    return client.post(f"/ban-hang/{seller.id}/trang-cua-hang", data=payload, content_type="multipart/form-data")


def test_the_owner_edits_story_contact_hours_and_photos(client, shop):
    assert post(client, shop, page_data(), [(png_bytes((30, 20)), "noi-lam.png")]).status_code == 302
    db.session.refresh(shop)
    assert (shop.story, shop.public_phone, shop.zalo_url) == (
        "Chúng tôi nuôi yến ở Tân Phú từ năm 2010.", "0912345678", "https://zalo.me/0912345678",
    )  # fmt: skip
    assert shop.pickup_at_home and shop.pickup_hours == "Thứ 2–Thứ 7, 8:00–17:00"
    assert [(i.width, i.height) for i in shop.images] == [(30, 20)]
    public = client.get(f"/nguoi-ban/{shop.slug}").get_data(as_text=True)
    assert "https://zalo.me/0912345678" in public and "Thứ 2–Thứ 7, 8:00–17:00" in public
    assert f"/media/{shop.images[0].storage_key}/640.webp" in public


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"public_phone": "12345"}, "Nhập số điện thoại Việt Nam"),
        ({"zalo": "https://example.com/lan"}, "Dán đường dẫn Zalo của bạn"),
        ({"pickup_hours": ""}, "Ghi giờ khách có thể đến"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client, shop, overrides, message):
    response = post(client, shop, page_data(**overrides), [(png_bytes(), "a.png")])
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.refresh(shop)
    assert shop.story == "" and db.session.scalar(select(SellerImage)) is None


def test_a_file_that_is_not_an_image_is_refused(client, shop):
    response = post(client, shop, page_data(), [(EXE, "anh.jpg")])
    assert response.status_code == 422 and "“anh.jpg”" in response.get_data(as_text=True)


def test_a_member_who_is_not_the_owner_cannot_change_it(client, auth, shop):
    auth.logout()
    auth.login("mai@htx.vn")
    assert client.get(f"/ban-hang/{shop.id}/trang-cua-hang").status_code == 200
    assert post(client, shop, page_data()).status_code == 403
    other = factories.seller()
    db.session.commit()
    assert client.get(f"/ban-hang/{other.id}/trang-cua-hang").status_code == 404


def test_legal_details_go_to_the_union_and_change_only_when_approved(client, auth, shop):
    data = {"kind": "cooperative", "name": "HTX Yến sào Tân Phú", "registration_no": "3600999999", "note": "Đổi tên"}
    assert client.post(f"/ban-hang/{shop.id}/thong-tin-phap-ly", data=data).status_code == 302
    db.session.refresh(shop)
    assert shop.name == "HTX Yến Lan"
    again = client.post(f"/ban-hang/{shop.id}/thong-tin-phap-ly", data=data)
    assert again.status_code == 422 and "Hội đang kiểm tra" in again.get_data(as_text=True)
    request = db.session.scalar(select(SellerChangeRequest))  # one request waits at a time
    auth.logout()
    staff = factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    auth.login("canbo@example.vn")
    assert "HTX Yến sào Tân Phú" in client.get("/quan-tri/thay-doi-phap-ly").get_data(as_text=True)
    refused = client.post(f"/quan-tri/thay-doi-phap-ly/{request.id}", data={"action": "reject"}, follow_redirects=True)
    assert "Vui lòng ghi lý do" in refused.get_data(as_text=True)
    client.post(f"/quan-tri/thay-doi-phap-ly/{request.id}", data={"action": "approve"})
    db.session.refresh(shop)
    assert (shop.name, shop.registration_no) == ("HTX Yến sào Tân Phú", "3600999999")
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == shop.id)).all()
    assert actions == ["seller.legal_change_requested", "seller.legal_change_approved"]
    assert (
        db.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "seller.legal_change_approved"))
        == staff.id
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "household", "name": "Hộ Lan", "registration_no": ""}, "có số đăng ký"),
        ({"kind": "cooperative", "name": "HTX Yến Lan", "registration_no": ""}, "có số đăng ký"),
        ({"kind": "space", "name": "X"}, "Chọn loại hình người bán"),
    ],
)
def test_a_bad_legal_change_is_refused(client, shop, data, message):
    response = client.post(f"/ban-hang/{shop.id}/thong-tin-phap-ly", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(SellerChangeRequest)) is None


def test_only_the_owner_asks_for_a_legal_change(client, auth, shop):
    auth.logout()
    auth.login("mai@htx.vn")
    data = {"kind": "cooperative", "name": "Tên khác", "registration_no": "3600999999"}
    assert client.post(f"/ban-hang/{shop.id}/thong-tin-phap-ly", data=data).status_code == 403
