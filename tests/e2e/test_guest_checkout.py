"""A guest on a phone (360 × 800), with a phone number and no email, buys through the real pages:
the outlet offered first is the nearest that holds her cart, she keeps it and the order is placed
with a pickup code."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.core.extensions import db
from app.orders.models import Order
from tests import factories

pytestmark = pytest.mark.browser


def test_a_guest_on_a_phone_keeps_the_preselected_outlet_and_buys(live_app, browser):
    with live_app.app_context():
        far = factories.outlet(
            name="Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp Long Khánh", short_name="Long Khánh",
            wards=(26080,), lat=10.9372, lng=107.2441, phone="0251 3877 539",
        )  # fmt: skip
        near = factories.outlet(
            name="Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp Hố Nai", short_name="Hố Nai",
            wards=(26005,), lat=10.9702, lng=106.8806, phone="0251 3881 204",
        )  # fmt: skip
        empty = factories.outlet(
            name="Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp Trấn Biên", short_name="Trấn Biên",
            wards=(26041,), lat=10.9477, lng=106.8244,
        )  # fmt: skip
        nest = factories.product(name="Yến sào hộp 100g", price=450000)
        factories.stock(variant=nest.variants[0], outlet_obj=near, on_hand=4)
        factories.stock(variant=nest.variants[0], outlet_obj=far, on_hand=4)
        db.session.commit()
        slug, near_id, far_id, empty_id = nest.slug, near.id, far.id, empty.id

    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    base = live_app.config["LIVE_URL"]
    page.goto(f"{base}/san-pham/{slug}")
    page.get_by_role("button", name="Thêm vào giỏ").click()
    expect(page.get_by_text("Đã thêm “Yến sào hộp 100g” vào giỏ hàng.")).to_be_visible()
    page.goto(f"{base}/gio-hang")
    page.get_by_role("link", name="Thanh toán").last.click()

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    # No email: a guest may buy with her phone number alone.
    page.get_by_label("Phường/xã của bạn, để xem mỗi cửa hàng cách bao xa").select_option(label="Phường Trấn Biên")
    page.wait_for_selector("text=ngay trong phường của bạn")  # the script shows distances at once
    assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Thị Lan"  # what she typed stays

    near_radio = page.locator(f'input[name="pickup_outlet_id"][value="{near_id}"]')
    assert near_radio.is_checked()  # Hố Nai: the nearest outlet that has the nest
    assert page.locator(f'input[name="pickup_outlet_id"][value="{far_id}"]').is_enabled()
    assert page.locator(f'input[name="pickup_outlet_id"][value="{empty_id}"]').is_disabled()
    assert page.get_by_text("Còn thiếu: Yến sào hộp 100g (Gói 1): thiếu 1").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Tiếp tục để xem lại").click()

    expect(page.get_by_text("Cửa hàng Hố Nai").first).to_be_visible()
    page.get_by_role("button", name="Đặt hàng").click()
    page.wait_for_url(re.compile(r"/don-hang/PN-"))
    expect(page.get_by_text(re.compile(r"^\d{6}$")).first).to_be_visible()
    assert page.locator('a[href="https://zalo.me/02513881204"]').first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == [], errors
    context.close()

    with live_app.app_context():
        order = db.session.scalar(select(Order))
        assert order.pickup_outlet_id == near_id and order.contact_phone == "0912345678"
        assert not order.contact_email
        assert [s.outlet_id for s in order.shipments] == [near_id]
