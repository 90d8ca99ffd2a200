"""A seller manages listings: variants with prices and weights, publishing, archiving, bad input."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.catalog.models import Product, ProductCertification, Variant
from app.core.extensions import db
from tests import factories


@pytest.fixture
def shop(auth):
    """An approved seller, its owner signed in, and a category."""
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(status="approved", members=[owner])
    cat = factories.category(name_vi="Yến sào")
    db.session.commit()
    auth.login("chu@htx.vn")
    return seller, cat


def form(cat, **overrides) -> dict:
    data = {
        "name": "Yến sào tinh chế",
        "category_id": str(cat.id),
        "summary": "Yến nuôi tại Tân Phú",
        "description": "Làm sạch thủ công.",
        "unit": "box",
        "origin_province_code": "75",
        "origin_ward_code": "26068",
        "ocop_stars": "4",
        "certifications": ["vietgap", "ocop"],
        "variants-0-label": "Hộp 50 g",
        "variants-0-sku": "yen-50g",
        "variants-0-price_vnd": "1.250.000",
        "variants-0-weight_grams": "50",
        "variants-0-is_active": "y",
        "variants-1-label": "Hộp 100 g",
        "variants-1-sku": "YEN-100G",
        "variants-1-price_vnd": "2400000",
        "variants-1-weight_grams": "100",
        "variants-1-is_active": "y",
    }
    data.update(overrides)
    return data


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_seller_creates_a_product_with_variants(client, shop):
    seller, cat = shop
    response = client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat))
    product = db.session.scalar(select(Product))
    assert response.status_code == 302
    assert (product.status, product.needs_review, product.ocop_stars) == ("draft", True, 4)
    assert product.certification_codes == ["ocop", "vietgap"]
    assert [(v.label, v.sku, v.price_vnd, v.weight_grams) for v in product.variants] == [
        ("Hộp 50 g", "YEN-50G", 1250000, 50),
        ("Hộp 100 g", "YEN-100G", 2400000, 100),
    ]
    page = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}").get_data(as_text=True)
    assert "YEN-100G" in page and "Hộp 50 g" in page


def test_editing_changes_variants_and_adds_one(client, shop):
    seller, cat = shop
    client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat))
    product = db.session.scalar(select(Product))
    first, second = product.variants
    product.needs_review = False
    db.session.commit()
    data = form(
        cat,
        **{
            "variants-0-id": str(first.id),
            "variants-0-price_vnd": "1300000",
            "variants-1-id": str(second.id),
            "variants-1-is_active": "",
            "variants-2-label": "Hộp 200 g",
            "variants-2-sku": "YEN-200G",
            "variants-2-price_vnd": "4700000",
            "variants-2-weight_grams": "200",
            "variants-2-is_active": "y",
            "certifications": ["vietgap"],
        },
    )
    data.pop("variants-1-is_active")
    client.post(f"/ban-hang/{seller.id}/san-pham/{product.id}", data=data)
    db.session.expire_all()
    product = db.session.get(Product, product.id)
    assert [(v.sku, v.price_vnd, v.is_active) for v in product.variants] == [
        ("YEN-50G", 1300000, True),
        ("YEN-100G", 2400000, False),
        ("YEN-200G", 4700000, True),
    ]
    assert product.certification_codes == ["vietgap"]
    assert product.needs_review is True
    assert count(ProductCertification) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"variants-0-price_vnd": "0"}, "Giá phải là số đồng nguyên lớn hơn 0"),
        ({"variants-0-price_vnd": "-5000"}, "Nhập một số nguyên"),
        ({"variants-0-price_vnd": "85000,5đ x"}, "Nhập một số nguyên"),
        ({"variants-0-weight_grams": "1000001"}, "Khối lượng phải từ 1 gam đến 1.000 kg"),
        ({"variants-0-weight_grams": "0"}, "Khối lượng phải từ 1 gam đến 1.000 kg"),
        ({"variants-1-sku": "yen-50g"}, "Bạn đã dùng mã hàng này"),
        ({"variants-0-sku": "mã có dấu"}, "Dùng 1–40 chữ cái"),
        ({"variants-0-label": ""}, "Hãy ghi hàng bán"),
        ({"name": "a" * 201}, "Tối đa 200 ký tự"),
        ({"summary": "b" * 301}, "Tối đa 300 ký tự"),
        ({"description": "c" * 5001}, "Tối đa 5000 ký tự"),
        ({"category_id": "0"}, "Hãy chọn danh mục"),
        ({"category_id": "99999"}, "Hãy chọn danh mục"),
        ({"origin_ward_code": "4"}, "không thuộc tỉnh đã chọn"),
        ({"ocop_stars": "7"}, "Số sao OCOP từ 1 đến 5"),
        ({"unit": "ton"}, "Hãy chọn đơn vị trong danh sách"),
        ({"certifications": ["iso"]}, "Hãy chọn chứng nhận trong danh sách"),
        ({"origin_province_code": "999"}, "Hãy chọn tỉnh"),
    ],
)
def test_bad_product_input_is_refused_and_nothing_is_saved(client, shop, overrides, message):
    seller, cat = shop
    response = client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat, **overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(Product) == 0 and count(Variant) == 0 and count(ProductCertification) == 0


def test_a_product_needs_at_least_one_variant(client, shop):
    seller, cat = shop
    data = {k: v for k, v in form(cat).items() if not k.startswith("variants-")}
    response = client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=data)
    assert "Hãy thêm ít nhất một loại hàng để bán" in response.get_data(as_text=True)
    assert count(Product) == 0


def test_a_sku_already_used_by_another_product_of_the_seller_is_refused(client, shop):
    seller, cat = shop
    factories.product(seller_obj=seller).variants[0].sku = "YEN-50G"
    db.session.commit()
    response = client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat))
    assert "Bạn đã dùng mã hàng này" in response.get_data(as_text=True)
    assert count(Product) == 1


def test_another_seller_may_use_the_same_sku(client, shop):
    seller, cat = shop
    factories.product().variants[0].sku = "YEN-50G"
    db.session.commit()
    client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat))
    assert count(Product) == 2


def publish(client, seller, product, status="active"):
    return client.post(
        f"/ban-hang/{seller.id}/san-pham/{product.id}/trang-thai", data={"status": status}, follow_redirects=True
    )


def test_an_approved_seller_publishes_and_archives_keeping_everything(client, shop):
    seller, _cat = shop
    product = factories.product(seller_obj=seller, status="draft")
    db.session.commit()
    publish(client, seller, product)
    db.session.refresh(product)
    assert product.status == "active"
    publish(client, seller, product, "archived")
    db.session.refresh(product)
    assert product.status == "archived" and len(product.variants) == 1


@pytest.mark.parametrize("status", ["pending", "rejected", "draft", "suspended"])
def test_a_seller_not_approved_cannot_publish(client, auth, status):
    owner = factories.user(email="moi@htx.vn")
    seller = factories.seller(status=status, members=[owner])
    product = factories.product(seller_obj=seller, status="draft")
    db.session.commit()
    auth.login("moi@htx.vn")
    page = publish(client, seller, product).get_data(as_text=True)
    db.session.refresh(product)
    assert product.status == "draft"
    assert "Sản phẩm chỉ được đăng bán sau khi Hội duyệt" in page


def test_a_product_without_an_item_on_sale_cannot_be_published(client, shop):
    seller, _cat = shop
    product = factories.product(seller_obj=seller, status="draft")
    product.variants[0].is_active = False
    db.session.commit()
    publish(client, seller, product)
    db.session.refresh(product)
    assert product.status == "draft"


def test_a_seller_cannot_touch_another_sellers_product_or_variant(client, shop):
    seller, cat = shop
    foreign = factories.product()
    mine = factories.product(seller_obj=seller)
    db.session.commit()
    assert client.get(f"/ban-hang/{seller.id}/san-pham/{foreign.id}").status_code == 404
    assert client.get(f"/ban-hang/{foreign.seller_id}/san-pham/{foreign.id}").status_code == 404
    assert client.post(f"/ban-hang/{seller.id}/san-pham/{foreign.id}", data=form(cat)).status_code == 404
    assert publish(client, seller, foreign).status_code == 404
    forged = form(cat, **{"variants-0-id": str(foreign.variants[0].id)})
    assert client.post(f"/ban-hang/{seller.id}/san-pham/{mine.id}", data=forged).status_code == 404
    db.session.refresh(foreign)
    assert foreign.variants[0].sku != "YEN-50G"


def test_a_hidden_product_shows_the_reason_and_she_asks_for_review(client, shop):
    seller, _cat = shop
    product = factories.product(seller_obj=seller, is_hidden=True, hidden_reason="Ảnh không đúng sản phẩm")
    product.needs_review = False
    db.session.commit()
    page = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}").get_data(as_text=True)
    assert "Ảnh không đúng sản phẩm" in page
    client.post(f"/ban-hang/{seller.id}/san-pham/{product.id}/xin-duyet")
    db.session.refresh(product)
    assert product.needs_review is True and product.is_hidden is True


def test_the_editor_shows_what_is_saved(client, shop):
    seller, cat = shop
    client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat))
    product = db.session.scalar(select(Product))
    page = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="vietgap"', page)
    assert not re.search(r'<input checked[^>]*value="haccp"', page)
    assert 'value="1.250.000"' in page
    assert f'name="variants-0-id" type="hidden" value="{product.variants[0].id}"' in page
