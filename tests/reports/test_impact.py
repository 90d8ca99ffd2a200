"""Does the impact report say what the rows say, for the period asked, and only to union staff?"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from app.core.extensions import db
from app.reports import queries
from tests import factories
from tests.helpers import recorded_queries
from tests.reports import factories as rf

PERIOD = "?start=2025-01-01&end=2025-12-31"


@pytest.fixture
def staff(client, auth):
    user = factories.user(email="canbo@hoi.vn", role="staff")
    db.session.commit()
    auth.login(user.email)
    return user


@pytest.fixture
def shop():
    """Two top-level categories (one with a sub-category), two sellers, two outlets."""
    veg = factories.category(slug="rau-cu", name_vi="Rau củ quả")
    leafy = factories.category(slug="rau-la", name_vi="Rau lá", parent=veg)
    nest = factories.category(slug="yen-sao", name_vi="Yến sào")
    coop = factories.seller(kind="cooperative", name="HTX Rau sạch")
    woman = factories.seller(kind="individual", name="Chị Mai")
    greens = factories.product(seller_obj=coop, category_obj=leafy, price=20000).variants[0]  # 500 g
    box = factories.product(seller_obj=woman, category_obj=nest, price=900000).variants[0]  # 500 g
    box.weight_grams = 100
    a, b = factories.outlet(name="Cửa hàng Đồng Xoài"), factories.outlet(name="Cửa hàng Trấn Biên")
    db.session.flush()
    return {"veg": veg, "nest": nest, "coop": coop, "woman": woman, "greens": greens, "box": box, "a": a, "b": b}


def report(start="2025-01-01", end="2025-12-31"):
    from datetime import date

    return queries.impact(start=date.fromisoformat(start), end=date.fromisoformat(end))


def test_completed_sales_add_up_the_lines_of_handed_over_shipments(app, shop):
    greens, box = shop["greens"], shop["box"]
    rf.order((greens, 3), (box, 1), outlet_obj=shop["a"])
    rf.order((greens, 10), outlet_obj=shop["b"], method="vietqr")
    rf.order((box, 2), outlet_obj=shop["a"], status="ready_for_pickup")  # not handed over yet
    rf.order((box, 5), outlet_obj=shop["a"], status="cancelled")
    db.session.commit()

    r = report()

    assert r.sales.orders == 2
    assert r.sales.units == 3 + 1 + 10
    assert r.sales.revenue_vnd == 13 * 20000 + 900000
    assert r.sales.weight_grams == 13 * 500 + 1 * 100
    assert r.orders_by_status == {"completed": 2, "ready_for_pickup": 1, "cancelled": 1}


def test_goods_refunded_after_hand_over_stay_sales_and_show_under_refunds(app, shop):
    later = rf.order((shop["box"], 1), outlet_obj=shop["a"], status="refunded")
    rf.refund(later, amount=900000)
    rf.order((shop["box"], 2), outlet_obj=shop["a"], status="refunded", completed_at=None)  # never handed over
    db.session.commit()

    r = report()

    assert (r.sales.orders, r.sales.revenue_vnd) == (1, 900000)
    assert (r.refunds_count, r.refunds_vnd) == (1, 900000)


def test_sales_roll_up_to_the_top_level_category_with_weight(app, shop):
    rf.order((shop["greens"], 4), (shop["box"], 3), outlet_obj=shop["a"])
    db.session.commit()

    rows = {row.name: row for row in report().by_category}

    assert set(rows) == {"Rau củ quả", "Yến sào"}  # "Rau lá" counts under its parent
    assert (rows["Rau củ quả"].units, rows["Rau củ quả"].revenue_vnd, rows["Rau củ quả"].weight_kg) == (4, 80000, 2.0)
    assert (rows["Yến sào"].units, rows["Yến sào"].revenue_vnd, rows["Yến sào"].weight_grams) == (3, 2700000, 300)
    assert [row.name for row in report().by_category] == ["Yến sào", "Rau củ quả"]  # biggest sales first


def test_outlets_sellers_and_payment_methods_share_the_same_sales(app, shop):
    rf.order((shop["greens"], 2), (shop["box"], 1), outlet_obj=shop["a"], method="cash")
    rf.order((shop["greens"], 5), outlet_obj=shop["b"], method="vietqr")
    rf.order((shop["box"], 1), outlet_obj=shop["b"], method="vietqr")
    db.session.commit()

    r = report()

    outlets = {row.name: (row.orders, row.revenue_vnd) for row in r.by_outlet}
    assert outlets == {"Cửa hàng Đồng Xoài": (1, 940000), "Cửa hàng Trấn Biên": (2, 1000000)}
    sellers = [(row.name, row.kind, row.women_members, row.revenue_vnd) for row in r.top_sellers]
    assert sellers == [("Chị Mai", "individual", 8, 1800000), ("HTX Rau sạch", "cooperative", 8, 140000)]
    methods = {row.key: (row.orders, row.revenue_vnd) for row in r.by_payment_method}
    assert methods == {"cash": (1, 940000), "vietqr": (2, 1000000)}
    assert sum(row.revenue_vnd for row in r.by_outlet) == r.sales.revenue_vnd


def test_only_ten_sellers_are_listed_best_first(app, shop):
    for i in range(12):
        product = factories.product(seller_obj=factories.seller(), category_obj=shop["veg"], price=1000 * (i + 1))
        rf.order((product.variants[0], 1), outlet_obj=shop["a"])
    db.session.commit()

    top = report().top_sellers

    assert [row.revenue_vnd for row in top] == [1000 * n for n in range(12, 2, -1)]


@pytest.mark.parametrize(
    ("completed_at", "counted"),
    [
        (datetime(2024, 12, 31, 16, 59, tzinfo=UTC), False),  # 23:59 on 31/12/2024 in Vietnam
        (datetime(2024, 12, 31, 17, 0, tzinfo=UTC), True),  # 00:00 on 1/1/2025 in Vietnam
        (datetime(2025, 12, 31, 16, 59, tzinfo=UTC), True),
        (datetime(2025, 12, 31, 17, 0, tzinfo=UTC), False),  # already 2026 in Vietnam
    ],
)
def test_a_sale_counts_in_the_local_days_it_was_handed_over(app, shop, completed_at, counted):
    rf.order((shop["greens"], 1), outlet_obj=shop["a"], completed_at=completed_at, created_at=completed_at)
    db.session.commit()

    r = report()

    assert r.sales.orders == (1 if counted else 0)
    assert r.orders_total == (1 if counted else 0)


def test_sellers_are_counted_by_kind_and_members_only_when_approved(app):
    factories.seller(kind="cooperative")
    factories.seller(kind="cooperative")
    factories.seller(kind="linkage_group")
    factories.seller(kind="individual", status="pending")
    factories.seller(kind="household", status="suspended")
    db.session.commit()

    r = report()
    kinds = {row.kind: row for row in r.sellers}

    assert [row.kind for row in r.sellers] == [
        "cooperative", "cooperative_group", "linkage_group", "household", "individual"
    ]  # fmt: skip
    assert (kinds["cooperative"].approved, kinds["linkage_group"].approved, kinds["individual"].approved) == (2, 1, 0)
    assert (kinds["individual"].pending, kinds["household"].other) == (1, 1)
    assert (r.approved_total.approved, r.approved_total.members, r.approved_total.women_members) == (3, 30, 24)


def test_only_succeeded_refunds_of_the_period_are_counted(app, shop):
    done = rf.order((shop["box"], 2), outlet_obj=shop["a"])
    rf.refund(done, amount=300000)
    rf.refund(done, amount=50000, status="failed")
    rf.refund(done, amount=70000, created_at=datetime(2026, 2, 1, tzinfo=UTC))
    db.session.commit()

    r = report()

    assert (r.refunds_count, r.refunds_vnd) == (1, 300000)


def test_an_empty_period_reports_zeros(app):
    r = report()

    assert (r.sales.orders, r.sales.revenue_vnd, r.sales.units, r.refunds_vnd) == (0, 0, 0, 0)
    assert r.by_category == r.by_outlet == r.top_sellers == r.by_payment_method == []


# --- the page and the CSV -------------------------------------------------------------------------


def test_guests_are_sent_to_sign_in(client):
    response = client.get("/quan-tri/bao-cao")
    assert response.status_code == 302
    assert "/dang-nhap" in response.headers["Location"]
    assert client.get("/quan-tri/bao-cao.csv").status_code == 302


@pytest.mark.parametrize("role", ["shopper", "seller", "outlet"])
def test_other_roles_are_refused(client, auth, role):
    user = factories.user(email=f"{role}@example.vn", role="shopper" if role == "seller" else role)
    if role == "seller":
        factories.seller(members=[user])
    if role == "outlet":
        factories.outlet(staff=user)
    db.session.commit()
    auth.login(user.email)

    assert client.get("/quan-tri/bao-cao").status_code == 403
    assert client.get("/quan-tri/bao-cao.csv").status_code == 403


def test_staff_see_the_figures_in_vietnamese(client, staff, shop):
    rf.order((shop["greens"], 3), (shop["box"], 1), outlet_obj=shop["a"])
    db.session.commit()

    response = client.get("/quan-tri/bao-cao" + PERIOD)
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Báo cáo" in page
    assert "960.000\xa0₫" in page  # 3 × 20.000 + 900.000
    assert "Cửa hàng Đồng Xoài" in page and "Yến sào" in page
    assert "Tiền mặt" in page or "tiền mặt" in page


def test_the_default_period_is_this_calendar_year(client, staff):
    page = client.get("/quan-tri/bao-cao").get_data(as_text=True)
    year = datetime.now(UTC).year
    assert f'value="{year}-01-01"' in page and f'value="{year}-12-31"' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?start=2025-12-31&end=2025-01-01", "Ngày kết thúc không được trước ngày bắt đầu."),
        ("?start=hôm-qua&end=2025-01-01", "Ngày không hợp lệ."),
        ("?start=&end=2025-01-01", "Hãy chọn một ngày."),
        ("?start=0001-01-01&end=9999-12-31", "Hãy chọn một ngày trong khoảng năm 2000 đến 2999."),
    ],
)
def test_a_bad_period_says_why_next_to_the_field_and_shows_this_year(client, staff, query, message):
    response = client.get("/quan-tri/bao-cao" + query)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert message in page
    assert f"{datetime.now(UTC).year}-12-31" in page  # the CSV link carries the default period


def read_csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_holds_the_same_figures_as_the_page(client, staff, shop):
    rf.order((shop["greens"], 3), (shop["box"], 1), outlet_obj=shop["a"])
    rf.order((shop["greens"], 2), outlet_obj=shop["b"], method="vietqr")
    db.session.commit()

    response = client.get("/quan-tri/bao-cao.csv" + PERIOD)
    rows = read_csv(response)
    r = report()

    assert response.status_code == 200
    assert "bao-cao-tac-dong-2025-01-01-2025-12-31.csv" in response.headers["Content-Disposition"]
    assert rows[0] == ["Mục", "Chỉ tiêu", "Số", "Số lượng", "Số tiền (đồng)", "Khối lượng (kg)"]
    by_key = {(row[0], row[1]): row[2:] for row in rows[1:]}
    assert by_key[("Doanh số đã giao", "Tổng cộng")] == ["2", "6", "1000000", "2.6"]
    assert by_key[("Doanh số theo danh mục", "Yến sào")] == ["1", "1", "900000", "0.1"]
    assert by_key[("Doanh số theo cửa hàng", "Cửa hàng Trấn Biên")][:3] == ["1", "2", "40000"]
    assert by_key[("Người bán đã duyệt", "Tổng cộng")][0] == str(r.approved_total.approved)
    page = client.get("/quan-tri/bao-cao" + PERIOD).get_data(as_text=True)
    assert r.sales.revenue_vnd == 1000000 and "1.000.000\xa0₫" in page


def test_the_page_costs_the_same_queries_for_2_and_20_orders(client, staff, shop):
    def add(n: int) -> int:
        for i in range(n):
            seller = factories.seller()
            variant = factories.product(seller_obj=seller, category_obj=shop["nest"]).variants[0]
            rf.order((variant, 1 + i % 3), (shop["greens"], 1), outlet_obj=shop["a" if i % 2 else "b"])
        db.session.commit()
        with recorded_queries() as statements:
            assert client.get("/quan-tri/bao-cao" + PERIOD).status_code == 200
        return len(statements)

    few = add(2)
    many = add(18)

    assert few == many
