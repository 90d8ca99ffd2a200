"""Product photos go through the shared image pipeline; a bad file saves nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.catalog.models import Product, ProductImage
from app.core.extensions import db
from tests import factories
from tests.sellers.factories import EXE, png_bytes
from tests.sellers.test_products import form


@pytest.fixture
def shop(auth):
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(status="approved", members=[owner])
    cat = factories.category()
    db.session.commit()
    auth.login("chu@htx.vn")
    return seller, cat


def post_with_photos(client, url, data, photos):
    payload = {**data, "photos": [(io.BytesIO(b), name) for b, name in photos]}
    return client.post(url, data=payload, content_type="multipart/form-data")


def test_photos_are_processed_and_attached_in_order(client, app, shop):
    seller, cat = shop
    photos = [(png_bytes((40, 30)), "a.png"), (png_bytes((20, 20)), "b.png")]
    post_with_photos(client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat), photos)
    product = db.session.scalar(select(Product))
    images = product.images
    assert [(i.width, i.height, i.position) for i in images] == [(40, 30, 0), (20, 20, 1)]
    assert images[0].alt == product.name
    assert (Path(app.config["MEDIA_ROOT"]) / images[0].storage_key / "640.webp").is_file()
    page = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}").get_data(as_text=True)
    assert f"/media/{images[0].storage_key}/640.webp" in page


@pytest.mark.parametrize(("data", "name"), [(EXE, "anh.png"), (b"not an image", "anh.jpg"), (b"", "trong.png")])
def test_a_bad_photo_is_refused_and_the_product_is_not_saved(client, shop, data, name):
    seller, cat = shop
    response = post_with_photos(client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat), [(data, name)])
    assert response.status_code == 200
    assert f"“{name}”" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Product.id))) == 0


def test_a_bad_photo_on_edit_leaves_the_product_unchanged(client, shop):
    seller, cat = shop
    product = factories.product(seller_obj=seller, name="Tên cũ", category_obj=cat)
    db.session.commit()
    data = form(cat, name="Tên mới", **{"variants-0-id": str(product.variants[0].id), "variants-1-label": ""})
    data = {k: v for k, v in data.items() if not k.startswith("variants-1-")}
    post_with_photos(client, f"/ban-hang/{seller.id}/san-pham/{product.id}", data, [(EXE, "x.png")])
    db.session.refresh(product)
    assert product.name == "Tên cũ" and product.images == []


def test_at_most_eight_photos(client, shop):
    seller, cat = shop
    photos = [(png_bytes((10 + i, 10)), f"{i}.png") for i in range(9)]
    response = post_with_photos(client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat), photos)
    assert "Mỗi sản phẩm tối đa 8 ảnh" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ProductImage.id))) == 0


def test_removing_a_photo_and_another_sellers_photo_is_404(client, shop):
    seller, cat = shop
    post_with_photos(client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat), [(png_bytes(), "a.png")])
    product = db.session.scalar(select(Product))
    foreign = factories.product()
    db.session.add(ProductImage(product_id=foreign.id, storage_key="k" * 24, width=1, height=1))
    db.session.commit()
    foreign_image = db.session.scalar(select(ProductImage).where(ProductImage.product_id == foreign.id))
    url = f"/ban-hang/{seller.id}/san-pham/{product.id}/anh/{foreign_image.id}/xoa"
    assert client.post(url).status_code == 404
    client.post(f"/ban-hang/{seller.id}/san-pham/{product.id}/anh/{product.images[0].id}/xoa")
    assert db.session.scalar(select(func.count(ProductImage.id))) == 1
