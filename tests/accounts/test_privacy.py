"""Personal data (Decree 13/2023): consent at registration, the published notice and rules, her data
as JSON, and deleting the account (orders kept without her details, no sign-in afterwards)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.accounts.models import Address, Notification, User
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.core.vocab import OrderStatus
from app.orders.models import Cart, FavouriteProduct
from app.reviews.models import Review
from tests import factories
from tests.orders.factories import place, reload, stocked_variant
from tests.reviews.factories import bought, review

REGISTER = {
    "full_name": "Nguyễn Thị Hồng",
    "email": "hong@example.vn",
    "phone": "0912 345 678",
    "password": "hoa-sen-2026",
    "confirm": "hoa-sen-2026",
}


def test_registration_needs_consent_to_the_privacy_notice(client):
    page = client.post("/dang-ky", data=REGISTER).get_data(as_text=True)
    assert "Vui lòng đọc và đồng ý với chính sách bảo vệ dữ liệu cá nhân để tạo tài khoản." in page
    assert db.session.scalar(select(func.count(User.id))) == 0
    client.post("/dang-ky", data={**REGISTER, "consent": "y"})
    user = db.session.scalar(select(User))
    assert user.privacy_accepted_at is not None and user.privacy_version == "2026-01"


def test_the_register_form_links_the_notice_and_the_footer_links_rules_and_complaints(client):
    page = client.get("/dang-ky").get_data(as_text=True)
    for path in ("/chinh-sach-bao-ve-du-lieu", "/quy-che-hoat-dong", "/khieu-nai"):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200
    notice = client.get("/chinh-sach-bao-ve-du-lieu").get_data(as_text=True)
    assert "Nghị định 13/2023/NĐ-CP" in notice and "Hội Liên hiệp Phụ nữ tỉnh Đồng Nai" in notice
    complaints = client.get("/khieu-nai").get_data(as_text=True)
    assert "0251 3822 345" in complaints and "lienhe@chophunu.vn" in complaints


@pytest.fixture
def lan(app, auth):
    user = factories.user(email="lan@example.vn", phone="0912345678", full_name="Nguyễn Thị Lan")
    db.session.commit()
    auth.login("lan@example.vn")
    return user


def _her_history(app, user):
    """A received order with a review, a favourite, an address, a cart line and notices."""
    line = bought(user)
    review(user, line, 5, "Ngon lắm")
    db.session.add(Address(user_id=user.id, recipient="Lan", phone="0912345678", province_code=75, ward_code=25210,
                           street="12 Phú Riềng Đỏ", is_default=True))  # fmt: skip
    db.session.add(FavouriteProduct(user_id=user.id, product_id=line.variant.product_id))
    db.session.commit()
    return line


def test_she_downloads_her_data_as_json(app, client, lan):
    line = _her_history(app, lan)
    response = client.get("/tai-khoan/du-lieu/tai-ve")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "lan@example.vn" and data["account"]["phone"] == "0912345678"
    assert data["addresses"][0]["ward"] == "Phường Đồng Xoài"
    assert data["orders"][0]["number"] == line.order.number
    assert data["orders"][0]["lines"][0]["product"] == line.product_name
    assert data["reviews"][0] == {**data["reviews"][0], "stars": 5, "text": "Ngon lắm"}
    assert data["favourite_products"][0]["product"] == line.product_name
    assert data["notices"] and data["notice_preferences"]["favourite"] == {"in_site": True, "by_email": True}


def test_the_download_needs_an_account(client):
    assert client.get("/tai-khoan/du-lieu/tai-ve").status_code == 302


def test_deleting_the_account_keeps_orders_without_her_details_and_she_cannot_sign_in(app, client, auth, lan):
    line = _her_history(app, lan)
    product_id = line.variant.product_id
    page = client.post(
        "/tai-khoan/du-lieu/xoa-tai-khoan", data={"password": factories.PASSWORD, "understood": "y"},
        follow_redirects=True,
    ).get_data(as_text=True)  # fmt: skip
    assert "Tài khoản của bạn đã bị xóa." in page
    order = reload(line.order)
    assert (order.contact_name, order.contact_phone, order.contact_email, order.user_id) == (
        "Khách đã xóa tài khoản", "", None, lan.id,
    )  # fmt: skip
    assert order.total_vnd == line.line_total_vnd and order.lines[0].product_name == line.product_name
    user = reload(lan)
    assert (user.full_name, user.phone, user.is_active_account) == ("Tài khoản đã xóa", None, False)
    assert "lan@example.vn" not in user.email and user.erased_at is not None
    for model in (Address, Notification, FavouriteProduct, Review, Cart):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
    product = db.session.get(type(line.variant.product), product_id)
    assert (product.rating_count, product.rating_sum) == (0, 0)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.subject_id == lan.id)) == "account.erase"
    assert "không đúng" in auth.login("lan@example.vn").get_data(as_text=True)
    assert "không đúng" in auth.login("0912345678").get_data(as_text=True)
    assert client.get("/tai-khoan").status_code == 302


def test_a_wrong_password_or_no_tick_deletes_nothing(client, lan):
    page = client.post("/tai-khoan/du-lieu/xoa-tai-khoan", data={"password": "sai-mat-khau-9", "understood": "y"})
    assert "Mật khẩu không đúng." in page.get_data(as_text=True)
    page = client.post("/tai-khoan/du-lieu/xoa-tai-khoan", data={"password": factories.PASSWORD})
    assert "Đánh dấu ô này để xác nhận bạn muốn xóa tài khoản." in page.get_data(as_text=True)
    assert reload(lan).is_active_account and reload(lan).email == "lan@example.vn"


def test_an_open_order_stops_the_deletion_with_its_number(app, client, lan):
    variant, outlet = stocked_variant()
    db.session.commit()
    order = place((variant, 1), user=lan, outlet_obj=outlet)
    assert order.status == OrderStatus.CONFIRMED
    page = client.post("/tai-khoan/du-lieu/xoa-tai-khoan", data={"password": factories.PASSWORD, "understood": "y"})
    assert f"Các đơn {order.number} của bạn chưa hoàn tất." in page.get_data(as_text=True)
    assert reload(lan).is_active_account and reload(order).contact_name == "Nguyễn Thị Lan"


def test_a_seller_member_is_asked_to_leave_the_seller_first(client, lan):
    factories.seller(members=[lan])
    db.session.commit()
    page = client.post("/tai-khoan/du-lieu/xoa-tai-khoan", data={"password": factories.PASSWORD, "understood": "y"})
    assert "Bạn là thành viên của một người bán." in page.get_data(as_text=True)
    assert reload(lan).is_active_account
