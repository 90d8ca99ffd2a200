"""Choosing the pickup outlet at checkout with eyes open: exact "missing" lists, distances, the
outlet offered first and remembered, the other ways when no outlet holds the cart, contact links."""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.extensions import db
from app.orders import outlet_choice
from app.orders.cart import CartItem
from app.orders.models import Order
from tests import factories
from tests.orders.test_checkout import CONTACT, details, fill_cart, place, review_form

HO_NAI, TRAN_BIEN, LONG_KHANH = 26005, 26041, 26080


def shop(short: str, ward: int, lat: float, lng: float, **fields):
    return factories.outlet(
        name=f"Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp {short}", short_name=short, wards=(ward,),
        lat=lat, lng=lng, phone="0251 3881 204", **fields,
    )  # fmt: skip


def small_shop():
    """Two outlets, a nest in two sizes and rice: Hố Nai has rice and the 50 g nest, Trấn Biên the 100 g nest."""
    ho_nai = shop("Hố Nai", HO_NAI, 10.9702, 106.8806)
    tran_bien = shop("Trấn Biên", TRAN_BIEN, 10.9477, 106.8244)
    rice = factories.product(name="Gạo thơm").variants[0]
    nest = factories.product(name="Yến sào", variants=2, price=500000)
    nest_50, nest_100 = nest.variants
    factories.stock(variant=rice, outlet_obj=ho_nai, on_hand=5)
    factories.stock(variant=nest_50, outlet_obj=ho_nai, on_hand=3)
    factories.stock(variant=nest_100, outlet_obj=tran_bien, on_hand=2)
    factories.stock(variant=rice, outlet_obj=tran_bien, on_hand=1)
    db.session.commit()
    return ho_nai, tran_bien, rice, nest_50, nest_100


def choice_for(items, ward=None, remembered=None):
    with current_app.test_request_context():
        return outlet_choice.pickup_choice(items=items, ward_code=ward, remembered=remembered)


def test_each_outlet_lists_exactly_what_it_lacks(app):
    ho_nai, tran_bien, rice, _nest_50, nest_100 = small_shop()
    choice = choice_for([CartItem(rice.id, 2, rice.price_vnd), CartItem(nest_100.id, 1, nest_100.price_vnd)])
    rows = {row.outlet.short_name: row for row in choice.rows}
    assert [(m.variant_id, m.quantity) for m in rows["Hố Nai"].option.missing] == [(nest_100.id, 1)]
    assert [(m.variant_id, m.quantity) for m in rows["Trấn Biên"].option.missing] == [(rice.id, 1)]
    assert rows["Hố Nai"].missing == "Yến sào (Gói 2): thiếu 1"
    assert rows["Trấn Biên"].missing == "Gạo thơm (Gói 1): thiếu 1"
    assert choice.preselected is None and not choice.any_complete


def test_the_nearest_outlet_holding_everything_is_offered_first(app):
    ho_nai, tran_bien, rice, *_ = small_shop()
    items = [CartItem(rice.id, 1, rice.price_vnd)]
    near_tran_bien = choice_for(items, ward=TRAN_BIEN)
    assert [r.outlet.id for r in near_tran_bien.rows] == [tran_bien.id, ho_nai.id]
    assert near_tran_bien.preselected == tran_bien.id
    assert near_tran_bien.rows[0].distance == "ngay trong phường của bạn"
    assert near_tran_bien.rows[1].distance == "cách khoảng 6,6 km"
    assert choice_for(items, ward=HO_NAI).preselected == ho_nai.id
    assert choice_for(items, ward=TRAN_BIEN, remembered=ho_nai.id).preselected == ho_nai.id


def test_when_no_outlet_can_serve_the_other_ways_are_offered_in_words(app):
    ho_nai, tran_bien, rice, nest_50, nest_100 = small_shop()
    items = [CartItem(rice.id, 2, rice.price_vnd), CartItem(nest_100.id, 1, nest_100.price_vnd)]
    words = [a.words for a in choice_for(items, ward=HO_NAI).alternatives]
    assert words == [
        "Lấy Yến sào loại Gói 1 thay cho Gói 2: khi đó Cửa hàng Hố Nai (ngay trong phường của bạn) có đủ mọi món.",
        "Bỏ Gạo thơm (Gói 1) khỏi giỏ: Cửa hàng Trấn Biên (cách khoảng 6,6 km) có đủ phần còn lại.",
        "Bỏ Yến sào (Gói 2) khỏi giỏ: Cửa hàng Hố Nai (ngay trong phường của bạn) có đủ phần còn lại.",
        "Nhận ở hai nơi: Cửa hàng Hố Nai (2 sản phẩm) và Cửa hàng Trấn Biên (1 sản phẩm).",
    ]


def test_the_checkout_page_shows_the_list_and_preselects_the_nearest_complete_outlet(client):
    ho_nai, tran_bien, rice, *_ = small_shop()
    fill_cart(client, (rice, 1))
    html = client.get(f"/thanh-toan?phuong={TRAN_BIEN}").get_data(as_text=True)
    assert "Cửa hàng Hố Nai" in html and "Cửa hàng Trấn Biên" in html
    assert f'value="{tran_bien.id}" checked' in html and f'value="{ho_nai.id}" checked' not in html
    assert "Hiện có đủ mọi món trong giỏ của bạn" in html and "07:00 – 20:00 hằng ngày" in html
    assert "cách khoảng 6,6 km" in html


def test_an_outlet_that_lacks_something_cannot_be_chosen(client):
    ho_nai, tran_bien, rice, *_ = small_shop()
    fill_cart(client, (rice, 2))
    html = client.get("/thanh-toan").get_data(as_text=True)
    assert re.search(rf'value="{tran_bien.id}"[^>]*disabled', html)
    assert "Còn thiếu: Gạo thơm (Gói 1): thiếu 1" in html


def test_a_guests_outlet_is_remembered_for_her_next_checkout(client):
    ho_nai, tran_bien, rice, _nest_50, nest_100 = small_shop()
    fill_cart(client, (nest_100, 1))
    details(client, pickup_outlet_id=tran_bien.id)
    place(client, review_form(client))
    fill_cart(client, (rice, 1))
    html = client.get(f"/thanh-toan?phuong={HO_NAI}").get_data(as_text=True)
    assert f'value="{tran_bien.id}" checked' in html  # remembered, though Hố Nai is nearer


def test_an_accounts_outlet_is_remembered_on_the_account(client, auth):
    ho_nai, tran_bien, rice, _nest_50, nest_100 = small_shop()
    lan = factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    fill_cart(client, (nest_100, 1))
    details(client, pickup_outlet_id=tran_bien.id)
    place(client, review_form(client))
    assert db.session.get(User, lan.id).pickup_outlet_id == tran_bien.id
    auth.logout()
    auth.login("lan@example.vn")  # a new session: the account remembers
    fill_cart(client, (rice, 1))
    assert f'value="{tran_bien.id}" checked' in client.get("/thanh-toan").get_data(as_text=True)


def test_two_pickups_place_one_order_with_a_shipment_at_each_outlet(client):
    ho_nai, tran_bien, rice, _nest_50, nest_100 = small_shop()
    fill_cart(client, (rice, 2), (nest_100, 1))
    assert f'value="{ho_nai.id}+{tran_bien.id}"' in client.get("/thanh-toan").get_data(as_text=True)
    details(client, pickup_outlet_id=f"{ho_nai.id}+{tran_bien.id}")
    response = place(client, review_form(client))
    assert response.status_code == 302
    order = db.session.scalar(select(Order))
    assert order.pickup_outlet_id == ho_nai.id
    assert sorted((s.outlet_id, [li.variant_id for li in s.lines]) for s in order.shipments) == sorted(
        [(ho_nai.id, [rice.id]), (tran_bien.id, [nest_100.id])]
    )
    assert all(len(s.pickup_code) == 6 for s in order.shipments)


def test_two_pickups_that_no_longer_hold_the_cart_are_refused_with_nothing_written(client):
    ho_nai, tran_bien, rice, _nest_50, nest_100 = small_shop()
    fill_cart(client, (rice, 2), (nest_100, 2))
    client.post("/gio-hang/so-luong", data={"variant_id": nest_100.id, "quantity": 2})
    fill_cart(client, (rice, 4))  # 6 units of rice: no outlet has them, so no two pickups serve the cart
    response = details(client, pickup_outlet_id=f"{ho_nai.id}+{tran_bien.id}")
    assert response.status_code == 302
    page = client.get("/thanh-toan/xem-lai", follow_redirects=True).get_data(as_text=True)
    assert "Hai cửa hàng này không còn đủ hàng" in page
    assert db.session.scalar(select(func.count(Order.id))) == 0


def test_a_made_up_pickup_value_is_refused_next_to_the_field(client):
    _ho_nai, _tran_bien, rice, *_ = small_shop()
    fill_cart(client, (rice, 1))
    html = details(client, pickup_outlet_id="1+2+3").get_data(as_text=True)
    assert "Hãy chọn cửa hàng bạn sẽ đến nhận hàng." in html


def test_taking_another_size_changes_the_cart_and_returns_to_checkout(client):
    ho_nai, _tran_bien, rice, nest_50, nest_100 = small_shop()
    fill_cart(client, (rice, 2), (nest_100, 1))
    response = client.post(
        "/gio-hang/doi-loai", data={"variant_id": nest_100.id, "replacement_id": nest_50.id, "next": "/thanh-toan"}
    )
    assert response.headers["Location"] == "/thanh-toan"
    html = client.get("/thanh-toan").get_data(as_text=True)
    assert f'value="{ho_nai.id}" checked' in html
    assert "1 × Yến sào (Gói 1)" in html and "(Gói 2)" not in html


def test_another_products_variant_cannot_be_swapped_in(client):
    _ho_nai, _tran_bien, rice, _nest_50, nest_100 = small_shop()
    fill_cart(client, (nest_100, 1))
    client.post(
        "/gio-hang/doi-loai", data={"variant_id": nest_100.id, "replacement_id": rice.id, "next": "/thanh-toan"}
    )
    html = client.get("/gio-hang").get_data(as_text=True)
    assert "Yến sào" in html and "Gạo thơm" not in html


def test_removing_a_line_from_checkout_returns_to_checkout(client):
    _ho_nai, tran_bien, rice, _nest_50, nest_100 = small_shop()
    fill_cart(client, (rice, 2), (nest_100, 1))
    response = client.post("/gio-hang/xoa", data={"variant_id": rice.id, "next": "/thanh-toan"})
    assert response.headers["Location"] == "/thanh-toan"
    assert f'value="{tran_bien.id}" checked' in client.get("/thanh-toan").get_data(as_text=True)


def test_outlet_and_order_pages_offer_a_call_and_a_zalo_message(client):
    ho_nai, _tran_bien, rice, *_ = small_shop()
    silent = factories.outlet(name="Cửa hàng không điện thoại", phone="")
    db.session.commit()
    outlet_page = client.get(f"/cua-hang/{ho_nai.slug}").get_data(as_text=True)
    assert 'href="tel:02513881204"' in outlet_page and 'href="https://zalo.me/02513881204"' in outlet_page
    assert "Cửa hàng Hố Nai" in outlet_page
    assert "zalo.me" not in client.get(f"/cua-hang/{silent.slug}").get_data(as_text=True)
    fill_cart(client, (rice, 1))
    details(client, pickup_outlet_id=ho_nai.id)
    order_url = place(client, review_form(client)).headers["Location"]
    order_page = client.get(order_url).get_data(as_text=True)
    assert 'href="https://zalo.me/02513881204"' in order_page and 'href="tel:02513881204"' in order_page


def test_contact_details_are_kept_from_the_form(client):
    """The outlet list does not disturb the rest of the form: contact fields come back as typed."""
    _ho_nai, _tran_bien, rice, *_ = small_shop()
    fill_cart(client, (rice, 1))
    html = client.post("/thanh-toan", data={**CONTACT, "fulfilment": "pickup", "payment_method": "cash"}).get_data(
        as_text=True
    )
    assert "Nguyễn Thị Lan" in html and "Hãy chọn cửa hàng bạn sẽ đến nhận hàng." in html


def test_showing_distances_keeps_what_she_typed_and_checks_nothing_yet(client):
    _ho_nai, tran_bien, rice, *_ = small_shop()
    fill_cart(client, (rice, 1))
    html = client.post("/thanh-toan", data={"contact_name": "Nguyễn Thị Lan", "phuong": TRAN_BIEN, "show_near": "1"})
    page = html.get_data(as_text=True)
    assert html.status_code == 200 and 'value="Nguyễn Thị Lan"' in page
    assert "ngay trong phường của bạn" in page and f'value="{tran_bien.id}" checked' in page
    assert 'class="error"' not in page
