"""The front cache: whole catalog answers for visitors without a session, served before Flask runs."""

from __future__ import annotations

import gzip
import time

import pytest
from flask import request

from app.core.extensions import db
from app.core.front_cache import FrontCache


@pytest.fixture
def cached(cached):
    """The cache on (tests/catalog/conftest.py), the front cache emptied, and the paths Flask handled."""
    front = cached.extensions["front_cache"]
    assert isinstance(front, FrontCache)
    front.answers.clear()
    handled: list[str] = []

    @cached.before_request
    def count():
        handled.append(request.path)

    cached.handled = handled
    return cached


def visit(app, url: str, **headers):
    """A first-time visitor: a new client, no cookies."""
    response = app.test_client().get(url, headers=headers)
    return response, response.get_data(as_text=True)


def test_the_second_visitor_without_a_session_gets_the_kept_answer_without_flask(cached, catalog):
    first, html = visit(cached, "/san-pham")
    cached.handled.clear()
    again, same = visit(cached, "/san-pham")
    assert cached.handled == [] and same == html and "Xoài cát Hòa Lộc" in same
    assert again.headers["ETag"] == first.headers["ETag"] and again.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in again.headers


def test_a_visitor_with_a_session_always_goes_through_flask_and_sees_her_cart(cached, catalog):
    visit(cached, "/")
    shopper = cached.test_client()
    shopper.post("/gio-hang/them", data={"variant_id": catalog.mango.variants[0].id, "quantity": 1})
    cached.handled.clear()
    html = shopper.get("/").get_data(as_text=True)
    assert cached.handled == ["/"] and 'aria-label="1 sản phẩm trong giỏ">1</span>' in html
    assert 'aria-label="0 sản phẩm trong giỏ">0</span>' in visit(cached, "/")[1]


def test_a_new_price_shows_to_the_next_visitor(cached, catalog):
    assert "60.000\xa0₫" in visit(cached, "/san-pham")[1]
    catalog.mango.variants[0].price_vnd = 65_000
    db.session.commit()
    html = visit(cached, "/san-pham")[1]
    assert "65.000\xa0₫" in html and "60.000\xa0₫" not in html


def test_each_language_and_compression_is_kept_apart(cached, catalog):
    assert 'lang="vi"' in visit(cached, "/")[1]
    english = visit(cached, "/", **{"Accept-Language": "en-GB,en;q=0.9"})[1]
    assert 'lang="en"' in english and "Sign in" in english
    for _ in range(2):
        compressed = cached.test_client().get("/", headers={"Accept-Encoding": "gzip"})
        assert compressed.headers["Content-Encoding"] == "gzip"
        assert 'lang="vi"' in gzip.decompress(compressed.get_data()).decode()
    assert "Content-Encoding" not in visit(cached, "/")[0].headers


def test_an_answer_that_sets_a_cookie_is_never_kept(cached, catalog):
    chosen = visit(cached, "/?lang=en")[0]
    assert "Set-Cookie" in chosen.headers
    cached.handled.clear()
    visit(cached, "/?lang=en")
    assert cached.handled == ["/"], "the language choice is stored in her session, so Flask answers"


def test_the_product_page_with_its_form_tokens_is_never_kept(cached, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    cached.config["WTF_CSRF_ENABLED"] = True
    visit(cached, url)
    cached.handled.clear()
    visit(cached, url)
    assert cached.handled == [url]


def test_the_api_is_never_answered_before_its_rate_limit(cached, catalog):
    visit(cached, "/api/v1/products")
    cached.handled.clear()
    visit(cached, "/api/v1/products")
    assert cached.handled == ["/api/v1/products"]


def test_conditional_and_head_requests(cached, catalog):
    first = visit(cached, "/san-pham")[0]
    cached.handled.clear()
    head = cached.test_client().head("/san-pham")
    assert head.status_code == 200 and head.get_data() == b"" and cached.handled == []
    not_modified = cached.test_client().get("/san-pham", headers={"If-None-Match": first.headers["ETag"]})
    assert not_modified.status_code == 304 and cached.handled == ["/san-pham"]


def test_a_process_keeps_at_most_front_cache_entries_answers(cached, catalog):
    front = cached.extensions["front_cache"]
    front.limit = 2
    for url in ("/", "/san-pham", "/san-pham?sort=price_asc"):
        visit(cached, url)
    assert len(front.answers) == 2 and [key[:2] for key in front.answers] == [
        ("/san-pham", ""),
        ("/san-pham", "sort=price_asc"),
    ]


def test_a_missing_page_is_never_kept(cached, catalog):
    assert visit(cached, "/san-pham/khong-co")[0].status_code == 404
    assert cached.extensions["front_cache"].answers == {}


def _age_kept_answers(front, seconds: float) -> None:
    for key, answer in list(front.answers.items()):
        front.answers[key] = answer._replace(born=answer.born - seconds)


def test_an_ageing_answer_is_refreshed_by_one_request_while_the_others_get_it(cached, catalog):
    front = cached.extensions["front_cache"]
    html = visit(cached, "/san-pham")[1]
    _age_kept_answers(front, cached.config["CATALOG_CACHE_REFRESH_SECONDS"] + 0.5)
    key = next(iter(front.answers))
    front.leading.add(key)  # another request is refreshing it
    cached.handled.clear()
    assert visit(cached, "/san-pham")[1] == html and cached.handled == []
    front.leading.clear()
    visit(cached, "/san-pham")
    assert cached.handled == ["/san-pham"], "with nobody refreshing it, this request does"
    assert front.leading == set() and time.time() - front.answers[key].born < 1


def test_an_answer_as_old_as_the_cache_lifetime_is_never_sent(cached, catalog):
    front = cached.extensions["front_cache"]
    visit(cached, "/san-pham")
    _age_kept_answers(front, cached.config["CATALOG_CACHE_SECONDS"] + 0.5)
    front.leading.update(front.answers)  # even while another request is refreshing it
    cached.handled.clear()
    visit(cached, "/san-pham")
    assert cached.handled == ["/san-pham"]
