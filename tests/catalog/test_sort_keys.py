"""Products' sort keys follow their items and ratings, whoever saves them; the lists read them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from app.catalog.listing import Filters, browse
from app.catalog.models import Product, Variant
from app.catalog.sort_keys import rating_rank
from app.core.extensions import db
from tests import factories
from tests.sellers.test_products import form


def stored(product: Product) -> tuple[int | None, int]:
    """The keys as the database holds them (not as the session remembers them)."""
    row = db.session.execute(select(Product.min_price_vnd, Product.rating_rank).where(Product.id == product.id)).one()
    return row.min_price_vnd, row.rating_rank


def card_names(response) -> list[str]:
    return re.findall(r'<h3 class="card-title">([^<]+)</h3>', response.get_data(as_text=True))


def test_a_new_product_gets_the_lowest_price_of_its_items(app):
    product = factories.product(price=40_000, variants=3)
    db.session.commit()
    assert stored(product) == (40_000, 0)


def test_the_sellers_form_moves_the_lowest_price_when_items_change(client, auth):
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(status="approved", members=[owner])
    cat = factories.category(name_vi="Yến sào")
    db.session.commit()
    auth.login("chu@htx.vn")
    client.post(f"/ban-hang/{seller.id}/san-pham/moi", data=form(cat))
    product = db.session.scalar(select(Product))
    assert stored(product) == (1_250_000, 0)
    first, second = product.variants
    data = form(
        cat,
        **{"variants-0-id": str(first.id), "variants-1-id": str(second.id), "variants-1-price_vnd": "990.000"},
    )
    data.pop("variants-0-is_active")  # the 50 g box is taken off sale, the 100 g box gets cheaper
    assert client.post(f"/ban-hang/{seller.id}/san-pham/{product.id}", data=data).status_code == 302
    assert stored(product) == (990_000, 0)


def test_items_changed_outside_the_form_move_it_too(app):
    product = factories.product(price=30_000, variants=2)
    other = factories.product(price=90_000)
    db.session.commit()
    cheap, dear = product.variants
    cheap.is_active = False
    db.session.commit()
    assert stored(product) == (60_000, 0)
    dear.product = other  # an item moved to another product (the seed does this)
    db.session.commit()
    assert stored(product) == (None, 0) and stored(other) == (60_000, 0)


def test_an_item_added_by_product_id_alone_counts(app):
    product = factories.product(price=30_000)
    db.session.commit()
    db.session.add(
        Variant(product_id=product.id, seller_id=product.seller_id, sku="RE-1", label="Gói nhỏ", price_vnd=9_000,
                weight_grams=100)
    )  # fmt: skip
    db.session.commit()
    assert stored(product) == (9_000, 0)


@pytest.mark.parametrize(
    ("stars", "count", "rank"), [((5, 4, 4), 3, 4333), ((4, 4), 2, 4000), ((3, 4), 2, 3500), ((), 0, 0)]
)
def test_the_rating_rank_is_the_average_times_a_thousand_rounded_down(app, stars, count, rank):
    product = factories.product()
    product.rating_count, product.rating_sum = count, sum(stars)
    db.session.commit()
    assert stored(product)[1] == rank == rating_rank(sum(stars), count)


def test_the_price_sort_and_filter_read_the_lowest_price_on_sale(client):
    seller, cat = factories.seller(), factories.category()
    cheap_then_dear = factories.product(name="Rau má", price=5_000, variants=2, seller_obj=seller, category_obj=cat)
    factories.product(name="Rau dền", price=8_000, seller_obj=seller, category_obj=cat)
    factories.product(name="Rau ngót", price=12_000, seller_obj=seller, category_obj=cat)
    db.session.commit()
    assert card_names(client.get("/san-pham?sort=price_asc")) == ["Rau má", "Rau dền", "Rau ngót"]
    cheap_then_dear.variants[0].is_active = False  # now from 10.000 đ
    db.session.commit()
    assert card_names(client.get("/san-pham?sort=price_asc")) == ["Rau dền", "Rau má", "Rau ngót"]
    assert card_names(client.get("/san-pham?price_min=9.000&price_max=11.000")) == ["Rau má"]


def test_a_product_with_nothing_on_sale_is_left_out_of_the_price_sort_only(client):
    factories.product(name="Rau má", price=5_000)
    idle = factories.product(name="Rau dền", price=8_000)
    db.session.commit()
    db.session.execute(update(Variant).where(Variant.product_id == idle.id).values(is_active=False))
    db.session.execute(update(Product).where(Product.id == idle.id).values(min_price_vnd=None))
    db.session.commit()
    assert card_names(client.get("/san-pham?sort=price_desc")) == ["Rau má"]
    assert sorted(card_names(client.get("/san-pham"))) == ["Rau dền", "Rau má"]
    assert (browse(Filters(sort="price_asc")).total, browse(Filters()).total) == (1, 2)
