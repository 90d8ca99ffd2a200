"""The front cache: whole catalog answers for visitors without a session, served before Flask runs."""

from __future__ import annotations

import gzip
import re
import time

import brotli
import pytest
from flask import request

from app.core.extensions import db
from app.core.front_cache import CSRF_HOLE, FrontCache


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


def token_in(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def add_to_cart(client, token: str, catalog):
    data = {"csrf_token": token, "variant_id": catalog.nest_box.variants[0].id, "quantity": 1}
    return client.post("/gio-hang/them", data=data)


def test_a_first_visitor_on_the_product_page_gets_her_own_session_and_token_without_flask(cached, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    cached.config["WTF_CSRF_ENABLED"] = True
    html = visit(cached, url)[1]
    tokens = []
    for _ in range(2):
        cached.handled.clear()
        shopper = cached.test_client()
        answer = shopper.get(url)
        page = answer.get_data(as_text=True)
        assert cached.handled == [] and "Yến sào" in page and CSRF_HOLE not in page
        assert "HttpOnly" in answer.headers["Set-Cookie"] and "SameSite=Lax" in answer.headers["Set-Cookie"]
        assert page.replace(token_in(page), "") == html.replace(token_in(html), "")
        tokens.append(token_in(page))
        assert add_to_cart(shopper, tokens[-1], catalog).status_code == 302, "the token she was given is hers"
        assert 'aria-label="1 sản phẩm trong giỏ">1</span>' in shopper.get("/").get_data(as_text=True)
    assert tokens[0] != tokens[1]
    stranger = cached.test_client()
    stranger.get("/")
    assert add_to_cart(stranger, tokens[0], catalog).status_code == 400, "and nobody else's"


def settled_visitor(app, url: str):
    """A visitor whose session Flask has finished shaping: her token and Flask-Login's mark."""
    client = app.test_client()
    client.get(url)
    client.get(url)
    return client


def test_a_returning_visitor_with_a_plain_session_is_served_her_token_and_etag_without_flask(cached, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    cached.config["WTF_CSRF_ENABLED"] = True
    shopper = settled_visitor(cached, url)
    visit(cached, "/")
    cached.handled.clear()
    answer = shopper.get(url)
    home = shopper.get("/")
    assert cached.handled == [] and "Set-Cookie" not in answer.headers and "Set-Cookie" not in home.headers
    assert "Yến sào" in answer.get_data(as_text=True) and 'lang="vi"' in home.get_data(as_text=True)
    again = shopper.get(url, headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304 and cached.handled == [url], "Flask agrees it is the ETag it gives her"
    assert add_to_cart(shopper, token_in(answer.get_data(as_text=True)), catalog).status_code == 302
    cached.handled.clear()
    assert 'aria-label="1 sản phẩm trong giỏ">1</span>' in shopper.get(url).get_data(as_text=True)
    assert cached.handled == [url], "a cart makes her pages hers"


def test_her_language_choice_keeps_her_pages_in_her_language(cached, catalog):
    shopper = cached.test_client()
    shopper.get("/?lang=en")
    settled = shopper.get("/")
    assert 'lang="en"' in settled.get_data(as_text=True)
    shopper.get("/")
    cached.handled.clear()
    assert 'lang="en"' in shopper.get("/").get_data(as_text=True) and cached.handled == []
    assert 'lang="vi"' in visit(cached, "/")[1]


def test_a_session_cookie_that_does_not_verify_or_a_remembered_account_goes_through_flask(cached, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    shopper = settled_visitor(cached, url)
    cookie = shopper.get_cookie("session").value
    for forged in (cookie[:-2] + "xx", "eyJfdXNlcl9pZCI6IjEifQ.aw3zYg.forged"):
        cached.handled.clear()
        stranger = cached.test_client()
        stranger.set_cookie("session", forged)
        assert "Đăng nhập" in stranger.get(url).get_data(as_text=True) and cached.handled == [url]
    remembered = settled_visitor(cached, url)
    remembered.set_cookie("remember_token", "1|x")
    cached.handled.clear()
    remembered.get(url)
    assert cached.handled == [url]


def test_a_page_filled_for_her_is_compressed_as_flask_would(cached, catalog):
    url = f"/san-pham/{catalog.nest_box.slug}"
    visit(cached, url)
    cached.handled.clear()
    for encoding, open_body in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        answer = cached.test_client().get(url, headers={"Accept-Encoding": encoding})
        assert answer.headers["Content-Encoding"] == encoding and "Accept-Encoding" in answer.headers["Vary"]
        assert int(answer.headers["Content-Length"]) == len(answer.get_data())
        assert "Yến sào" in open_body(answer.get_data()).decode()
    assert cached.handled == []


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
    for kept in (front.answers, front.templates):
        for key, answer in list(kept.items()):
            kept[key] = answer._replace(born=answer.born - seconds)


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
