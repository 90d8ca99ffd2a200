"""The cart: adding, changing, refusing bad input, merging at login, flags, query counts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.orders.models import CartLine
from tests import factories
from tests.helpers import recorded_queries
from tests.orders.factories import stocked_variant


def add(client, variant_id, quantity, **extra):
    return client.post(
        "/gio-hang/them", data={"variant_id": variant_id, "quantity": quantity, **extra}, follow_redirects=True
    )


def test_a_guest_adds_items_from_two_sellers_and_sees_them_in_the_cart(client):
    rau, shop = stocked_variant(name="Rau muống")
    yen, _ = stocked_variant(name="Yến sào", price=350000, outlet_obj=shop)
    db.session.commit()
    add(client, rau.id, 2)
    page = add(client, yen.id, 1).get_data(as_text=True)
    assert "Rau muống" in page and "Yến sào" in page
    assert "400.000" in page  # 2 × 25.000 + 350.000
    assert '<span class="badge" aria-label="2' in page


def test_adding_again_adds_up_the_quantity(client):
    rau, _ = stocked_variant()
    db.session.commit()
    add(client, rau.id, 2)
    page = add(client, rau.id, 3).get_data(as_text=True)
    assert 'value="5"' in page


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Nhập số lượng từ 1 đến 999."),
        ("-2", "Nhập số lượng từ 1 đến 999."),
        ("hai", "Nhập một số nguyên, ví dụ 2."),
        ("", "Nhập số lượng."),
        ("11", "Chỉ còn 10"),
    ],
)
def test_bad_quantities_are_refused_with_a_clear_message(client, quantity, message):
    rau, _ = stocked_variant(quantity=10)
    db.session.commit()
    page = add(client, rau.id, quantity).get_data(as_text=True)
    assert message in page
    assert "Giỏ hàng của bạn đang trống." in page


def test_a_variant_of_a_suspended_seller_cannot_be_added(client):
    variant, _ = stocked_variant(seller_obj=factories.seller(status="suspended"))
    db.session.commit()
    assert "Sản phẩm này không còn được bán." in add(client, variant.id, 1).get_data(as_text=True)


def test_a_variant_of_an_archived_product_cannot_be_added(client):
    variant, _ = stocked_variant(status="archived")
    db.session.commit()
    assert "Sản phẩm này không còn được bán." in add(client, variant.id, 1).get_data(as_text=True)


def test_an_unknown_variant_cannot_be_added(client):
    assert "Sản phẩm này không còn được bán." in add(client, 999999, 1).get_data(as_text=True)


def test_next_must_be_a_local_path(client):
    rau, _ = stocked_variant()
    db.session.commit()
    response = client.post(
        "/gio-hang/them", data={"variant_id": rau.id, "quantity": 1, "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/gio-hang"
    response = client.post("/gio-hang/them", data={"variant_id": rau.id, "quantity": 1, "next": "/san-pham/rau"})
    assert response.headers["Location"] == "/san-pham/rau"


def test_a_price_change_is_flagged_at_the_top_and_not_applied_until_accepted(client):
    rau, _ = stocked_variant(price=25000)
    db.session.commit()
    add(client, rau.id, 1)
    rau.price_vnd = 30000
    db.session.commit()
    page = client.get("/gio-hang").get_data(as_text=True)
    assert "giá đổi từ 25.000\xa0₫ thành 30.000\xa0₫" in page
    assert "Thanh toán</a>" not in page  # no checkout button while something is flagged
    client.post("/gio-hang/chap-nhan")
    page = client.get("/gio-hang").get_data(as_text=True)
    assert "giá đổi" not in page and "Thanh toán</a>" in page


def test_an_item_that_became_unavailable_is_flagged_and_removed_only_when_accepted(client):
    rau, _ = stocked_variant(name="Rau muống")
    db.session.commit()
    add(client, rau.id, 1)
    rau.product.status = "archived"
    db.session.commit()
    assert "không còn được bán." in client.get("/gio-hang").get_data(as_text=True)
    client.post("/gio-hang/chap-nhan")
    assert "Giỏ hàng của bạn đang trống." in client.get("/gio-hang").get_data(as_text=True)


def test_quantity_update_and_removal(client):
    rau, _ = stocked_variant()
    db.session.commit()
    add(client, rau.id, 1)
    client.post("/gio-hang/so-luong", data={"variant_id": rau.id, "quantity": 4})
    assert 'value="4"' in client.get("/gio-hang").get_data(as_text=True)
    page = client.post("/gio-hang/so-luong", data={"variant_id": rau.id, "quantity": 0}, follow_redirects=True)
    assert "Nhập số lượng từ 1 đến 999." in page.get_data(as_text=True)
    client.post("/gio-hang/xoa", data={"variant_id": rau.id})
    assert "Giỏ hàng của bạn đang trống." in client.get("/gio-hang").get_data(as_text=True)


def test_the_guest_cart_merges_into_the_account_cart_at_login(client, auth):
    user = factories.user(email="lan@example.vn")
    rau, shop = stocked_variant()
    yen, _ = stocked_variant(outlet_obj=shop)
    db.session.add(CartLine(cart=_cart_for(user), variant_id=rau.id, quantity=1, price_seen_vnd=rau.price_vnd))
    db.session.commit()
    add(client, rau.id, 2)
    add(client, yen.id, 1)
    auth.login("lan@example.vn")
    lines = {line.variant_id: line.quantity for line in db.session.scalars(select(CartLine))}
    assert lines == {rau.id: 3, yen.id: 1}
    auth.logout()
    assert "Giỏ hàng của bạn đang trống." in client.get("/gio-hang").get_data(as_text=True)


def _cart_for(user):
    from app.orders.models import Cart

    cart = Cart(user_id=user.id)
    db.session.add(cart)
    db.session.flush()
    return cart


def count_queries(callable_) -> int:
    with recorded_queries() as statements:
        callable_()
    return len(statements)


def test_the_cart_page_costs_the_same_queries_for_one_line_or_twelve(client, auth):
    factories.user(email="lan@example.vn")
    shop = factories.outlet()
    variants = [stocked_variant(outlet_obj=shop)[0] for _ in range(12)]
    db.session.commit()
    auth.login("lan@example.vn")
    add(client, variants[0].id, 1)
    one = count_queries(lambda: client.get("/gio-hang"))
    for v in variants[1:]:
        add(client, v.id, 1)
    twelve = count_queries(lambda: client.get("/gio-hang"))
    assert twelve == one
