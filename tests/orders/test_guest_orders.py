"""Guests: checkout with a mobile number and no email, the order link shown and sent again, and how a
guest order joins an account (confirmed email, or the signed link held by a signed-in shopper)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.orders.links import order_token
from app.orders.models import Order
from tests import factories
from tests.orders.factories import place as place_order
from tests.orders.factories import reload, stocked_variant
from tests.orders.test_checkout import details, fill_cart, place, review_form


def guest_checkout(client, **contact):
    rau, shop = stocked_variant(quantity=5)
    db.session.commit()
    fill_cart(client, (rau, 1))
    response = details(client, pickup_outlet_id=shop.id, **contact)
    if response.status_code != 302:
        return response
    return place(client, review_form(client))


def test_a_guest_orders_with_a_mobile_number_only_and_keeps_the_link(client, outbox):
    response = guest_checkout(client, contact_email="", contact_phone="0387 654 321")
    order = db.session.scalar(select(Order))
    assert order.contact_email is None and order.contact_phone == "0387654321"
    assert outbox == []  # nowhere to write; texts come later
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Giữ lại đường dẫn đơn hàng này" in page
    assert f"http://127.0.0.1:5000/don-hang/{order.number}?k=" in page


@pytest.mark.parametrize("phone", ["0251 3822 345", "0212345678", "12345", "0012345678"])
def test_a_phone_that_is_not_a_vietnamese_mobile_is_refused_at_checkout(client, phone):
    page = guest_checkout(client, contact_email="", contact_phone=phone).get_data(as_text=True)
    assert "Nhập số điện thoại Việt Nam (di động)" in page
    assert db.session.scalar(select(func.count(Order.id))) == 0


def test_a_badly_written_email_is_still_refused(client):
    page = guest_checkout(client, contact_email="lan@").get_data(as_text=True)
    assert "Nhập địa chỉ email hợp lệ" in page


def test_the_link_is_sent_to_an_email_she_types_on_the_order_page(app, client, outbox):
    response = guest_checkout(client, contact_email="")
    order = db.session.scalar(select(Order))
    token = re.search(r"k=([^&\"]+)", response.headers["Location"]).group(1)
    sent = client.post(f"/don-hang/{order.number}/gui-duong-dan", data={"k": token, "email": "lan@example.vn"},
                       follow_redirects=True)  # fmt: skip
    assert "Đường dẫn đơn hàng đang được gửi tới lan@example.vn." in sent.get_data(as_text=True)
    assert outbox[-1]["To"] == "lan@example.vn" and f"/don-hang/{order.number}?k=" in outbox[-1].get_content()
    assert reload(order).contact_email == "lan@example.vn"  # updates go there from now on
    assert (
        client.post(f"/don-hang/{order.number}/gui-duong-dan", data={"k": "forged", "email": "x@y.vn"}).status_code
        == 404
    )


def test_find_an_order_sends_the_link_again_without_telling_who_ordered(app, client, outbox):
    guest_checkout(client, contact_email="lan@example.vn")
    order = db.session.scalar(select(Order))
    outbox.clear()
    good = client.post("/don-hang/tim-lai", data={"number": order.number.lower(), "phone": "0912 345 678"},
                       follow_redirects=True).get_data(as_text=True)  # fmt: skip
    wrong = client.post("/don-hang/tim-lai", data={"number": order.number, "phone": "0987 000 111"},
                        follow_redirects=True).get_data(as_text=True)  # fmt: skip
    message = "Nếu đơn hàng này tồn tại và có email, đường dẫn đã được gửi tới email đó."
    assert message in good and message in wrong
    assert [m["To"] for m in outbox] == ["lan@example.vn"]
    bad = client.post("/don-hang/tim-lai", data={"number": order.number, "phone": "0251 3822 345"})
    assert "Nhập số điện thoại Việt Nam (di động)" in bad.get_data(as_text=True)


def _verify_link(outbox) -> str:
    mail = next(m for m in outbox if "Xác nhận" in m["Subject"])
    return re.search(r"http://127\.0\.0\.1:5000(/xac-nhan-email/\S+)", mail.get_content()).group(1)


def test_guest_orders_join_the_account_once_its_email_is_confirmed(app, client, outbox):
    variant, outlet = stocked_variant(quantity=9)
    db.session.commit()
    first = place_order((variant, 1), outlet_obj=outlet)  # contact lan@example.vn, as a guest
    phone_only = place_order((variant, 1), outlet_obj=outlet)
    phone_only.contact_email = None
    db.session.commit()
    client.post("/dang-ky", data={"full_name": "Nguyễn Thị Lan", "email": "LAN@example.vn", "phone": "0912345678",
                                  "password": "hoa-sen-2026", "confirm": "hoa-sen-2026", "consent": "y"})  # fmt: skip
    assert reload(first).user_id is None  # not before the email is confirmed
    page = client.get(_verify_link(outbox), follow_redirects=True).get_data(as_text=True)
    assert "Cảm ơn bạn: địa chỉ email đã được xác nhận." in page
    assert "1 đơn hàng trước đây đã được thêm vào tài khoản của bạn." in page
    user_id = reload(first).user_id
    assert user_id is not None and reload(phone_only).user_id is None  # a phone number alone links nothing
    assert first.number in client.get("/don-hang").get_data(as_text=True)
    later = place_order((variant, 1), outlet_obj=outlet)  # a guest again, e.g. on another phone
    client.post("/dang-xuat")
    page = client.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": "hoa-sen-2026"},
                       follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert reload(later).user_id == user_id and "1 đơn hàng trước đây" in page


def test_an_unconfirmed_email_links_nothing_and_a_forged_link_is_refused(app, client, auth, outbox):
    variant, outlet = stocked_variant()
    factories.user(email="lan@example.vn")
    db.session.commit()
    order = place_order((variant, 1), outlet_obj=outlet)
    auth.login("lan@example.vn")
    assert reload(order).user_id is None
    page = client.get("/xac-nhan-email/gia-mao", follow_redirects=True).get_data(as_text=True)
    assert "Đường dẫn không hợp lệ hoặc đã hết hạn." in page
    assert reload(order).user_id is None


def test_a_signed_in_shopper_holding_the_link_adds_the_order_to_her_account(app, client, auth):
    variant, outlet = stocked_variant()
    lan = factories.user(email="khac@example.vn")
    db.session.commit()
    order = place_order((variant, 1), outlet_obj=outlet)
    with app.test_request_context():
        token = order_token(order)
    auth.login("khac@example.vn")
    assert client.post(f"/don-hang/{order.number}/luu-vao-tai-khoan", data={"k": "gia-mao"}).status_code == 404
    assert reload(order).user_id is None
    page = client.get(f"/don-hang/{order.number}?k={token}").get_data(as_text=True)
    assert "Lưu đơn này vào tài khoản của tôi" in page
    client.post(f"/don-hang/{order.number}/luu-vao-tai-khoan", data={"k": token})
    assert reload(order).user_id == lan.id
    factories.user(email="mai@example.vn")
    db.session.commit()
    auth.logout()
    auth.login("mai@example.vn")
    assert client.post(f"/don-hang/{order.number}/luu-vao-tai-khoan", data={"k": token}).status_code == 404
    assert reload(order).user_id == lan.id
