"""The shop in a real browser: phone and desktop widths, sign-in through the form, languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.core.extensions import db
from tests import factories

pytestmark = pytest.mark.browser


def page_at(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    return context.new_page()


@pytest.mark.parametrize("width", [360, 1280])
def test_home_fits_the_screen_and_shows_the_header(live_app, browser, width):
    page = page_at(browser, width)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_app.config["LIVE_URL"] + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("searchbox", name="Tìm sản phẩm").is_visible()
    assert page.get_by_role("link", name="Đăng nhập").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == [], errors
    page.context.close()


def test_sign_in_through_the_form_and_out_again(live_app, browser):
    with live_app.app_context():
        factories.user(email="lan@example.vn", full_name="Nguyễn Thị Lan")
        db.session.commit()
    page = page_at(browser, 360)
    page.goto(live_app.config["LIVE_URL"] + "/dang-nhap")
    page.get_by_label("Email hoặc số điện thoại").fill("lan@example.vn")
    page.get_by_label("Mật khẩu").fill(factories.PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Bạn đã đăng nhập.")).to_be_visible()
    page.locator("summary", has_text="Lan").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()
    page.context.close()


def test_language_switch_in_the_browser(live_app, browser):
    page = page_at(browser, 1280)
    page.goto(live_app.config["LIVE_URL"] + "/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.context.close()
