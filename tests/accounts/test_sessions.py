"""Sessions end for real: after sign-out, a password change or reset, deactivation and "sign out everywhere",
the cookies left behind (session and remember-me) open nothing; a sign-in lasts a bounded time."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest

from app.accounts import services
from app.accounts.models import User
from app.core.extensions import db
from tests import factories

NEW_PASSWORD = "hoa-mai-2026"


@pytest.fixture
def lan():
    user = factories.user(email="lan@example.vn", phone="0987654321")
    db.session.commit()
    return user


def sign_in(client, remember: bool = True):
    data = {"identifier": "lan@example.vn", "password": factories.PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/dang-nhap", data=data)
    assert response.status_code == 302
    return client.get_cookie("session").value, (client.get_cookie("remember_token") or None)


def opens_account(client, *, session=None, remember=None) -> bool:
    """Replay old cookies in a clean cookie jar: does /tai-khoan open (200) or send to sign-in (302)?"""
    for name in ("session", "remember_token"):
        client.delete_cookie(name)
    if session:
        client.set_cookie("session", session)
    if remember:
        client.set_cookie("remember_token", remember.value)
    response = client.get("/tai-khoan")
    if response.status_code == 302:
        assert "/dang-nhap" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


def test_old_cookies_still_work_before_anything_happens(client, lan):
    old_session, old_remember = sign_in(client)
    assert opens_account(client, session=old_session)
    assert opens_account(client, remember=old_remember)


def test_after_sign_out_the_old_session_and_remember_cookies_open_nothing(client, lan):
    old_session, old_remember = sign_in(client)
    client.post("/dang-xuat")
    assert not opens_account(client, session=old_session)
    assert not opens_account(client, remember=old_remember)


def test_after_a_password_change_old_cookies_open_nothing_but_this_device_stays_in(client, lan):
    old_session, old_remember = sign_in(client)
    done = client.post(
        "/tai-khoan/mat-khau",
        data={"current": factories.PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        follow_redirects=True,
    )
    assert "Mật khẩu của bạn đã được đổi." in done.get_data(as_text=True)
    assert client.get("/tai-khoan").status_code == 200  # the device that changed it carries on
    assert not opens_account(client, session=old_session)
    assert not opens_account(client, remember=old_remember)


def test_after_a_password_reset_old_cookies_open_nothing(client, lan):
    old_session, old_remember = sign_in(client)
    token = services.make_reset_token(lan)
    other = client.application.test_client()
    other.post(f"/dat-lai-mat-khau/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert db.session.get(User, lan.id).session_version == 1
    assert not opens_account(client, session=old_session)
    assert not opens_account(client, remember=old_remember)


def test_after_deactivation_old_cookies_open_nothing(client, lan, runner):
    old_session, old_remember = sign_in(client)
    result = runner.invoke(args=["deactivate-user", "lan@example.vn", "--reason", "Tài khoản bị lộ mật khẩu"])
    assert result.exit_code == 0, result.output
    assert not opens_account(client, session=old_session)
    assert not opens_account(client, remember=old_remember)
    assert "không đúng" in client.post(
        "/dang-nhap", data={"identifier": "lan@example.vn", "password": factories.PASSWORD}
    ).get_data(as_text=True)


def test_sign_out_everywhere_from_the_account_page(client, lan):
    laptop_session, laptop_remember = sign_in(client)
    phone = client.application.test_client()
    phone_session, phone_remember = sign_in(phone)
    page = phone.get("/tai-khoan").get_data(as_text=True)
    assert "Đăng xuất khỏi mọi thiết bị" in page
    done = phone.post("/tai-khoan/dang-xuat-moi-noi", follow_redirects=True)
    assert "Bạn đã đăng xuất trên mọi thiết bị" in done.get_data(as_text=True)
    for session_value, remember in ((laptop_session, laptop_remember), (phone_session, phone_remember)):
        assert not opens_account(client, session=session_value)
        assert not opens_account(client, remember=remember)


def test_the_remember_cookie_differs_at_each_sign_in(client, lan, monkeypatch):
    _, first = sign_in(client)
    client.post("/dang-xuat")
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000)
    _, second = sign_in(client)
    assert first.value != second.value


def test_a_sign_in_older_than_the_remember_lifetime_is_refused(client, lan, app, monkeypatch):
    signed_in_at = time.time()
    _, remember = sign_in(client)
    later = signed_in_at + app.config["REMEMBER_COOKIE_DURATION"] + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert not opens_account(client, remember=remember)


def test_values_that_are_not_ours_sign_nobody_in(app, lan):
    for value in (str(lan.id), f"{lan.id}:0", f"{lan.id}:x:1", "", f"{lan.id}:1:{int(time.time())}"):
        assert services.user_for_session(value) is None
    assert services.user_for_session(lan.get_id()) == lan


def test_a_reset_link_works_once(client, lan, outbox):
    client.post("/quen-mat-khau", data={"email": "lan@example.vn"})
    link = urlsplit(re.search(r"http://\S+/dat-lai-mat-khau/\S+", outbox[0].get_content()).group(0)).path
    opened = client.get(link)
    assert opened.status_code == 302 and opened.headers["Location"] == "/dat-lai-mat-khau"
    page = client.get("/dat-lai-mat-khau")
    assert "dat-lai-mat-khau/" not in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    client.post("/dat-lai-mat-khau", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    again = client.get(link, follow_redirects=True)
    assert "Đường dẫn không hợp lệ hoặc đã hết hạn." in again.get_data(as_text=True)
    # the same password set twice does not bring the link back either
    lan_again = db.session.get(User, lan.id)
    assert services.user_for_reset_token(link.rsplit("/", 1)[-1]) is None and lan_again.session_version == 1


def test_a_reset_link_stops_when_she_signs_out(client, lan):
    token = services.make_reset_token(lan)
    sign_in(client)
    client.post("/dang-xuat")
    assert services.user_for_reset_token(token) is None


def test_a_reset_link_is_short_lived(client, lan, app, monkeypatch):
    token = services.make_reset_token(lan)
    assert app.config["PASSWORD_RESET_MAX_AGE"] <= 60 * 60
    later = time.time() + app.config["PASSWORD_RESET_MAX_AGE"] + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert services.user_for_reset_token(token) is None
