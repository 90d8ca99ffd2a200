"""The product form for a phone: typed numbers, generated SKUs, an error summary, draft photos that survive
a refused submit, limits on rows, archiving as its own confirmed step, a preview of the card."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from app.catalog.models import DraftImage, Product, ProductImage, Variant
from app.core.extensions import db
from tests import factories
from tests.sellers.factories import EXE, png_bytes
from tests.sellers.test_products import form


@pytest.fixture
def shop(auth):
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(status="approved", members=[owner])
    cat = factories.category(name_vi="Yến sào")
    db.session.commit()
    auth.login("chu@htx.vn")
    return seller, cat


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def post(client, url, data, photos=()):
    payload = {**data, "photos": [(io.BytesIO(b), name) for b, name in photos]}
    return client.post(url, data=payload, content_type="multipart/form-data")


def test_prices_and_weights_as_people_write_them_and_a_generated_sku(client, shop):
    seller, cat = shop
    data = form(
        cat,
        name="Yến sào tinh chế",
        **{"variants-0-sku": "", "variants-0-price_vnd": "85.000", "variants-0-weight_grams": "0,5 kg",
           "variants-1-price_vnd": "1,2tr", "variants-1-weight_grams": "100 g"},
    )  # fmt: skip
    assert post(client, f"/ban-hang/{seller.id}/san-pham/moi", data).status_code == 302
    product = db.session.scalar(select(Product))
    assert [(v.sku, v.price_vnd, v.weight_grams) for v in product.variants] == [
        ("YSTC-HOP50G", 85000, 500),
        ("YEN-100G", 1200000, 100),
    ]
    page = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}").get_data(as_text=True)
    assert 'value="85.000"' in page and 'value="500 g"' in page and 'value="YSTC-HOP50G"' in page


def test_a_generated_sku_never_repeats_one_she_uses(client, shop):
    seller, cat = shop
    factories.product(seller_obj=seller).variants[0].sku = "YSTC-HOP50G"
    db.session.commit()
    post(client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat, name="Yến sào tinh chế", **{"variants-0-sku": ""}))
    skus = set(db.session.scalars(select(Variant.sku)))
    assert {"YSTC-HOP50G", "YSTC-HOP50G-2"} <= skus


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("variants-0-price_vnd", "0", "Giá phải là số đồng nguyên lớn hơn 0"),
        ("variants-0-price_vnd", "85,5", "Không có số lẻ của đồng"),
        ("variants-0-weight_grams", "0 g", "Khối lượng phải từ 1 gam đến 1.000 kg"),
        ("variants-0-weight_grams", "1.000,5 kg", "Khối lượng phải từ 1 gam đến 1.000 kg"),
        ("variants-0-weight_grams", "nửa ký", "Ghi khối lượng kèm đơn vị"),
    ],
)
def test_bad_numbers_are_refused_next_to_the_field_and_in_the_summary(client, shop, field, value, message):
    seller, cat = shop
    response = post(client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat, **{field: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    summary = page[page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))]
    assert f'href="#{field}"' in summary and message in summary
    assert re.search(rf'id="{field}-error">[^<]*{re.escape(message)}', page)
    assert count(Product) == 0 and count(Variant) == 0


def test_twenty_rows_of_the_same_label_are_refused_and_nothing_is_saved(client, shop):
    seller, cat = shop
    data = {k: v for k, v in form(cat).items() if not k.startswith("variants-")}
    for i in range(20):
        row = {"label": "Hộp 50 g", "price_vnd": "100.000", "weight_grams": "50 g", "is_active": "y"}
        data |= {f"variants-{i}-{name}": value for name, value in row.items()}
    page = post(client, f"/ban-hang/{seller.id}/san-pham/moi", data).get_data(as_text=True)
    assert page.count("Loại hàng 1 đã có tên này") == 19 * 2  # next to rows 2..20, and in the summary
    assert 'href="#variants-19-label"' in page
    assert count(Product) == 0 and count(Variant) == 0


def test_more_than_fifteen_different_items_are_refused(client, shop):
    seller, cat = shop
    data = {k: v for k, v in form(cat).items() if not k.startswith("variants-")}
    for i in range(16):
        data |= {
            f"variants-{i}-label": f"Hộp {i + 1}",
            f"variants-{i}-price_vnd": "1000",
            f"variants-{i}-weight_grams": "5",
        }
    assert "Mỗi sản phẩm tối đa 15 loại hàng" in post(client, f"/ban-hang/{seller.id}/san-pham/moi", data).get_data(
        as_text=True
    )
    assert count(Product) == 0


def test_a_photo_survives_a_refused_submit_and_is_not_sent_again(client, app, shop):
    seller, cat = shop
    url = f"/ban-hang/{seller.id}/san-pham/moi"
    first = post(client, url, form(cat, **{"variants-0-price_vnd": "0"}), [(png_bytes((40, 30)), "yen.png")])
    page = first.get_data(as_text=True)
    draft = db.session.scalar(select(DraftImage))
    assert count(Product) == 0 and draft.original_name == "yen.png"
    assert f'name="draft_images" value="{draft.id}" checked' in page
    assert f"/media/{draft.storage_key}/640.webp" in page
    again = post(client, url, {**form(cat), "draft_images": [str(draft.id)]})  # no file this time
    assert again.status_code == 302
    product = db.session.scalar(select(Product))
    assert [(i.storage_key, i.width, i.height) for i in product.images] == [(draft.storage_key, 40, 30)]
    assert count(DraftImage) == 0


def test_a_file_that_is_not_an_image_is_refused_and_the_good_one_kept(client, shop):
    seller, cat = shop
    response = post(
        client, f"/ban-hang/{seller.id}/san-pham/moi", form(cat), [(EXE, "anh.png"), (png_bytes(), "tot.png")]
    )
    page = response.get_data(as_text=True)
    assert 'href="#photos"' in page and "“anh.png”" in page
    assert count(Product) == 0 and count(ProductImage) == 0
    assert [d.original_name for d in db.session.scalars(select(DraftImage))] == ["tot.png"]


def test_an_unticked_or_foreign_draft_is_left_out(client, auth, shop):
    seller, cat = shop
    stranger = factories.user()
    other = factories.seller(members=[stranger])
    foreign = DraftImage(seller_id=other.id, user_id=stranger.id, storage_key="f" * 24, width=1, height=1)
    db.session.add(foreign)
    db.session.commit()
    post(client, f"/ban-hang/{seller.id}/san-pham/moi", {**form(cat), "draft_images": [str(foreign.id)]})
    assert count(ProductImage) == 0 and count(DraftImage) == 1


def test_the_preview_card_shows_what_shoppers_will_see(client, shop):
    seller, cat = shop
    page = post(
        client,
        f"/ban-hang/{seller.id}/san-pham/moi",
        form(cat, name="Yến sào Tân Phú", **{"variants-1-price_vnd": "-"}),
    )
    preview = page.get_data(as_text=True)
    preview = preview[preview.index('class="card-preview"') :]
    assert "Yến sào Tân Phú" in preview and "1.250.000\xa0₫" in preview and "OCOP 4★" in preview


def test_the_form_offers_three_rows_before_the_first_save_and_hints_everywhere(client, shop):
    seller, _cat = shop
    page = client.get(f"/ban-hang/{seller.id}/san-pham/moi").get_data(as_text=True)
    assert [n for n in range(5) if f'name="variants-{n}-label"' in page] == [0, 1, 2]
    for hint in (
        "Ghi như bạn vẫn viết: 85.000 hoặc 85000.",
        "Ghi kèm đơn vị: 500 g hoặc 0,5 kg",
        "Để trống, chợ sẽ tự đặt mã",
    ):
        assert hint in page
    assert page.count('class="hint"') >= 15


def test_archiving_is_a_separate_confirmed_step(client, shop):
    seller, _cat = shop
    product = factories.product(seller_obj=seller)
    db.session.commit()
    editor = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}").get_data(as_text=True)
    status_form = editor[
        editor.index('class="status-buttons"') : editor.index("</form>", editor.index('class="status-buttons"'))
    ]
    assert "archived" not in status_form
    confirm = client.get(f"/ban-hang/{seller.id}/san-pham/{product.id}/luu-tru")
    assert "Có, lưu trữ" in confirm.get_data(as_text=True)
    db.session.refresh(product)
    assert product.status == "active"
    client.post(f"/ban-hang/{seller.id}/san-pham/{product.id}/luu-tru")
    db.session.refresh(product)
    assert product.status == "archived"
    other = factories.product()
    db.session.commit()
    assert client.post(f"/ban-hang/{seller.id}/san-pham/{other.id}/luu-tru").status_code == 404
