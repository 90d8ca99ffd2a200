"""The catalog cache: anonymous pages and API answers kept a few seconds, a new catalog version on
every committed change of what they show, never a visitor's own parts in what is kept."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from flask import template_rendered
from sqlalchemy import update

from app.catalog.models import Variant
from app.core import cache as catalog_cache
from app.core import page_cache
from app.core.extensions import cache, db
from app.sellers.workflow import apply_transition
from app.staff.moderation import hide_product
from tests import factories
from tests.catalog.factories import shop
from tests.helpers import recorded_queries
from tests.orders.factories import place


def page(client, url: str, **headers):
    response = client.get(url, headers=headers)
    return response, response.get_data(as_text=True)


def test_a_cache_hit_serves_the_same_page_without_a_single_statement(client, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    with recorded_queries() as first:
        _, html = page(client, url)
    with recorded_queries() as second:
        _, again = page(client, url)
    assert first and not second
    assert again == html and "Yến sào Bình Phước hộp 100g" in again


@pytest.mark.parametrize("url", ["/", "/san-pham?sort=price_asc", "/tim-kiem?q=yen+sap", "/danh-muc/dac-san"])
def test_every_cached_catalog_page_is_served_from_the_cache(client, catalog, url):
    page(client, url)
    with recorded_queries() as sent:
        response, _ = page(client, url)
    assert response.status_code == 200 and sent == []


def test_a_new_price_shows_on_the_next_request(client, catalog):
    url = f"/san-pham/{catalog.mango.slug}"
    assert "60.000\xa0₫" in page(client, url)[1]
    catalog.mango.variants[0].price_vnd = 65_000
    db.session.commit()
    html = page(client, url)[1]
    assert "65.000\xa0₫" in html and "60.000\xa0₫" not in html


def test_a_bulk_update_outside_the_orm_also_makes_a_new_version(client, catalog):
    url = "/san-pham"
    assert "60.000\xa0₫" in page(client, url)[1]
    db.session.execute(update(Variant).where(Variant.id == catalog.mango.variants[0].id).values(price_vnd=70_000))
    db.session.commit()
    assert "70.000\xa0₫" in page(client, url)[1]


def test_stock_reserved_at_checkout_shows_on_the_next_request(client, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    assert "còn 7" in page(client, url)[1]  # 5 at one outlet, 2 at the other
    place((catalog.nest_box.variants[0], 2), outlet_obj=catalog.outlet_a)
    assert "còn 5" in page(client, url)[1]


def test_a_product_hidden_by_staff_disappears_on_the_next_request(cached, client, catalog):
    staff = factories.user(role="staff")
    db.session.commit()
    assert catalog.nest_box.name in page(client, "/")[1]
    assert page(client, f"/san-pham/{catalog.nest_box.slug}")[0].status_code == 200
    with cached.test_request_context():
        hide_product(staff=staff, product_id=catalog.nest_box.id, reason="Ảnh chưa đúng sản phẩm")
    assert catalog.nest_box.name not in page(client, "/")[1]
    assert page(client, f"/san-pham/{catalog.nest_box.slug}")[0].status_code == 404


def test_a_suspended_sellers_products_disappear_on_the_next_request(cached, client, catalog):
    assert "Xoài cát Hòa Lộc" in page(client, "/san-pham")[1]
    with cached.test_request_context():
        apply_transition(catalog.woman, action="suspend", actor_id=None, reason="Giấy tờ hết hạn")
        db.session.commit()
    assert "Xoài cát Hòa Lộc" not in page(client, "/san-pham")[1]
    assert page(client, f"/nguoi-ban/{catalog.woman.slug}")[0].status_code == 404


def test_while_one_request_renders_a_changed_page_the_others_get_the_kept_one(client, catalog, monkeypatch):
    url = f"/san-pham/{catalog.mango.slug}"
    assert "60.000\xa0₫" in page(client, url)[1]
    catalog.mango.variants[0].price_vnd = 65_000
    db.session.commit()
    monkeypatch.setattr(catalog_cache, "claim", lambda key, seconds: False)  # another request is rendering it
    with recorded_queries() as sent:
        html = page(client, url)[1]
    assert "60.000\xa0₫" in html and sent == []
    monkeypatch.undo()
    html = page(client, url)[1]
    assert "65.000\xa0₫" in html and "60.000\xa0₫" not in html


def test_a_kept_page_older_than_the_cache_lifetime_is_never_served(cached, client, catalog, monkeypatch):
    url = f"/san-pham/{catalog.mango.slug}"
    assert "60.000\xa0₫" in page(client, url)[1]
    catalog.mango.variants[0].price_vnd = 65_000
    db.session.commit()
    cached.config["CATALOG_CACHE_WAIT_SECONDS"] = 0.05
    monkeypatch.setattr(catalog_cache, "claim", lambda key, seconds: False)  # its renderer never finishes
    later = time.time() + cached.config["CATALOG_CACHE_SECONDS"] + 1
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    html = page(client, url)[1]
    assert "65.000\xa0₫" in html and "60.000\xa0₫" not in html


def test_a_kept_page_past_its_refresh_age_is_rendered_again(cached, client, catalog, monkeypatch):
    url = "/san-pham"
    page(client, url)
    later = time.time() + cached.config["CATALOG_CACHE_REFRESH_SECONDS"] + 0.5
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    with recorded_queries() as sent:
        page(client, url)
    assert sent, "rendered again by the request that took the lease"


def test_many_requests_for_a_page_nobody_kept_make_one_render(cached):
    renders = []
    start = threading.Barrier(8)

    def render() -> str:
        renders.append(1)
        time.sleep(0.3)
        return "<p>Xoài cát Hòa Lộc</p>"

    def ask(_n: int) -> str:
        with cached.test_request_context("/san-pham?sort=new"):
            start.wait()
            return page_cache.serve_kept("page:vi:single-flight", "v1", render).body

    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(ask, range(8), timeout=30))
    assert len(renders) == 1 and bodies == ["<p>Xoài cát Hòa Lộc</p>"] * 8


def test_a_cache_that_does_not_answer_grants_every_lease(cached, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "delete", broken)
    with cached.test_request_context("/"):
        assert catalog_cache.claim("lease:page:vi:x", 10) is True
        catalog_cache.release("lease:page:vi:x")


def test_a_rolled_back_write_keeps_the_version(cached, client, catalog):
    page(client, "/")
    version = catalog_cache.catalog_version()
    catalog.mango.variants[0].price_vnd = 1
    db.session.flush()
    db.session.rollback()
    with recorded_queries() as sent:
        page(client, "/")
    assert sent == [] and cache.get(catalog_cache.VERSION_KEY) == version


def test_a_signed_in_shopper_never_gets_a_visitors_cached_page_and_the_reverse(client, auth, cached, catalog):
    factories.user(email="lan@example.vn", full_name="Nguyễn Thị Lan")
    db.session.commit()
    guest = cached.test_client()
    guest.post("/gio-hang/them", data={"variant_id": catalog.mango.variants[0].id, "quantity": 1})
    url = f"/san-pham/{catalog.nest_box.slug}"
    guest_html = page(guest, url)[1]  # kept for visitors, her cart count filled in per request
    assert ">1</span>" in cart_badge(guest_html) and "Đăng nhập" in guest_html

    auth.login("lan@example.vn")
    for v in (catalog.nest_box.variants[0], catalog.mango.variants[0], catalog.tshirt.variants[0]):
        client.post("/gio-hang/them", data={"variant_id": v.id, "quantity": 1})
    lan_html = page(client, url)[1]
    assert "Lan" in account_menu(lan_html) and ">2</span>" in cart_badge(lan_html)

    stranger = cached.test_client()
    stranger_html = page(stranger, url)[1]
    assert "Lan" not in account_menu(stranger_html) and ">0</span>" in cart_badge(stranger_html)
    assert ">1</span>" in cart_badge(page(guest, url)[1])


@contextmanager
def captured_templates(app):
    names: list[str] = []

    def record(sender, template, context, **extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def cart_badge(html: str) -> str:
    return re.search(r'<a class="cart-link".*?</a>', html, re.S).group(0)


def account_menu(html: str) -> str:
    return re.search(r'<nav class="header-actions".*?</nav>', html, re.S).group(0)


def test_a_flashed_message_is_shown_to_its_visitor_only(cached, client, catalog):
    etag = client.get("/").headers["ETag"]
    client.post("/gio-hang/them", data={"variant_id": catalog.mango.variants[0].id, "quantity": 1})
    html = page(client, "/", **{"If-None-Match": etag})[1]
    assert html.count("flash-success") == 1
    assert "flash-success" not in page(cached.test_client(), "/")[1]
    assert "flash-success" not in page(client, "/")[1]


def test_each_visitor_gets_her_own_csrf_token_in_a_cached_page(cached, catalog):
    cached.config["WTF_CSRF_ENABLED"] = True
    url = f"/san-pham/{catalog.nest_box.slug}"
    tokens = []
    for _ in range(2):
        visitor = cached.test_client()
        html = page(visitor, url)[1]
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        tokens.append(token)
        added = visitor.post(
            "/gio-hang/them", data={"csrf_token": token, "variant_id": catalog.nest_box.variants[0].id, "quantity": 1}
        )
        assert added.status_code == 302, "her own token is accepted"
    assert tokens[0] != tokens[1] and "__csrf_token_hole__" not in html


def test_etag_round_trip_and_a_new_etag_after_a_change(client, catalog):
    url = "/san-pham"
    response = client.get(url)
    etag = response.headers["ETag"]
    assert etag.startswith('W/"') and response.headers["Cache-Control"] == "private, no-cache"
    with recorded_queries() as sent:
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and sent == []
    catalog.mango.variants[0].price_vnd = 61_000
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "61.000\xa0₫" in changed.get_data(as_text=True)


def test_the_etag_changes_with_her_cart_so_the_header_is_never_stale(client, catalog):
    etag = client.get("/").headers["ETag"]
    client.post("/gio-hang/them", data={"variant_id": catalog.mango.variants[0].id, "quantity": 1})
    response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 200 and ">1</span>" in cart_badge(response.get_data(as_text=True))


def test_a_visitor_with_only_a_csrf_token_gets_the_plain_header_then_her_own_cart(cached, catalog):
    cached.config["WTF_CSRF_ENABLED"] = True
    visitor = cached.test_client()
    url = f"/san-pham/{catalog.nest_box.slug}"
    html = page(visitor, url)[1]
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    with captured_templates(cached) as rendered:
        again = page(visitor, url)[1]
    assert ">0</span>" in cart_badge(again) and "Đăng nhập" in again
    assert "_header_actions.html" not in rendered, "the header rendered once for every plain visitor is reused"
    visitor.post(
        "/gio-hang/them", data={"csrf_token": token, "variant_id": catalog.nest_box.variants[0].id, "quantity": 1}
    )
    assert ">1</span>" in cart_badge(page(visitor, url)[1])
    assert ">0</span>" in cart_badge(page(cached.test_client(), url)[1]), "the next visitor's header is her own"


def test_the_api_answers_304_and_a_new_etag_after_a_change(client, catalog):
    url = "/api/v1/products?q=xoai"
    first = client.get(url)
    etag = first.headers["ETag"]
    with recorded_queries() as sent:
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        cached_again = client.get(url)
    assert sent == [] and cached_again.get_json() == first.get_json()
    catalog.mango.variants[0].price_vnd = 62_000
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["items"][0]["price_from_vnd"] == 62_000


def test_a_missing_product_is_not_cached(client, catalog):
    assert client.get("/san-pham/khong-co").status_code == 404
    assert client.get("/api/v1/products/khong-co").status_code == 404


def test_with_caching_off_every_request_reads_the_database(app, client):
    shop()
    client.get("/")
    with recorded_queries() as sent:
        response = client.get("/")
    assert sent and "ETag" not in response.headers


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("UPDATE stock_records SET reserved=? WHERE id = ?", "stock_records"),
        ('INSERT INTO "products" (slug) VALUES (%(slug)s)', "products"),
        ("delete from variants where id = 3", "variants"),
        ("INSERT OR REPLACE INTO search_words VALUES (?, ?)", "search_words"),
        ("SELECT * FROM products", None),
    ],
)
def test_the_table_a_statement_writes_is_recognised(statement, table):
    assert catalog_cache.written_table(statement) == table


def test_visitors_without_a_session_get_the_header_of_their_language_and_never_a_shoppers(cached, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    first = account_menu(page(cached.test_client(), url)[1])
    english = account_menu(page(cached.test_client(), url, **{"Accept-Language": "en"})[1])
    assert "Đăng nhập" in first and "Sign in" in english and "Đăng nhập" not in english
    guest = cached.test_client()
    guest.post("/gio-hang/them", data={"variant_id": catalog.mango.variants[0].id, "quantity": 2})
    assert ">1</span>" in cart_badge(page(guest, url)[1])  # her session: her own cart (one line)
    assert ">0</span>" in cart_badge(page(cached.test_client(), url)[1])
