"""Coming back: “Mua lại” with missing lines flagged, a saved address chosen at checkout (another
shopper's is not found), favourites and the notice when one is back in stock at her outlet."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.accounts.models import Address, Notification
from app.core.extensions import db
from app.orders.models import CartLine, FavouriteProduct, Order
from app.outlets import stock
from tests import factories
from tests.orders.factories import WARD, place, reload, stocked_variant
from tests.orders.test_checkout import details, fill_cart, review_form
from tests.orders.test_checkout import place as place_through_pages


@pytest.fixture
def lan(app, auth):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    return user


def cart_of(user) -> dict[int, int]:
    rows = db.session.execute(select(CartLine.variant_id, CartLine.quantity)).all()
    return dict(rows)


def test_buy_again_puts_what_can_be_bought_in_the_cart_and_flags_the_rest(app, client, lan):
    outlet = factories.outlet(name="Cửa hàng Hố Nai")
    rau = stocked_variant(quantity=10, name="Rau muống", outlet_obj=outlet)[0]
    xoai = stocked_variant(quantity=10, name="Xoài cát", outlet_obj=outlet)[0]
    yen = stocked_variant(quantity=10, name="Yến sào", outlet_obj=outlet, price=500000)[0]
    dieu = stocked_variant(quantity=10, name="Hạt điều", outlet_obj=outlet)[0]
    db.session.commit()
    order = place((rau, 2), (xoai, 3), (yen, 1), (dieu, 4), user=lan, outlet_obj=outlet)
    xoai.product.status = "archived"  # no longer on sale
    record = db.session.scalar(select(stock.StockRecord).where(stock.StockRecord.variant_id == yen.id))
    stock.adjust(record, -(record.on_hand - record.reserved))  # the last box went elsewhere
    dieu_record = db.session.scalar(select(stock.StockRecord).where(stock.StockRecord.variant_id == dieu.id))
    stock.adjust(dieu_record, -(dieu_record.on_hand - dieu_record.reserved - 1))  # one bag left
    rau.price_vnd = 30000
    db.session.commit()
    page = client.post(f"/don-hang/{order.number}/mua-lai", follow_redirects=True).get_data(as_text=True)
    assert "Đã thêm 2 món từ đơn" in page
    assert "“Xoài cát (Gói 1)” không còn bán nữa." in page
    assert "“Yến sào (Gói 1)” đã hết hàng ở mọi cửa hàng." in page
    assert "“Hạt điều (Gói 1)”: chỉ thêm được 1." in page
    assert "“Rau muống (Gói 1)” nay có giá 30.000\xa0₫ (trước đây 25.000\xa0₫)." in page
    assert cart_of(lan) == {rau.id: 2, dieu.id: 1}


def test_buy_again_needs_the_order_to_be_hers(app, client, auth, lan):
    variant, outlet = stocked_variant()
    other = factories.user(email="mai@example.vn")
    db.session.commit()
    order = place((variant, 1), user=other, outlet_obj=outlet)
    assert client.post(f"/don-hang/{order.number}/mua-lai").status_code == 404
    assert cart_of(lan) == {}


def test_the_my_orders_page_offers_buy_again(app, client, lan):
    variant, outlet = stocked_variant()
    db.session.commit()
    order = place((variant, 1), user=lan, outlet_obj=outlet)
    assert f'action="/don-hang/{order.number}/mua-lai"' in client.get("/don-hang").get_data(as_text=True)


def _address(user, **fields) -> Address:
    data = {"recipient": "Mẹ Lan", "phone": "0987654321", "province_code": 75, "ward_code": WARD,
            "street": "7 Hùng Vương", "is_default": True, **fields}  # fmt: skip
    address = Address(user_id=user.id, **data)
    db.session.add(address)
    db.session.commit()
    return address


def test_a_saved_address_is_chosen_by_default_at_checkout_and_used_for_delivery(app, client, lan):
    outlet = factories.outlet(wards=(WARD,))
    variant = stocked_variant(outlet_obj=outlet)[0]
    address = _address(lan)
    db.session.commit()
    fill_cart(client, (variant, 1))
    page = client.get("/thanh-toan").get_data(as_text=True)
    assert re.search(rf'<input checked id="address_id-\d" name="address_id" type="radio" value="{address.id}">', page)
    assert "Mẹ Lan · 0987654321 · 7 Hùng Vương, Phường Đồng Xoài, Đồng Nai" in page
    details(client, fulfilment="delivery", address_id=address.id, ward_code=0, street="")
    place_through_pages(client, review_form(client))
    order = db.session.scalar(select(Order))
    assert (order.delivery_ward_code, order.delivery_street) == (WARD, "7 Hùng Vương")
    assert (order.contact_name, order.contact_phone, order.user_id) == ("Mẹ Lan", "0987654321", lan.id)


def test_another_shoppers_address_at_checkout_is_not_found_and_nothing_is_kept(app, client, auth, lan):
    variant, outlet = stocked_variant()
    mai = factories.user(email="mai@example.vn")
    theirs = _address(mai)
    fill_cart(client, (variant, 1))
    response = details(client, fulfilment="delivery", address_id=theirs.id, ward_code=WARD, street="1 A")
    assert response.status_code == 404
    assert "7 Hùng Vương" not in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "checkout" not in session
    auth.logout()
    fill_cart(client, (variant, 1))
    assert details(client, fulfilment="delivery", address_id=theirs.id, ward_code=WARD, street="1 A").status_code == 404


def test_a_favourite_is_watched_at_her_last_pickup_outlet_and_she_is_told_when_it_is_back(app, client, lan, outbox):
    ho_nai = factories.outlet(name="Cửa hàng Hố Nai")
    long_khanh = factories.outlet(name="Cửa hàng Long Khánh")
    rau, _ = stocked_variant(quantity=1, outlet_obj=ho_nai, name="Rau muống")
    xoai, _ = stocked_variant(quantity=1, outlet_obj=ho_nai, name="Xoài cát")
    db.session.commit()
    place((rau, 1), user=lan, outlet_obj=ho_nai)  # the last unit: out of stock now, and Hố Nai is hers
    client.post(f"/yeu-thich/san-pham/{xoai.product_id}")
    client.post(f"/yeu-thich/san-pham/{rau.product_id}")
    favourite = db.session.scalar(select(FavouriteProduct).where(FavouriteProduct.product_id == rau.product_id))
    assert favourite.outlet_id == ho_nai.id
    page = client.get("/yeu-thich").get_data(as_text=True)
    assert "Rau muống" in page and "Tạm hết hàng tại Cửa hàng Hố Nai" in page
    outbox.clear()
    elsewhere = stock.get_or_create_record(variant_id=rau.id, outlet_id=long_khanh.id)
    stock.receive(elsewhere, 5)
    db.session.commit()
    assert outbox == []  # not her outlet
    here = stock.get_or_create_record(variant_id=rau.id, outlet_id=ho_nai.id)
    stock.receive(here, 3)
    db.session.commit()
    assert [m["Subject"] for m in outbox] == ["“Rau muống” đã có hàng trở lại"]
    assert "Cửa hàng Hố Nai" in outbox[0].get_content()
    notice = db.session.scalar(select(Notification).where(Notification.kind == "favourite"))
    assert notice.link == f"/san-pham/{rau.product.slug}"
    stock.adjust(here, -3)
    stock.receive(here, 2)  # back again within the quiet hours: no second notice
    db.session.commit()
    assert len(outbox) == 1


def test_a_favourite_for_any_outlet_is_told_only_when_none_had_it(app, client, lan, outbox):
    a, b = factories.outlet(), factories.outlet()
    rau, _ = stocked_variant(quantity=2, outlet_obj=a, name="Rau muống")
    db.session.commit()
    client.post(f"/yeu-thich/san-pham/{rau.product_id}")
    assert db.session.scalar(select(FavouriteProduct.outlet_id)) is None  # no pickup yet: any outlet
    stock.receive(stock.get_or_create_record(variant_id=rau.id, outlet_id=b.id), 4)
    db.session.commit()
    assert outbox == []  # it was never out of stock everywhere


def test_favourite_preferences_are_respected(app, client, lan, outbox):
    outlet = factories.outlet()
    rau, _ = stocked_variant(quantity=0, outlet_obj=outlet, name="Rau muống")
    db.session.commit()
    client.post(f"/yeu-thich/san-pham/{rau.product_id}")
    client.post("/tai-khoan/thong-bao/cai-dat", data={"favourite_in_site": "y"})
    stock.receive(stock.get_or_create_record(variant_id=rau.id, outlet_id=outlet.id), 4)
    db.session.commit()
    assert outbox == []
    assert db.session.scalar(select(func.count(Notification.id)).where(Notification.kind == "favourite")) == 1


def test_favourites_refuse_hidden_products_and_others_favourites(app, client, auth, lan):
    variant, outlet = stocked_variant()
    variant.product.is_hidden = True
    shown, _ = stocked_variant(outlet_obj=outlet)
    db.session.commit()
    assert client.post(f"/yeu-thich/san-pham/{variant.product_id}").status_code == 404
    client.post(f"/yeu-thich/san-pham/{shown.product_id}")
    favourite = db.session.scalar(select(FavouriteProduct))
    auth.logout()
    factories.user(email="mai@example.vn")
    db.session.commit()
    auth.login("mai@example.vn")
    assert (
        client.post(f"/yeu-thich/{favourite.id}/cua-hang", data={f"f{favourite.id}-outlet_id": outlet.id}).status_code
        == 404
    )
    assert reload(favourite).outlet_id is None


def test_following_a_seller_from_its_page(app, client, lan):
    seller = factories.seller(name="HTX Hoa Sen")
    db.session.commit()
    page = client.get(f"/nguoi-ban/{seller.slug}").get_data(as_text=True)
    assert f'action="/yeu-thich/nguoi-ban/{seller.id}"' in page
    client.post(f"/yeu-thich/nguoi-ban/{seller.id}")
    assert "HTX Hoa Sen" in client.get("/yeu-thich").get_data(as_text=True)
    client.post(f"/yeu-thich/nguoi-ban/{seller.id}/bo")
    assert "HTX Hoa Sen" not in client.get("/yeu-thich").get_data(as_text=True)
