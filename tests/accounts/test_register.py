"""Registration: the happy path and every bad input the shop must explain."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.extensions import db
from tests import factories

GOOD = {
    "full_name": "Nguyễn Thị Hồng",
    "email": "hong@example.vn",
    "phone": "0912 345 678",
    "password": "hoa-sen-2026",
    "confirm": "hoa-sen-2026",
    "consent": "y",
}


def register(client, **changes):
    return client.post("/dang-ky", data={**GOOD, **changes}, follow_redirects=True)


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_register_creates_a_shopper_and_signs_in(client):
    page = register(client)
    text = page.get_data(as_text=True)
    assert "Chào mừng Nguyễn Thị Hồng" in text
    user = db.session.scalar(select(User))
    assert (user.email, user.phone, user.role) == ("hong@example.vn", "0912345678", "shopper")
    assert user.password_hash != GOOD["password"]


def test_register_accepts_plus84_numbers(client):
    register(client, phone="+84912345678")
    assert db.session.scalar(select(User.phone)) == "0912345678"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Nhập địa chỉ email hợp lệ"),
        ({"phone": "12345"}, "Nhập số điện thoại Việt Nam"),
        ({"phone": "0012345678"}, "Nhập số điện thoại Việt Nam"),
        ({"phone": "+8491234567"}, "Nhập số điện thoại Việt Nam"),
        ({"password": "abc", "confirm": "abc"}, "ít nhất 8 ký tự"),
        ({"password": "12345678", "confirm": "12345678"}, "quá đơn giản"),
        ({"password": "password1", "confirm": "password1"}, "quá phổ biến"),
        ({"confirm": "something-else"}, "Hai mật khẩu không khớp nhau."),
        ({"full_name": "x" * 121}, "Tối đa 120 ký tự."),
        ({"email": "a" * 250 + "@example.vn"}, "Tối đa 254 ký tự."),
        ({"full_name": ""}, "Vui lòng điền thông tin này."),
    ],
)
def test_register_refuses_bad_input_with_a_message_and_keeps_what_was_typed(client, changes, message):
    page = register(client, **changes)
    text = page.get_data(as_text=True)
    assert message in text
    assert count_users() == 0
    kept_name = changes.get("full_name", GOOD["full_name"])
    if kept_name:
        assert f'value="{kept_name}"' in text
    assert GOOD["password"] not in text


def test_register_refuses_a_taken_email_whatever_its_case(client, app):
    factories.user(email="hong@example.vn")
    db.session.commit()
    text = register(client, email="HONG@example.vn").get_data(as_text=True)
    assert "Email này đã được dùng" in text
    assert count_users() == 1


def test_register_refuses_a_taken_phone_written_differently(client, app):
    factories.user(phone="0912345678")
    db.session.commit()
    text = register(client, phone="+84 912 345 678").get_data(as_text=True)
    assert "Số điện thoại này đã được dùng" in text
    assert count_users() == 1


def test_register_messages_follow_the_language(client):
    client.get("/?lang=en")
    text = register(client, confirm="nope-nope-1").get_data(as_text=True)
    assert "The two passwords do not match." in text
