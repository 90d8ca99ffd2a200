"""Report pages, CSV and XLSX: the same figures everywhere, and each reader sees only her own."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from html import unescape

import pytest
from openpyxl import load_workbook

from app.core.extensions import db
from app.reports import specs
from tests import factories
from tests.reports import factories as rf

PERIOD = "?start=2025-01-01&end=2025-12-31"


@pytest.fixture
def shop(app):
    nest = factories.category(slug="yen-sao", name_vi="Yến sào")
    owner = factories.user(email="chi.mai@example.vn")
    other_owner = factories.user(email="htx@example.vn")
    woman = factories.seller(kind="individual", name="Chị Mai", members=[owner])
    coop = factories.seller(kind="cooperative", name="HTX Điều", members=[other_owner])
    box = factories.product(seller_obj=woman, category_obj=nest, price=900000).variants[0]
    nuts = factories.product(seller_obj=coop, category_obj=nest, price=150000).variants[0]
    clerk = factories.user(email="ban.hang@example.vn", role="outlet")
    other_clerk = factories.user(email="ban.hang2@example.vn", role="outlet")
    a = factories.outlet(name="Cửa hàng A", staff=clerk)
    b = factories.outlet(name="Cửa hàng B", staff=other_clerk)
    when = datetime(2025, 6, 15, 3, tzinfo=UTC)
    done = rf.order((box, 1), (nuts, 2), outlet_obj=a, created_at=when, completed_at=when)
    rf.order((nuts, 1), outlet_obj=b, method="vietqr", created_at=when, completed_at=when)
    rf.refund(done, amount=12345)
    factories.user(email="canbo@hoi.vn", role="staff")
    db.session.commit()
    return {"a": a, "b": b, "woman": woman, "coop": coop}


def read_csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if all(v is None for v in row)) + 1
    return [["" if v is None else _text(v) for v in row] for row in rows[start:]]


def _text(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    return str(value)


def _same(csv_rows, xlsx_rows):
    def norm(v: str) -> str:
        try:
            number = float(v)
        except ValueError:
            return v
        return f"{number:.3f}"

    return [[norm(v) for v in row] for row in csv_rows] == [[norm(v) for v in row] for row in xlsx_rows]


@pytest.mark.parametrize("spec", specs.for_audience(specs.STAFF), ids=lambda s: s.slug)
def test_every_staff_report_page_csv_and_xlsx_hold_the_same_figures(client, auth, shop, spec):
    auth.login("canbo@hoi.vn")
    base = f"/quan-tri/bao-cao/{spec.slug}"

    page = client.get(base + PERIOD)
    as_csv = client.get(f"{base}.csv{PERIOD}")
    as_xlsx = client.get(f"{base}.xlsx{PERIOD}")

    assert page.status_code == as_csv.status_code == as_xlsx.status_code == 200
    assert f"{spec.slug}-2025-01-01-2025-12-31.xlsx" in as_xlsx.headers["Content-Disposition"]
    csv_rows, xlsx_rows = read_csv(as_csv), read_xlsx(as_xlsx)
    assert _same(csv_rows, xlsx_rows)
    html = unescape(page.get_data(as_text=True))
    assert "<svg" in html or "Không có gì để vẽ" in html
    for heading in csv_rows[0]:
        assert heading in html
    for row in csv_rows[1:]:
        assert row[0] in html  # each row's name is on the page


def test_sales_by_outlet_page_shows_the_net_figures_and_the_chart(client, auth, shop):
    auth.login("canbo@hoi.vn")

    html = client.get("/quan-tri/bao-cao/doanh-so-theo-cua-hang" + PERIOD).get_data(as_text=True)

    # A: 900.000 + 300.000 − 12.345 = 1.187.655; B: 150.000; total 1.337.655
    for figure in ("1.187.655\xa0₫", "150.000\xa0₫", "1.337.655\xa0₫", "12.345\xa0₫"):
        assert figure in html
    assert 'class="bar-chart"' in html and "style=" not in html.split('class="bar-chart"')[1].split("</svg>")[0]
    rows = read_csv(client.get("/quan-tri/bao-cao/doanh-so-theo-cua-hang.csv" + PERIOD))
    assert rows[1][0] == "Cửa hàng A" and rows[1][-1] == "1187655"
    assert rows[-1][0] == "Tổng cộng" and rows[-1][-1] == "1337655"


def test_staff_can_narrow_to_one_outlet_or_seller_kind(client, auth, shop):
    auth.login("canbo@hoi.vn")

    one_outlet = read_csv(client.get(f"/quan-tri/bao-cao/doanh-so-theo-nguoi-ban.csv{PERIOD}&outlet={shop['b'].id}"))
    individuals = read_csv(client.get(f"/quan-tri/bao-cao/doanh-so-theo-cua-hang.csv{PERIOD}&kind=individual"))

    assert [r[0] for r in one_outlet[1:]] == ["HTX Điều", "Tổng cộng"]
    assert one_outlet[-1][-1] == "150000"
    # Her share of the refund: 12.345 × 900.000 / 1.200.000 = 9.258,75 → 9.258, plus the odd đồng (her line is first).
    assert individuals[-1][-1] == str(900000 - 9259)


def test_a_bad_filter_says_why_and_shows_this_year(client, auth, shop):
    auth.login("canbo@hoi.vn")

    response = client.get("/quan-tri/bao-cao/doanh-so-theo-thang?start=2025-12-01&end=2025-01-01&outlet=abc")

    assert response.status_code == 422
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.get_data(as_text=True)


def test_an_unknown_report_is_not_found(client, auth, shop):
    auth.login("canbo@hoi.vn")
    assert client.get("/quan-tri/bao-cao/khong-co").status_code == 404


def test_outlet_staff_read_only_their_own_outlets_figures(client, auth, shop):
    auth.login("ban.hang@example.vn")

    rows = read_csv(client.get("/cua-hang-ban/bao-cao/doanh-so-theo-nguoi-ban.csv" + PERIOD))
    page = client.get("/cua-hang-ban/bao-cao/doanh-so-theo-nguoi-ban" + PERIOD + f"&outlet={shop['b'].id}")

    assert [r[0] for r in rows[1:]] == ["Chị Mai", "HTX Điều", "Tổng cộng"]
    assert rows[-1][-1] == str(1200000 - 12345)
    assert page.status_code == 200
    assert "Cửa hàng B" not in page.get_data(as_text=True)  # the outlet filter is not theirs to change
    assert client.get("/cua-hang-ban/bao-cao").status_code == 302


def test_a_seller_reads_only_her_own_figures(client, auth, shop):
    auth.login("chi.mai@example.vn")
    woman, coop = shop["woman"].id, shop["coop"].id

    rows = read_csv(client.get(f"/ban-hang/{woman}/bao-cao/doanh-so-theo-cua-hang.csv{PERIOD}"))

    assert [r[0] for r in rows[1:]] == ["Cửa hàng A", "Tổng cộng"]
    assert rows[-1][-1] == str(900000 - 9259)  # her share of the refund, as above
    assert client.get(f"/ban-hang/{coop}/bao-cao/doanh-so-theo-cua-hang{PERIOD}").status_code == 404
    assert client.get(f"/ban-hang/{coop}/bao-cao/doanh-so-theo-cua-hang.xlsx{PERIOD}").status_code == 404


@pytest.mark.parametrize("audience", [specs.OUTLET, specs.SELLER])
def test_outlet_staff_and_sellers_open_each_of_their_report_pages(client, auth, shop, audience):
    auth.login("ban.hang@example.vn" if audience == specs.OUTLET else "chi.mai@example.vn")
    base = "/cua-hang-ban/bao-cao" if audience == specs.OUTLET else f"/ban-hang/{shop['woman'].id}/bao-cao"

    for spec in specs.for_audience(audience):
        response = client.get(f"{base}/{spec.slug}{PERIOD}")
        html = unescape(response.get_data(as_text=True))
        assert response.status_code == 200, spec.slug
        assert str(spec.title) in html
        assert 'name="outlet"' not in html  # the filters are union staff's only


STAFF_ONLY = [
    f"/quan-tri/bao-cao/{s.slug}{ext}" for s in specs.for_audience(specs.STAFF) for ext in ("", ".csv", ".xlsx")
]
OUTLET_ONLY = [
    f"/cua-hang-ban/bao-cao/{s.slug}{ext}" for s in specs.for_audience(specs.OUTLET) for ext in ("", ".csv", ".xlsx")
]


@pytest.mark.parametrize("who", ["chi.mai@example.vn", "ban.hang@example.vn", "shopper"])
def test_no_one_but_union_staff_reaches_a_staff_report_or_export(client, auth, shop, who):
    if who == "shopper":
        factories.user(email="khach@example.vn")
        db.session.commit()
        who = "khach@example.vn"
    auth.login(who)
    for url in STAFF_ONLY:
        assert client.get(url + PERIOD).status_code == 403, url


@pytest.mark.parametrize("who", ["canbo@hoi.vn", "chi.mai@example.vn"])
def test_only_outlet_staff_reach_outlet_reports(client, auth, shop, who):
    auth.login(who)
    for url in OUTLET_ONLY:
        assert client.get(url + PERIOD).status_code == 403, url


def test_guests_are_sent_to_sign_in_from_every_report(client, shop):
    woman = shop["woman"].id
    for url in [*STAFF_ONLY, *OUTLET_ONLY, f"/ban-hang/{woman}/bao-cao/doanh-so-theo-thang.xlsx"]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap" in response.location, url


def test_reports_outside_a_readers_list_are_not_found(client, auth, shop):
    auth.login("ban.hang@example.vn")
    assert client.get("/cua-hang-ban/bao-cao/nguoi-ban.csv").status_code == 404
    auth.logout()
    auth.login("chi.mai@example.vn")
    assert client.get(f"/ban-hang/{shop['woman'].id}/bao-cao/thoi-gian-giao.xlsx").status_code == 404
