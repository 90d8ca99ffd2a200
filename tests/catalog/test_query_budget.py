"""The query budget: every shop page costs at most 8 SQL statements, for a visitor and for a signed-in
shopper with a cart, with caching off, and the same number whatever the page shows.

Each request is counted on a fresh database session, as in production (the test's session would
otherwise answer some look-ups from its identity map).
"""

from __future__ import annotations

import dataclasses

import pytest
from flask_login import login_user
from sqlalchemy import select

from app.accounts.models import User
from app.core.extensions import db
from app.orders import cart, favourites
from app.templating import her_numbers, load_signed_in_user
from tests import factories
from tests.catalog.factories import image, shop
from tests.catalog.test_pages import grow
from tests.helpers import recorded_queries
from tests.reviews.factories import bought, review

BUDGET = 8


@pytest.fixture
def world(app, client, auth):
    """The small shop, a review with a photo-less text on the bird's nest, and Lan signed in with a
    favourite and two lines in her cart."""
    catalog = shop()
    buyer = factories.user(email="mua@example.vn")
    line = bought(buyer, variant=catalog.nest_box.variants[0], outlet_obj=catalog.outlet_a)
    review(buyer, line, 5, "Yến thơm, đóng hộp cẩn thận.")
    lan = factories.user(email="lan@example.vn", full_name="Nguyễn Thị Lan")
    favourites.add_product(user=lan, product_id=catalog.nest_box.id)
    db.session.commit()
    return catalog


def page_urls(catalog) -> dict[str, str]:
    return {
        "home": "/",
        "category": f"/danh-muc/{catalog.food.slug}",
        "listing": "/san-pham",
        "listing with filters": "/san-pham?category=dac-san&sort=price_asc&price_min=1000&kind=cooperative&ocop=3",
        "listing at an outlet": f"/san-pham?outlet={catalog.outlet_b.slug}&sort=best_selling",
        "product": f"/san-pham/{catalog.nest_box.slug}",
        "search": "/tim-kiem?q=yen+sao+binh+phuoc",
        "search corrected": "/tim-kiem?q=hat+dieux+yen+sap",
        "seller": f"/nguoi-ban/{catalog.coop.slug}",
        "outlet": f"/cua-hang/{catalog.outlet_a.slug}",
        "cart": "/gio-hang",
        "api search": "/api/v1/products?q=yen&per_page=50",
        "api search corrected": "/api/v1/products?q=yen+sap",
        "api product": f"/api/v1/products/{catalog.nest_box.slug}",
    }


def statements(client, url: str) -> list[str]:
    """The SQL statements of one GET of ``url``, on a fresh session."""
    client.get(url)  # warm-up: per-process look-ups (search capabilities, templates) happen once
    db.session.remove()
    with recorded_queries() as sent:
        response = client.get(url)
    assert response.status_code == 200, url
    return sent


def attached(catalog):
    """The same shop, its rows read again in the current session (counting starts a fresh one)."""
    return dataclasses.replace(
        catalog,
        **{
            f.name: db.session.get(type(obj), obj.id)
            for f in dataclasses.fields(catalog)
            if (obj := getattr(catalog, f.name))
        },
    )


def sign_in_with_a_cart(client, auth, catalog) -> None:
    auth.login("lan@example.vn")
    for variant in (catalog.nest_box.variants[0], catalog.mango.variants[0]):
        client.post("/gio-hang/them", data={"variant_id": variant.id, "quantity": 1})


def budget_report(client, urls: dict[str, str]) -> dict[str, int]:
    return {name: len(statements(client, url)) for name, url in urls.items()}


def over_budget(counts: dict[str, int]) -> dict[str, int]:
    return {name: n for name, n in counts.items() if n > BUDGET}


@pytest.mark.parametrize("who", ["visitor", "signed-in shopper with a cart"])
def test_every_page_costs_at_most_8_statements_and_no_more_when_it_shows_more(client, auth, world, who):
    if who != "visitor":
        sign_in_with_a_cart(client, auth, world)
        assert ["Nguyễn", "Thị", "Lan"][-1] in client.get("/").get_data(as_text=True)
    urls = page_urls(world)
    before = budget_report(client, urls)
    assert not over_budget(before), before

    world = attached(world)
    grow(world, 12)  # more products, each with three variants, two photos, stock at two outlets
    for n in range(6):
        outlet = factories.outlet(name=f"Cửa hàng thêm {n}")
        for variant in world.nest_box.variants + world.mango.variants:
            factories.stock(variant=variant, outlet_obj=outlet, on_hand=3)
    image(world.nest_box, position=1)
    image(world.nest_box, position=2)
    db.session.commit()
    if who != "visitor":
        sign_in_with_a_cart(client, auth, world)  # the same lines again: quantities, not more lines
    after = budget_report(client, urls)
    assert after == before


def test_the_signed_in_header_is_read_with_her_account_in_one_statement(client, auth, world):
    sign_in_with_a_cart(client, auth, world)
    sent = statements(client, "/san-pham")
    assert sum("FROM users" in s for s in sent) == 1
    assert not any(s.lstrip().startswith("SELECT count(cart_lines.id)") for s in sent)
    html = client.get("/san-pham").get_data(as_text=True)
    assert 'aria-label="2 sản phẩm trong giỏ"' in html or ">2</span>" in html


def test_what_was_read_with_her_account_is_forgotten_when_the_request_writes(app, client, auth, world):
    """A request that changes her cart and then shows a page shows the new count, not the one read
    with her account when the request began."""
    lan = db.session.scalar(select(User).where(User.email == "lan@example.vn"))
    with app.test_request_context("/san-pham"):
        assert load_signed_in_user(lan.get_id()) == lan
        login_user(lan)
        assert her_numbers()[0] == 0
        cart.add_item(user=lan, variant_id=world.nest_box.variants[0].id, quantity=1)
        assert her_numbers()[0] == 1
