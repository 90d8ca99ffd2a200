"""A seller on a phone (360 × 800) adds a product with two weights and a photo, makes a mistake on purpose,
follows the error summary to the field and saves without typing anything again."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from app.catalog.models import DraftImage, Product
from app.core.extensions import db
from tests import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def seller_id(live_app):
    with live_app.app_context():
        owner = factories.user(email="lan@htx.vn", full_name="Nguyễn Thị Lan")
        seller = factories.seller(name="HTX Hạt điều Lan", members=[owner])
        factories.category(name_vi="Hạt điều")
        db.session.commit()
        return seller.id


def photo(tmp_path):
    path = tmp_path / "hat-dieu.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 120, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_phone_user_recovers_from_a_mistake_without_retyping(live_app, browser, seller_id, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    base = live_app.config["LIVE_URL"]
    page.goto(base + "/dang-nhap")
    page.get_by_label("Email hoặc số điện thoại").fill("lan@htx.vn")
    page.get_by_label("Mật khẩu").fill(factories.PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Bạn đã đăng nhập.")).to_be_visible()
    page.goto(f"{base}/ban-hang/{seller_id}/san-pham/moi")

    assert not page.locator("#variants-1-label").is_visible()  # one empty row at a time with JavaScript
    page.get_by_label("Tên sản phẩm").fill("Hạt điều rang muối")
    page.get_by_role("combobox", name="Danh mục").select_option(label="Hạt điều")
    page.locator("#variants-0-label").fill("Túi 500 g")
    page.locator("#variants-0-price_vnd").fill("85.000")
    page.locator("#variants-0-weight_grams").fill("0,5 kg")
    page.get_by_role("button", name="+ Thêm một loại hàng nữa").click()
    expect(page.locator("#variants-1-label")).to_be_focused()
    page.locator("#variants-1-label").fill("Túi 1 kg")
    page.locator("#variants-1-price_vnd").fill("0")  # the mistake
    page.locator("#variants-1-weight_grams").fill("1 kg")
    page.locator("#photos").set_input_files(str(photo(tmp_path)))
    page.get_by_role("button", name="Lưu", exact=True).click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name="Loại hàng 2 · Giá (đồng): Giá phải là số đồng nguyên lớn hơn 0.")
    assert page.get_by_label("Tên sản phẩm").input_value() == "Hạt điều rang muối"
    assert page.locator("#variants-0-weight_grams").input_value() == "0,5 kg"
    assert page.locator("input[name=draft_images]").is_checked()
    assert page.locator(".draft-photos img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    link.click()
    expect(page.locator("#variants-1-price_vnd")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("160.000")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_text("Đã lưu sản phẩm dạng nháp.")).to_be_visible()
    assert errors == [], errors
    context.close()
    with live_app.app_context():
        product = db.session.scalar(select(Product))
        assert [(v.label, v.price_vnd, v.weight_grams) for v in product.variants] == [
            ("Túi 500 g", 85000, 500),
            ("Túi 1 kg", 160000, 1000),
        ]
        assert [(i.width, i.height) for i in product.images] == [(64, 48)]
        assert db.session.scalar(select(DraftImage)) is None
