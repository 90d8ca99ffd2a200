"""Login, logout, remember me, change and reset of passwords."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.accounts.models import User
from app.accounts.services import make_reset_token
from app.core.extensions import db
from tests import factories

WRONG = "Email/số điện thoại hoặc mật khẩu không đúng."


def make_shopper():
    user = factories.user(email="lan@example.vn", phone="0987654321")
    db.session.commit()
    return user


def test_login_with_email_then_with_phone(client, auth):
    make_shopper()
    assert "Bạn đã đăng nhập." in auth.login("LAN@example.vn").get_data(as_text=True)
    auth.logout()
    assert "Bạn đã đăng nhập." in auth.login("+84 987 654 321").get_data(as_text=True)


def test_wrong_password_and_unknown_account_get_the_same_message(client, auth):
    make_shopper()
    wrong_password = auth.login("lan@example.vn", "sai-mat-khau").get_data(as_text=True)
    unknown = auth.login("nobody@example.vn", "sai-mat-khau").get_data(as_text=True)
    assert WRONG in wrong_password and WRONG in unknown
    assert 'value="lan@example.vn"' in wrong_password
    assert "sai-mat-khau" not in wrong_password


def test_login_refuses_a_disabled_account(client, auth):
    user = make_shopper()
    user.is_active_account = False
    db.session.commit()
    assert WRONG in auth.login("lan@example.vn").get_data(as_text=True)


def test_remember_me_sets_a_lasting_cookie(client, auth):
    make_shopper()
    response = client.post(
        "/dang-nhap", data={"identifier": "lan@example.vn", "password": factories.PASSWORD, "remember": "y"}
    )
    assert any("remember_token" in c for c in response.headers.getlist("Set-Cookie"))


def test_without_remember_me_no_lasting_cookie(client):
    make_shopper()
    response = client.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": factories.PASSWORD})
    assert not any("remember_token" in c for c in response.headers.getlist("Set-Cookie"))


def test_logout_needs_a_post_and_signs_out(client, auth):
    make_shopper()
    auth.login("lan@example.vn")
    assert client.get("/dang-xuat").status_code == 405
    assert "Bạn đã đăng xuất." in auth.logout().get_data(as_text=True)
    assert client.get("/tai-khoan").status_code == 302


def test_login_redirects_only_to_local_pages(client):
    make_shopper()
    data = {"identifier": "lan@example.vn", "password": factories.PASSWORD}
    assert client.post("/dang-nhap?next=/tai-khoan", data=data).headers["Location"] == "/tai-khoan"
    client.post("/dang-xuat")
    assert client.post("/dang-nhap?next=//evil.example/x", data=data).headers["Location"] == "/"


def test_change_password(client, auth):
    make_shopper()
    auth.login("lan@example.vn")
    bad = client.post(
        "/tai-khoan/mat-khau", data={"current": "wrong-one-1", "password": "moi-moi-2026", "confirm": "moi-moi-2026"}
    )
    assert "Mật khẩu hiện tại không đúng." in bad.get_data(as_text=True)
    ok = client.post(
        "/tai-khoan/mat-khau",
        data={"current": factories.PASSWORD, "password": "moi-moi-2026", "confirm": "moi-moi-2026"},
        follow_redirects=True,
    )
    assert "Mật khẩu của bạn đã được đổi." in ok.get_data(as_text=True)
    auth.logout()
    assert "Bạn đã đăng nhập." in auth.login("lan@example.vn", "moi-moi-2026").get_data(as_text=True)


def test_password_reset_by_emailed_link(client, auth, outbox):
    make_shopper()
    page = client.post("/quen-mat-khau", data={"email": "lan@example.vn"}, follow_redirects=True)
    assert "Nếu có tài khoản dùng email này" in page.get_data(as_text=True)
    assert len(outbox) == 1 and outbox[0]["To"] == "lan@example.vn"
    link = re.search(r"http://\S+/dat-lai-mat-khau/\S+", outbox[0].get_content()).group(0)
    path = link.split("localhost", 1)[-1]
    done = client.post(path, data={"password": "hoa-mai-2026", "confirm": "hoa-mai-2026"}, follow_redirects=True)
    assert "Mật khẩu mới đã được lưu." in done.get_data(as_text=True)
    assert "Bạn đã đăng nhập." in auth.login("lan@example.vn", "hoa-mai-2026").get_data(as_text=True)
    again = client.get(path, follow_redirects=True)
    assert "Đường dẫn không hợp lệ hoặc đã hết hạn." in again.get_data(as_text=True)


def test_reset_for_unknown_email_says_the_same_and_sends_nothing(client, outbox):
    page = client.post("/quen-mat-khau", data={"email": "ghost@example.vn"}, follow_redirects=True)
    assert "Nếu có tài khoản dùng email này" in page.get_data(as_text=True)
    assert outbox == []


def test_reset_with_a_forged_token_is_refused(client):
    user = make_shopper()
    token = make_reset_token(user)
    page = client.get(f"/dat-lai-mat-khau/{token[:-3]}abc", follow_redirects=True)
    assert "Đường dẫn không hợp lệ hoặc đã hết hạn." in page.get_data(as_text=True)
    assert db.session.scalar(select(User.password_hash)) == user.password_hash


def test_reset_email_is_written_in_the_accounts_language(client, outbox):
    factories.user(email="en@example.vn", locale="en")
    db.session.commit()
    client.post("/quen-mat-khau", data={"email": "en@example.vn"})
    assert outbox[0]["Subject"] == "Reset your password"
