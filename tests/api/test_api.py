"""The JSON API: shapes that match the OpenAPI document, filters, paging and errors."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from app import create_app
from app.catalog import listing
from app.config import TestConfig
from app.core.extensions import db
from tests.catalog.factories import shop


@pytest.fixture
def catalog(app):
    return shop()


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def validate(spec: dict, response, path: str, status: int = 200) -> dict:
    """Check an answer against the schema the document declares for this path and status."""
    schema = spec["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]
    root = {**schema, "components": spec["components"]}
    body = response.get_json()
    assert response.status_code == status, body
    Draft202012Validator(root).validate(body)
    return body


def test_openapi_document_describes_every_endpoint(spec):
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/products",
        "/products/{slug}",
        "/categories",
        "/sellers",
        "/sellers/{slug}",
        "/outlets",
    }
    Draft202012Validator.check_schema({"components": spec["components"]})


def test_products_list_matches_the_document(client, catalog, spec):
    body = validate(spec, client.get("/api/v1/products"), "/products")
    assert body["total"] == 4 and body["page"] == 1 and len(body["items"]) == 4
    nest = next(i for i in body["items"] if i["name"] == "Yến sào Bình Phước hộp 100g")
    assert nest["seller"] == {"slug": catalog.coop.slug, "name": "HTX Yến sào Bình Phước", "kind": "cooperative"}
    assert nest["category"]["slug"] == "yen-sao"
    assert [v["price_vnd"] for v in nest["variants"]] == [2_500_000, 5_000_000]
    assert [v["available"] for v in nest["variants"]] == [7, 0]
    assert nest["url"].endswith(f"/san-pham/{catalog.nest_box.slug}")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=yen+sao", ["Yến sào Bình Phước hộp 100g"]),
        ("q=DONG+TRUNG", ["Nấm đông trùng hạ thảo sấy khô"]),
        ("category=may-mac", ["Áo thun cotton in hoa"]),
        (
            "category=dac-san&sort=price_asc",
            ["Xoài cát Hòa Lộc", "Nấm đông trùng hạ thảo sấy khô", "Yến sào Bình Phước hộp 100g"],
        ),
    ],
)
def test_products_filters(client, catalog, spec, query, expected):
    body = validate(spec, client.get(f"/api/v1/products?{query}"), "/products")
    assert [i["name"] for i in body["items"]] == expected


def test_products_by_seller_and_outlet(client, catalog, spec):
    by_seller = validate(spec, client.get(f"/api/v1/products?seller={catalog.woman.slug}"), "/products")
    assert sorted(i["name"] for i in by_seller["items"]) == ["Xoài cát Hòa Lộc", "Áo thun cotton in hoa"]
    at_outlet = validate(spec, client.get(f"/api/v1/products?outlet={catalog.outlet_b.slug}"), "/products")
    assert sorted(i["name"] for i in at_outlet["items"]) == ["Xoài cát Hòa Lộc", "Yến sào Bình Phước hộp 100g"]


def test_paging_within_the_bounds_the_document_states(client, catalog, spec):
    first = validate(spec, client.get("/api/v1/products?per_page=3"), "/products")
    second = validate(spec, client.get("/api/v1/products?per_page=3&page=2"), "/products")
    assert (len(first["items"]), len(second["items"]), first["pages"]) == (3, 1, 2)
    most = validate(spec, client.get("/api/v1/products?per_page=100"), "/products")
    assert most["per_page"] == 100 and len(most["items"]) == 4
    validate(spec, client.get("/api/v1/products?per_page=101"), "/products", 400)
    past = validate(spec, client.get("/api/v1/products?page=50"), "/products")
    assert past["items"] == [] and past["total"] == 4 and past["page"] == 50


def test_product_detail_matches_the_document(client, catalog, spec):
    body = validate(spec, client.get(f"/api/v1/products/{catalog.nest_box.slug}"), "/products/{slug}")
    assert body["origin"] == {
        "province_code": 75,
        "province": "Đồng Nai",
        "ward_code": 25210,
        "ward": "Phường Đồng Xoài",
    }
    assert sorted((o["name"], o["available"]) for o in body["outlets"]) == [
        ("Cửa hàng Biên Hòa", 2),
        ("Cửa hàng Đồng Xoài", 5),
    ]


def test_categories_sellers_outlets_match_the_document(client, catalog, spec):
    categories = validate(spec, client.get("/api/v1/categories"), "/categories")
    assert {c["slug"]: c["parent"] for c in categories["items"]}["yen-sao"] == "dac-san"
    sellers = validate(spec, client.get("/api/v1/sellers"), "/sellers")
    assert {s["slug"]: s["product_count"] for s in sellers["items"]} == {catalog.coop.slug: 2, catalog.woman.slug: 2}
    seller = validate(spec, client.get(f"/api/v1/sellers/{catalog.coop.slug}"), "/sellers/{slug}")
    assert seller["women_members_count"] == 8 and seller["ward"] == "Phường Đồng Xoài"
    outlets = validate(spec, client.get("/api/v1/outlets"), "/outlets")
    assert outlets["total"] == 2 and outlets["items"][0]["map_url"].startswith("https://www.openstreetmap.org/")


def test_empty_shop_answers_match_the_document(client, spec):
    for path in ("/products", "/categories", "/sellers", "/outlets"):
        validate(spec, client.get(f"/api/v1{path}"), path)


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "per_page=0",
        "per_page=x",
        "page=1e3",
        "page=1000001",
        "page=" + "9" * 30,
        "per_page=101",
        "sort=random",
        "q=" + "a" * 201,
    ],
)
def test_bad_parameters_are_a_clear_400(client, catalog, spec, query):
    body = validate(spec, client.get(f"/api/v1/products?{query}"), "/products", 400)
    assert body["error"]["code"] == "invalid_parameter" and body["error"]["message"]


@pytest.mark.parametrize("query", ["category=khong-co", "seller=khong-co", "outlet=khong-co"])
def test_slugs_in_the_query_are_free_text_that_may_be_a_404(client, catalog, spec, query):
    body = validate(spec, client.get(f"/api/v1/products?{query}"), "/products", 404)
    assert body["error"]["code"] == "not_found" and "khong-co" in body["error"]["message"]


def test_the_document_states_every_bound_the_api_enforces(spec):
    params = {p["name"]: p["schema"] for p in spec["paths"]["/products"]["get"]["parameters"]}
    assert (params["page"]["minimum"], params["page"]["maximum"]) == (1, 1_000_000)
    assert (params["per_page"]["minimum"], params["per_page"]["maximum"]) == (1, 100)
    assert params["q"]["maxLength"] == 200
    assert all("pattern" in params[name] for name in ("q", "category", "seller", "outlet"))
    assert "404" in spec["paths"]["/products"]["get"]["responses"]


def test_a_count_past_the_cap_says_so_and_stays_within_the_document(client, catalog, spec, monkeypatch):
    assert validate(spec, client.get("/api/v1/products"), "/products")["capped"] is False
    monkeypatch.setattr(listing, "MAX_RESULTS", 3)
    body = validate(spec, client.get("/api/v1/products?per_page=2"), "/products")
    assert body["total"] == 3 and body["capped"] is True and body["pages"] == 2
    assert validate(spec, client.get("/api/v1/products?per_page=2&page=3"), "/products")["items"] == []


@pytest.mark.parametrize("path", ["/products/khong-co", "/sellers/khong-co"])
def test_unknown_slugs_are_a_json_404(client, catalog, spec, path):
    body = validate(spec, client.get(f"/api/v1{path}"), path.replace("khong-co", "{slug}"), 404)
    assert body["error"]["code"] == "not_found"


def test_sql_and_html_in_the_query_are_harmless(client, catalog, spec):
    for q in ["'; DROP TABLE products; --", "<b>yen</b>", '"yen"* OR x']:
        validate(spec, client.get("/api/v1/products", query_string={"q": q}), "/products")
    assert validate(spec, client.get("/api/v1/products"), "/products")["total"] == 4


def test_unknown_api_path_is_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_api_is_rate_limited(tmp_path):
    class Limited(TestConfig):
        RATELIMIT_ENABLED = True
        API_RATE_LIMIT = "3 per minute"
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # its own database, whatever the suite runs on
        MEDIA_ROOT = str(tmp_path / "media")

    app = create_app(Limited)
    with app.app_context():
        db.create_all()
        client = app.test_client()
        statuses = [client.get("/api/v1/outlets").status_code for _ in range(4)]
        last = client.get("/api/v1/outlets")
        db.session.remove()
        db.drop_all()
    assert statuses == [200, 200, 200, 429]
    assert last.get_json()["error"]["code"] == "rate_limited"
