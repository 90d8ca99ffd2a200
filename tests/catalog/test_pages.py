"""Product, seller and outlet pages; visibility everywhere; SEO; query counts; page weight."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from app.catalog import queries
from app.core.extensions import db
from tests import factories
from tests.catalog.factories import image, shop
from tests.helpers import queries_for_page


@pytest.fixture
def catalog(app):
    return shop()


def test_product_page_shows_variants_prices_per_kg_and_outlets(client, catalog):
    catalog.mango.variants[0].weight_grams = 500
    db.session.commit()
    html = client.get(f"/san-pham/{catalog.mango.slug}").get_data(as_text=True)
    assert "60.000\xa0₫" in html and "120.000\xa0₫ / kg" in html
    assert "Còn hàng tại 1 cửa hàng" in html and "Cửa hàng Biên Hòa" in html
    assert "VietGAP" in html


def test_product_page_lists_every_outlet_holding_it(client, catalog):
    html = client.get(f"/san-pham/{catalog.nest_box.slug}").get_data(as_text=True)
    assert "Còn hàng tại 2 cửa hàng" in html
    assert "Cửa hàng Đồng Xoài" in html and "Cửa hàng Biên Hòa" in html
    assert "OCOP 4 sao" in html and "HACCP" in html
    assert "Phường Đồng Xoài, Đồng Nai" in html
    assert "Mười hai chị em cùng nuôi yến" in html and f'href="/nguoi-ban/{catalog.coop.slug}"' in html


def test_product_page_photos_have_thumbnails_and_a_full_size_link(client, catalog):
    image(catalog.nest_box, position=1)
    db.session.commit()
    html = client.get(f"/san-pham/{catalog.nest_box.slug}").get_data(as_text=True)
    assert html.count('/1280.webp" title=') == 2 and 'class="thumbs"' in html and 'srcset="' in html


def test_add_to_cart_from_the_product_page(client, catalog):
    html = client.get(f"/san-pham/{catalog.nest_box.slug}").get_data(as_text=True)
    form = re.search(r'<form class="add-to-cart" method="post" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form, "the product page offers an add-to-cart form"
    variant_id = re.search(r'name="variant_id" value="(\d+)"', form.group(2)).group(1)
    cart = client.post(form.group(1), data={"variant_id": variant_id, "quantity": "2"}, follow_redirects=True)
    text = cart.get_data(as_text=True)
    assert cart.status_code == 200 and "Yến sào Bình Phước hộp 100g" in text


def test_related_products_are_shown(client, catalog):
    html = client.get(f"/san-pham/{catalog.nest_box.slug}").get_data(as_text=True)
    assert "Nấm đông trùng hạ thảo sấy khô" in html


def test_product_page_has_canonical_opengraph_and_json_ld_in_vnd(client, catalog):
    html = client.get(f"/san-pham/{catalog.nest_box.slug}?utm=x").get_data(as_text=True)
    assert f'<link rel="canonical" href="http://127.0.0.1:5000/san-pham/{catalog.nest_box.slug}">' in html
    assert '<meta property="og:type" content="product">' in html and 'property="og:image"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Product" and data["name"] == "Yến sào Bình Phước hộp 100g"
    assert {o["priceCurrency"] for o in data["offers"]} == {"VND"}
    assert data["offers"][0]["price"] == "2500000" and data["offers"][0]["availability"].endswith("InStock")


def test_json_ld_cannot_be_broken_out_of(client, app):
    product = factories.product(name="</script><script>alert(1)</script>")
    db.session.commit()
    html = client.get(f"/san-pham/{product.slug}").get_data(as_text=True)
    assert "</script><script>alert(1)" not in html


def test_seller_page_shows_story_kind_ward_and_products(client, catalog):
    html = client.get(f"/nguoi-ban/{catalog.coop.slug}").get_data(as_text=True)
    assert "HTX Yến sào Bình Phước" in html and "Hợp tác xã" in html and "Phường Đồng Xoài" in html
    assert "8/10 thành viên là phụ nữ" in html
    assert "Yến sào Bình Phước hộp 100g" in html and "Áo thun cotton in hoa" not in html


def test_outlet_page_shows_address_hours_map_and_stock(client, catalog):
    html = client.get(f"/cua-hang/{catalog.outlet_b.slug}").get_data(as_text=True)
    assert "Đường Phú Riềng Đỏ" in html and "07:00 – 20:00" in html
    assert "https://www.openstreetmap.org/?mlat=11.53000&amp;mlon=106.88000" in html
    assert "Xoài cát Hòa Lộc" in html and "Áo thun cotton in hoa" not in html


def test_closed_outlet_has_no_page(client, catalog):
    catalog.outlet_a.is_active = False
    db.session.commit()
    assert client.get(f"/cua-hang/{catalog.outlet_a.slug}").status_code == 404
    assert "Cửa hàng Đồng Xoài" not in client.get(f"/san-pham/{catalog.nest_box.slug}").get_data(as_text=True)


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended", "draft"])
def test_products_of_sellers_not_approved_are_visible_nowhere(client, catalog, status):
    catalog.coop.status = status
    db.session.commit()
    assert_invisible(client, catalog.nest_box, seller_slug=catalog.coop.slug)


@pytest.mark.parametrize("change", ["hidden", "archived", "draft"])
def test_hidden_archived_and_draft_products_are_visible_nowhere(client, catalog, change):
    if change == "hidden":
        catalog.nest_box.is_hidden = True
    else:
        catalog.nest_box.status = change
    db.session.commit()
    assert_invisible(client, catalog.nest_box)


def assert_invisible(client, product, seller_slug=None):
    name = product.name
    assert client.get(f"/san-pham/{product.slug}").status_code == 404
    assert client.get(f"/api/v1/products/{product.slug}").status_code == 404
    for url in ("/", "/san-pham", "/tim-kiem?q=yen+sao", "/danh-muc/yen-sao", "/tim-kiem?q=yen+sap"):
        assert name not in client.get(url).get_data(as_text=True), url
    assert product.slug not in whole_sitemap(client)
    assert name not in json.dumps(client.get("/api/v1/products?q=yen").get_json(), ensure_ascii=False)
    if seller_slug:
        assert client.get(f"/nguoi-ban/{seller_slug}").status_code == 404
        assert client.get(f"/api/v1/sellers/{seller_slug}").status_code == 404


def whole_sitemap(client) -> str:
    """Every file the sitemap index names, joined."""
    index = client.get("/sitemap.xml").get_data(as_text=True)
    files = re.findall(r"<loc>http://127\.0\.0\.1:5000(/[^<]+)</loc>", index)
    assert files and all(client.get(path).status_code == 200 for path in files)
    return "".join(client.get(path).get_data(as_text=True) for path in files)


def test_a_product_sitemap_holds_at_most_50000_urls_and_past_the_last_file_is_404(client, catalog, monkeypatch):
    monkeypatch.setattr(queries, "SITEMAP_SIZE", 2)
    index = client.get("/sitemap.xml").get_data(as_text=True)
    files = re.findall(r"/sitemap-san-pham-(\d+)\.xml", index)
    assert len(files) >= 2
    for number in files:
        assert client.get(f"/sitemap-san-pham-{number}.xml").get_data(as_text=True).count("<url>") <= 2
    assert client.get(f"/sitemap-san-pham-{len(files) + 1}.xml").status_code == 404
    assert client.get("/sitemap-san-pham-0.xml").status_code == 404


def test_sitemap_lists_visible_things_only(client, catalog):
    catalog.tshirt.status = "archived"
    db.session.commit()
    xml = client.get("/sitemap.xml")
    body = whole_sitemap(client)
    assert xml.mimetype == "application/xml" and "<sitemapindex" in xml.get_data(as_text=True)
    assert f"/san-pham/{catalog.nest_box.slug}</loc>" in body and f"/san-pham/{catalog.tshirt.slug}<" not in body
    assert f"/nguoi-ban/{catalog.coop.slug}<" in body and f"/cua-hang/{catalog.outlet_a.slug}<" in body
    assert "/danh-muc/yen-sao<" in body
    assert "Sitemap: http://127.0.0.1:5000/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)


count_queries = queries_for_page


def grow(catalog, extra: int) -> None:
    """Add products with several variants, photos, certificates and stock."""
    for i in range(extra):
        p = factories.product(
            seller_obj=catalog.coop, category_obj=catalog.nest, name=f"Yến sào tinh chế {i}", variants=3
        )
        image(p)
        image(p, position=1)
        factories.stock(variant=p.variants[0], outlet_obj=catalog.outlet_a, on_hand=3)
        factories.stock(variant=p.variants[1], outlet_obj=catalog.outlet_b, on_hand=3)
    db.session.commit()


PAGES = [
    "/",
    "/san-pham",
    "/san-pham?category=dac-san&sort=price_asc&price_min=1000",
    "/tim-kiem?q=yen+sao",
    "/tim-kiem?q=yen+sap",
    "/danh-muc/dac-san",
    "/sitemap.xml",
    "/api/v1/products?q=yen&per_page=50",
    "/api/v1/sellers",
    "/api/v1/categories",
    "/api/v1/outlets",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_the_same_number_of_queries_whatever_it_shows(client, catalog, url):
    count_queries(client, url)  # warm-up: per-process look-ups happen once
    small = count_queries(client, url)
    grow(catalog, 12)
    assert count_queries(client, url) == small


def test_product_seller_and_outlet_pages_cost_a_fixed_number_of_queries(client, catalog):
    urls = [
        f"/san-pham/{catalog.nest_box.slug}",
        f"/api/v1/products/{catalog.nest_box.slug}",
        f"/nguoi-ban/{catalog.coop.slug}",
        f"/cua-hang/{catalog.outlet_a.slug}",
    ]
    for url in urls:
        count_queries(client, url)
    before = [count_queries(client, url) for url in urls]
    grow(catalog, 10)
    for v in catalog.nest_box.variants:
        factories.stock(variant=v, outlet_obj=factories.outlet(), on_hand=4)
    db.session.commit()
    assert [count_queries(client, url) for url in urls] == before


def test_home_page_with_its_css_and_js_is_under_100_kb_compressed(client, catalog):
    grow(catalog, 16)
    html = client.get("/").get_data()
    assets = re.findall(rb'(?:href|src)="(/static/[^"?]+\.(?:css|js))', html)
    total = len(gzip.compress(html))
    for path in assets:
        total += len(gzip.compress(client.get(path.decode()).get_data()))
    assert assets and total < 100 * 1024
