"""Edge input: NUL bytes, integers beyond 32 and 64 bits and days at the end of the calendar get 400/404, never 500.

The same probes run on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL (where a NUL in a
string or an integer beyond its column raised a database error before the edge checked them).
"""

from __future__ import annotations

import json

import pytest

from app.core import edge
from app.core.extensions import db
from tests import factories
from tests.payments.conftest import session_event, signed
from tests.payments.fake_stripe import FakeStripe

BIG = str(10**30)
INT32 = "2147483648"
INT64 = str(2**63)


@pytest.fixture
def people(app):
    """One account of each kind, and an approved seller with a product."""
    shopper = factories.user(email="khach@example.vn")
    staff = factories.user(email="canbo@example.vn", role="staff")
    clerk = factories.user(email="banhang@example.vn", role="outlet")
    factories.outlet(staff=clerk)
    member = factories.user(email="htx@example.vn")
    seller = factories.seller(members=[member])
    product = factories.product(seller_obj=seller)
    db.session.commit()
    return {"shopper": shopper, "staff": staff, "clerk": clerk, "member": member, "seller": seller, "product": product}


def as_(client, auth, who: str | None):
    if who:
        auth.login({"shopper": "khach", "staff": "canbo", "clerk": "banhang", "member": "htx"}[who] + "@example.vn")
    return client


GETS = [
    (None, "/san-pham/a%00b"),
    (None, "/danh-muc/a%00b"),
    (None, "/nguoi-ban/a%00b"),
    (None, "/cua-hang/a%00b"),
    (None, "/api/v1/products/a%00b"),
    (None, "/api/v1/sellers/a%00b"),
    (None, "/don-hang/DH%00X"),
    (None, "/tim-kiem?q=yen%00sao"),
    (None, "/san-pham?q=a%00&outlet=%00&category=%00"),
    (None, "/api/v1/products?q=%00"),
    (None, "/api/v1/products?category=a%00b"),
    (None, f"/api/v1/products?page={BIG}"),
    (None, f"/san-pham?page={BIG}&price_min={BIG}&price_max={INT64}&ocop={BIG}"),
    (None, f"/ban-hang/phuong-xa?tinh={BIG}"),
    (None, f"/ban-hang/phuong-xa?tinh={INT32}"),
    (None, "/media/abc%00/320.webp"),
    ("shopper", f"/don-hang?page={BIG}"),
    ("shopper", f"/tai-lieu/{INT32}"),
    ("shopper", f"/tai-lieu/{BIG}"),
    ("member", f"/ban-hang/{INT32}"),
    ("member", f"/ban-hang/{BIG}/san-pham"),
    ("clerk", "/cua-hang-ban/tien-mat?day=9999-12-31"),
    ("clerk", "/cua-hang-ban/tien-mat?day=0001-01-01"),
    ("clerk", f"/cua-hang-ban/giao-hang/{INT32}"),
    ("clerk", f"/cua-hang-ban/giao-hang/{BIG}/phieu"),
    ("staff", f"/quan-tri/nguoi-ban?page={BIG}"),
    ("staff", f"/quan-tri/nguoi-ban/{INT32}"),
    ("staff", f"/quan-tri/san-pham?page={BIG}"),
    ("staff", f"/quan-tri/nhat-ky?page={BIG}&subject_id={BIG}&since=9999-12-31&until=9999-12-31"),
    ("staff", f"/quan-tri/nhat-ky?subject_id={INT32}"),
    ("staff", "/quan-tri/bao-cao?start=9999-12-31&end=9999-12-31"),
    ("staff", "/quan-tri/bao-cao.csv?start=2999-12-31&end=2999-12-31"),
    ("staff", "/quan-tri/thanh-toan/nguoi-ban?start=9999-12-31&end=9999-12-31"),
    ("staff", "/quan-tri/thanh-toan/nguoi-ban.csv?start=0001-01-01&end=9999-12-31"),
    ("staff", "/quan-tri/thanh-toan?so=DH%00"),
    ("staff", "/quan-tri/thanh-toan/don/DH%00X"),
    ("staff", f"/quan-tri/thanh-toan/sao-ke/{INT32}"),
]


@pytest.mark.parametrize(("who", "url"), GETS)
def test_edge_values_in_urls_get_an_answer_not_a_500(client, auth, people, who, url):
    response = as_(client, auth, who).get(url)
    assert response.status_code in (200, 302, 400, 404, 422), (url, response.status_code)


def test_a_nul_byte_in_a_product_address_is_not_found(client, people):
    response = client.get("/san-pham/a%00b")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_search_is_a_bad_request_in_vietnamese(client, people):
    response = client.get("/tim-kiem?q=yen%00sao")
    assert response.status_code == 400
    assert "Yêu cầu có thông tin chưa đúng" in response.get_data(as_text=True)


def test_an_id_beyond_the_database_integer_is_not_found(client, auth, people):
    assert as_(client, auth, "staff").get(f"/quan-tri/nguoi-ban/{INT32}").status_code == 404
    assert client.get(f"/quan-tri/nguoi-ban/{edge.MAX_ID}").status_code == 404


def test_a_day_at_the_end_of_the_calendar_is_refused_next_to_the_field(client, auth, people):
    response = as_(client, auth, "clerk").get("/cua-hang-ban/tien-mat?day=9999-12-31")
    assert response.status_code == 200
    assert "2000" in response.get_data(as_text=True)


def test_closing_a_cash_day_at_the_end_of_the_calendar_is_not_found(client, auth, people):
    assert as_(client, auth, "clerk").post("/cua-hang-ban/tien-mat/9999-12-31/chot").status_code == 404


POSTS = [
    (None, "/gio-hang/them", {"variant_id": INT32, "quantity": "1"}),
    (None, "/gio-hang/them", {"variant_id": BIG, "quantity": BIG}),
    (None, "/gio-hang/them", {"variant_id": "1", "quantity": INT64}),
    (None, "/gio-hang/so-luong", {"variant_id": BIG, "quantity": "1"}),
    (None, "/gio-hang/xoa", {"variant_id": INT32}),
    (None, "/gio-hang/them", {"variant_id": "1\x00", "quantity": "1", "next": "/\x00"}),
    (None, "/dang-nhap", {"identifier": "lan\x00@example.vn", "password": "x"}),
    (None, "/dang-ky", {"full_name": "Lan\x00", "email": "a@b.vn", "phone": "0912345678", "password": "x"}),
    ("member", "/ban-hang/{seller}/san-pham/moi", {"name": "Rau", "category_id": BIG, "variants-0-price_vnd": BIG}),
    ("member", "/ban-hang/{seller}/san-pham/{product}", {"variants-0-id": BIG, "variants-0-weight_grams": INT64}),
    ("member", "/ban-hang/{seller}/ky-gui", {"outlet_id": BIG}),
    ("staff", "/quan-tri/thanh-toan/don/DH1/hoan-tien", {"amount_vnd": BIG, "reason": "x"}),
    ("staff", f"/quan-tri/san-pham/{INT32}/an", {"reason": "x"}),
    ("staff", f"/quan-tri/thanh-toan/dong-sao-ke/{BIG}", {"action": "ignore"}),
]


@pytest.mark.parametrize(("who", "url", "form"), POSTS)
def test_edge_values_in_forms_get_an_answer_not_a_500(client, auth, people, who, url, form):
    url = url.format(seller=people["seller"].id, product=people["product"].id)
    response = as_(client, auth, who).post(url, data=form)
    assert response.status_code in (200, 302, 400, 404, 422), (url, response.status_code)


def test_adding_an_item_beyond_the_database_integer_says_so(client, people):
    response = client.post("/gio-hang/them", data={"variant_id": INT32, "quantity": "1"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Hãy chọn một mục trong danh sách." in response.get_data(as_text=True)


def test_the_edge_helpers_say_what_they_accept():
    assert edge.parse_id("42") == 42
    assert [edge.parse_id(v) for v in ("0", "-1", INT32, BIG, "4e2", "7.0", "٣", "", None, True)] == [None] * 10
    assert edge.parse_id(" 7 ") == 7 and edge.parse_id(edge.MAX_ID) == edge.MAX_ID
    assert edge.parse_day("2026-06-03").isoformat() == "2026-06-03"
    assert [edge.parse_day(v) for v in ("9999-12-31", "1999-12-31", "2026-02-30", "20260603x")] == [None] * 4
    assert edge.has_nul("a\x00b") and not edge.has_nul("Yến sào")


def test_a_stripe_event_whose_object_has_no_id_is_refused_not_a_500(app, client):
    with FakeStripe():
        app.config.update(STRIPE_WEBHOOK_SECRET="whsec_edge")
        for obj in ({}, {"id": None}, {"id": 7}, "not-an-object"):
            payload = session_event("evt_edge", "checkout.session.completed", obj)
            response = client.post(
                "/payments/stripe/webhook",
                data=payload,
                headers={"Stripe-Signature": signed(payload, secret="whsec_edge")},
                content_type="application/json",
            )
            assert response.status_code == 400, obj
            assert json.loads(response.data)["error"]


def test_a_stripe_event_without_data_is_refused_not_a_500(app, client):
    app.config.update(STRIPE_WEBHOOK_SECRET="whsec_edge")
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "checkout.session.expired"})
    response = client.post(
        "/payments/stripe/webhook",
        data=payload,
        headers={"Stripe-Signature": signed(payload, secret="whsec_edge")},
        content_type="application/json",
    )
    assert response.status_code == 400
