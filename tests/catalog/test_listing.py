"""Listings: each filter, each sort, pagination edges and bad input, as a shopper sees them."""

from __future__ import annotations

import re

import pytest

from app.catalog import listing
from app.catalog.listing import Filters, browse
from app.core.extensions import db
from tests import factories
from tests.catalog.factories import shop


@pytest.fixture
def catalog(app):
    return shop()


def card_names(response) -> list[str]:
    html = response.get_data(as_text=True)
    return re.findall(r'<h3 class="card-title">([^<]+)</h3>', html)


def test_all_products_lists_every_visible_product(client, catalog):
    assert len(card_names(client.get("/san-pham"))) == 4


def test_category_filter_includes_sub_categories(client, catalog):
    names = card_names(client.get("/san-pham?category=dac-san"))
    assert sorted(names) == ["Nấm đông trùng hạ thảo sấy khô", "Xoài cát Hòa Lộc", "Yến sào Bình Phước hộp 100g"]


def test_seller_kind_filter(client, catalog):
    assert sorted(card_names(client.get("/san-pham?kind=individual"))) == ["Xoài cát Hòa Lộc", "Áo thun cotton in hoa"]


def test_ocop_filter_means_at_least_that_many_stars(client, catalog):
    assert card_names(client.get("/san-pham?ocop=4")) == ["Yến sào Bình Phước hộp 100g"]
    assert len(card_names(client.get("/san-pham?ocop=3"))) == 2


def test_certification_filter(client, catalog):
    assert card_names(client.get("/san-pham?cert=vietgap")) == ["Xoài cát Hòa Lộc"]


def test_price_range_filter_reads_vietnamese_thousands(client, catalog):
    expected = ["Nấm đông trùng hạ thảo sấy khô", "Áo thun cotton in hoa"]
    assert sorted(card_names(client.get("/san-pham?price_min=100.000&price_max=500.000"))) == expected
    assert sorted(card_names(client.get("/san-pham?price_min=100000&price_max=500000"))) == expected


def test_outlet_filter_shows_only_what_is_in_stock_there(client, catalog):
    # The t-shirt has a stock row at outlet A with nothing on hand.
    assert card_names(client.get(f"/san-pham?outlet={catalog.outlet_a.slug}")) == ["Yến sào Bình Phước hộp 100g"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["Xoài cát Hòa Lộc", "Áo thun cotton in hoa", "Nấm đông trùng hạ thảo sấy khô"]),
        ("price_desc", ["Yến sào Bình Phước hộp 100g", "Nấm đông trùng hạ thảo sấy khô", "Áo thun cotton in hoa"]),
        ("best_selling", ["Xoài cát Hòa Lộc", "Yến sào Bình Phước hộp 100g", "Nấm đông trùng hạ thảo sấy khô"]),
        ("newest", ["Xoài cát Hòa Lộc", "Áo thun cotton in hoa", "Nấm đông trùng hạ thảo sấy khô"]),
    ],
)
def test_sorting(client, catalog, sort, expected):
    assert card_names(client.get(f"/san-pham?sort={sort}"))[:3] == expected


def test_pagination_splits_and_clamps(app, catalog):
    first = browse(Filters(), page=1, per_page=3)
    second = browse(Filters(), page=2, per_page=3)
    assert (first.total, first.pages, len(first.items), len(second.items)) == (4, 2, 3, 1)
    assert not {p.id for p in first.items} & {p.id for p in second.items}
    assert browse(Filters(), page=99, per_page=3).page == 2
    assert browse(Filters(), page=-5, per_page=3).page == 1
    assert browse(Filters(), page=99, per_page=3, clamp=False).items == []


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=abc",
        "page=99999999999999999999",
        "page=0",
        "price_min=-5",
        "price_max=abc",
        "price_min=1e9",
        "kind=robot",
        "ocop=9",
        "cert=x",
        "outlet=nowhere",
        "category=nowhere",
        "sort=random",
        "price_min=9&price_max=1",
    ],
)
def test_bad_filter_values_never_break_the_page(client, catalog, query):
    response = client.get(f"/san-pham?{query}")
    assert response.status_code == 200
    assert card_names(response)


def test_a_bad_price_is_explained_next_to_the_field(client, catalog):
    html = client.get("/san-pham?price_min=abc").get_data(as_text=True)
    assert "Nhập số tiền" in html and 'class="error"' in html


def test_what_the_shopper_typed_is_shown_back_escaped(client, catalog):
    html = client.get("/tim-kiem?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_2000_character_query_gets_a_normal_page(client, catalog):
    response = client.get("/tim-kiem?q=" + "yến " * 500)
    assert response.status_code == 200 and "Yến sào Bình Phước hộp 100g" in card_names(response)


def test_search_page_finds_and_says_how_many(client, catalog):
    html = client.get("/tim-kiem?q=yen+sao").get_data(as_text=True)
    assert "1 sản phẩm" in html and "Yến sào Bình Phước hộp 100g" in html


def test_empty_search_suggests_categories(client, catalog):
    html = client.get("/tim-kiem?q=qqqqqqqq").get_data(as_text=True)
    assert "Không tìm thấy" in html
    assert 'href="/danh-muc/dac-san"' in html and 'href="/danh-muc/may-mac"' in html


def test_category_page_has_breadcrumbs_and_sub_categories(client, catalog):
    html = client.get("/danh-muc/yen-sao").get_data(as_text=True)
    assert re.search(r'<a href="/danh-muc/dac-san">Đặc sản</a>.*aria-current="page">Yến sào<', html, re.S)
    parent = client.get("/danh-muc/dac-san").get_data(as_text=True)
    assert 'class="chips subcategories"' in parent and 'href="/danh-muc/yen-sao"' in parent


def test_unknown_category_is_404(client, catalog):
    assert client.get("/danh-muc/khong-co").status_code == 404


def test_empty_catalog_pages_still_render(client):
    assert client.get("/san-pham").status_code == 200
    assert client.get("/tim-kiem?q=yen").status_code == 200


def test_sort_links_keep_the_filters(client, catalog):
    html = client.get("/san-pham?kind=individual").get_data(as_text=True)
    assert "kind=individual&amp;sort=price_asc" in html


def test_listing_of_many_pages_links_next_and_previous(client, app):
    seller, category = factories.seller(), factories.category()
    for i in range(30):
        factories.product(name=f"Rau cải {i}", seller_obj=seller, category_obj=category)
    db.session.commit()
    html = client.get("/san-pham?page=2").get_data(as_text=True)
    assert 'rel="prev"' in html and 'aria-current="page">2<' in html and 'rel="next"' not in html


def test_a_list_longer_than_the_limit_is_counted_and_paged_up_to_it(app, client, monkeypatch):
    monkeypatch.setattr(listing, "MAX_RESULTS", 5)
    seller, category = factories.seller(), factories.category()
    for i in range(8):
        factories.product(name=f"Rau cải {i}", seller_obj=seller, category_obj=category)
    db.session.commit()
    first = browse(Filters(), page=1, per_page=2)
    last = browse(Filters(), page=99, per_page=2)
    assert (first.total, first.capped, first.pages, first.at_depth_limit) == (5, True, 3, False)
    assert (last.page, len(last.items), last.at_depth_limit) == (3, 1, True)
    assert browse(Filters(), page=4, per_page=2, clamp=False).items == []
    few = browse(Filters(q="Rau cải 7"), per_page=2)
    assert (few.total, few.capped) == (1, False)


def test_a_list_longer_than_the_cap_says_more_than_and_how_to_narrow_it(client, catalog, monkeypatch):
    monkeypatch.setattr(listing, "MAX_RESULTS", 3)
    response = client.get("/san-pham")
    page = response.get_data(as_text=True)
    assert len(card_names(response)) == 3  # 4 products match; the first 3 can be reached
    assert "Hơn 3 sản phẩm" in page
    assert "Chỉ hiển thị 3 sản phẩm đầu tiên. Hãy chọn danh mục, bộ lọc hoặc thêm từ khóa" in page
    narrowed = client.get("/san-pham?ocop=4").get_data(as_text=True)
    assert "Hơn" not in narrowed and "Chỉ hiển thị" not in narrowed
