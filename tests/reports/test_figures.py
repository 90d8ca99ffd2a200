"""Do the yearly reports say, to the đồng, what a person would count by hand on a small shop?

The shop (period 2025): three orders handed over, one waiting, one cancelled, three refunds
(one with an odd đồng to split, one beyond the goods into the delivery fee) and one box brought back.

  O1 cash,   pickup,   outlet A, 10/3  4 h: 3 × rau 20.000 (500 g) + 1 × yến 900.000 (100 g) = 960.000
  O2 VietQR, delivery, outlet B, 20/3 → 22/3 (48 h): 10 × rau = 200.000, fee 20.000
  O3 card,   pickup,   outlet A, 1/4  2 h: 2 × yến = 1.800.000
  refunds: O1 100.001 on 10/4; O3 450.000 on 5/5 (one box back); O2 220.000 on 1/6 (200.000 goods)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.core.vocab import SellerKind
from app.outlets.models import StockMovement
from app.reports import figures
from app.reports.facts import Scope
from tests import factories
from tests.reports import factories as rf


def at(month: int, day: int, hour: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Headings are worded in the request's language (Vietnamese here)."""
    with app.test_request_context():
        yield


@pytest.fixture
def shop(app):
    veg = factories.category(slug="rau-cu", name_vi="Rau củ quả")
    leafy = factories.category(slug="rau-la", name_vi="Rau lá", parent=veg)
    nest = factories.category(slug="yen-sao", name_vi="Yến sào")
    coop = factories.seller(kind="cooperative", name="HTX Rau sạch")
    woman = factories.seller(kind="individual", name="Chị Mai")
    greens = factories.product(seller_obj=coop, category_obj=leafy, price=20000).variants[0]  # 500 g
    box = factories.product(seller_obj=woman, category_obj=nest, price=900000).variants[0]
    box.weight_grams = 100
    a, b = factories.outlet(name="Cửa hàng A"), factories.outlet(name="Cửa hàng B")
    o1 = rf.order((greens, 3), (box, 1), outlet_obj=a, created_at=at(3, 10, 1), completed_at=at(3, 10, 5))
    o2 = rf.order((greens, 10), outlet_obj=b, method="vietqr", created_at=at(3, 20), completed_at=at(3, 22))
    o2.fulfilment, o2.delivery_fee_vnd, o2.total_vnd = "delivery", 20000, 220000
    o3 = rf.order((box, 2), outlet_obj=a, method="stripe", created_at=at(4, 1, 1), completed_at=at(4, 1, 3))
    rf.order((greens, 1), outlet_obj=a, status="ready_for_pickup", created_at=at(4, 2))
    rf.order((box, 5), outlet_obj=b, status="cancelled", created_at=at(4, 3))
    rf.refund(o1, amount=100001, created_at=at(4, 10))
    rf.refund(o3, amount=450000, created_at=at(5, 5))
    rf.refund(o2, amount=220000, created_at=at(6, 1))
    record = factories.stock(variant=box, outlet_obj=a, on_hand=0)
    db.session.add(
        StockMovement(stock_record_id=record.id, kind="returned", on_hand_delta=1, order_id=o3.id, created_at=at(5, 5))
    )
    db.session.commit()
    return {"a": a, "b": b, "coop": coop, "woman": woman, "greens": greens, "box": box}


YEAR = Scope(start=date(2025, 1, 1), end=date(2025, 12, 31))


def money_of(table, key="net_vnd") -> dict[str, int]:
    return {row["name"]: row[key] for row in table.rows}


def test_sales_by_month_hand_computed(app, shop):
    table = figures.sales_by_month(YEAR)

    assert [row["month"] for row in table.rows] == [f"2025-{m:02d}" for m in range(1, 13)]
    by_month = {row["month"]: (row["orders"], row["units"], row["gross_vnd"], row["refund_vnd"]) for row in table.rows}
    assert by_month["2025-03"] == (2, 14, 1160000, 0)
    assert by_month["2025-04"] == (1, 2, 1800000, 100001)
    assert by_month["2025-05"] == (0, -1, 0, 450000)
    assert by_month["2025-06"] == (0, 0, 0, 200000)
    assert by_month["2025-01"] == (0, 0, 0, 0)
    total = table.footer[0]
    assert (total["orders"], total["units"], total["gross_vnd"], total["refund_vnd"]) == (3, 15, 2960000, 750001)
    assert total["net_vnd"] == 2960000 - 750001 == 2209999


def test_sales_by_outlet_seller_and_category_reconcile_with_the_total(app, shop):
    by_outlet = figures.sales_by_outlet(YEAR)
    by_seller = figures.sales_by_seller(YEAR)
    by_category = figures.sales_by_category(YEAR)

    assert money_of(by_outlet, "gross_vnd") == {"Cửa hàng A": 2760000, "Cửa hàng B": 200000}
    assert money_of(by_outlet, "refund_vnd") == {"Cửa hàng A": 550001, "Cửa hàng B": 200000}
    assert money_of(by_outlet) == {"Cửa hàng A": 2209999, "Cửa hàng B": 0}
    # The odd đồng of O1's refund goes to its first line (the greens): 6.251 + 93.750 = 100.001.
    assert money_of(by_seller, "refund_vnd") == {"HTX Rau sạch": 206251, "Chị Mai": 543750}
    assert money_of(by_seller) == {"HTX Rau sạch": 53749, "Chị Mai": 2156250}
    kinds = [SellerKind.INDIVIDUAL.short_label, SellerKind.COOPERATIVE.short_label]
    assert [(row["name"], row["kind"]) for row in by_seller.rows] == list(
        zip(["Chị Mai", "HTX Rau sạch"], kinds, strict=True)
    )
    assert money_of(by_category) == {"Rau củ quả": 53749, "Yến sào": 2156250}  # "Rau lá" counts under its parent
    for table in (by_outlet, by_seller, by_category, figures.sales_by_month(YEAR)):
        for key in ("gross_vnd", "refund_vnd", "net_vnd", "units"):
            assert sum(row[key] for row in table.rows) == table.footer[0][key] == figures._total(YEAR)[key]


def test_weight_sold_by_category_and_outlet_in_kg_and_tonnes(app, shop):
    by_category = {r["name"]: (r["units"], r["kg"], r["t"]) for r in figures.weight_by_category(YEAR).rows}
    by_outlet = {r["name"]: (r["units"], r["kg"], r["t"]) for r in figures.weight_by_outlet(YEAR).rows}
    total = figures.weight_by_outlet(YEAR).footer[0]

    assert by_category == {
        "Rau củ quả": (13, Decimal("6.500"), Decimal("0.007")),
        "Yến sào": (2, Decimal("0.200"), Decimal("0.000")),  # three boxes sold, one brought back
    }
    assert by_outlet == {
        "Cửa hàng A": (5, Decimal("1.700"), Decimal("0.002")),
        "Cửa hàng B": (10, Decimal("5.000"), Decimal("0.005")),
    }
    assert (total["units"], total["kg"], total["t"]) == (15, Decimal("6.700"), Decimal("0.007"))


def test_share_of_orders_and_of_dong_paid_without_cash(app, shop):
    table = figures.payment_methods(YEAR)
    rows = {r["key"]: (r["orders"], r["orders_share"], r["net_vnd"], r["net_share"]) for r in table.rows}

    assert rows == {
        "cash": (1, Decimal("33.3"), 859999, Decimal("38.9")),
        "vietqr": (1, Decimal("33.3"), 0, Decimal("0.0")),
        "stripe": (1, Decimal("33.3"), 1350000, Decimal("61.1")),
    }
    total, cashless = table.footer
    assert (total["orders"], total["net_vnd"], total["net_share"]) == (3, 2209999, Decimal("100.0"))
    assert (cashless["orders"], cashless["orders_share"], cashless["net_vnd"], cashless["net_share"]) == (
        2, Decimal("66.7"), 1350000, Decimal("61.1"),
    )  # fmt: skip


def test_pickup_against_delivery(app, shop):
    rows = {r["key"]: (r["orders"], r["orders_share"], r["net_vnd"]) for r in figures.pickup_or_delivery(YEAR).rows}

    assert rows == {"pickup": (2, Decimal("66.7"), 2209999), "delivery": (1, Decimal("33.3"), 0)}


def test_hours_from_order_to_hand_over_per_outlet(app, shop):
    table = figures.hand_over_times(YEAR)
    rows = {r["name"]: (r["shipments"], r["average_hours"], r["longest_hours"], r["quick"]) for r in table.rows}

    assert rows == {
        "Cửa hàng A": (2, Decimal("3.0"), Decimal("4.0"), 2),
        "Cửa hàng B": (1, Decimal("48.0"), Decimal("48.0"), 0),
    }
    total = table.footer[0]
    assert (total["shipments"], total["average_hours"], total["quick_share"]) == (3, Decimal("18.0"), Decimal("66.7"))


def test_sellers_by_kind_and_status_with_members_and_new_sellers(app, shop):
    third = factories.seller(kind="cooperative", name="HTX Hạt điều")
    third.members_count, third.women_members_count, third.province_code = 20, 15, 1
    third.decided_at = at(7, 1)  # approved before the audit trail existed
    factories.seller(kind="individual", status="pending")
    factories.seller(kind="household", status="suspended")
    for seller, when in ((shop["coop"], at(2, 1)), (shop["coop"], at(8, 1)), (shop["woman"], datetime(2024, 12, 1))):
        db.session.add(
            AuditEvent(action="seller.approve", subject_type="seller", subject_id=seller.id, created_at=when)
        )
    db.session.commit()

    table = figures.sellers(YEAR)
    rows = {r["key"]: r for r in table.rows}
    total = table.footer[0]

    assert (rows["cooperative"]["approved"], rows["cooperative"]["members"], rows["cooperative"]["women_members"]) == (
        2,
        30,
        23,
    )
    assert rows["cooperative"]["new"] == 2  # the coop's first approval and the third's decision; not the re-approval
    assert (rows["individual"]["approved"], rows["individual"]["pending"], rows["individual"]["new"]) == (1, 1, 0)
    assert rows["household"]["suspended"] == 1
    keys = ("approved", "pending", "suspended", "members", "women_members", "new")
    assert [total[k] for k in keys] == [3, 1, 1, 40, 31, 2]
    in_dong_nai = {r["key"]: r for r in figures.sellers(Scope(YEAR.start, YEAR.end, province_code=75)).rows}
    assert (in_dong_nai["cooperative"]["approved"], in_dong_nai["cooperative"]["new"]) == (1, 1)


def test_one_outlet_one_seller_kind_or_one_seller(app, shop):
    only_a = Scope(YEAR.start, YEAR.end, outlet_id=shop["a"].id)
    individuals = Scope(YEAR.start, YEAR.end, seller_kind="individual")
    coop = Scope(YEAR.start, YEAR.end, seller_id=shop["coop"].id)

    assert figures._total(only_a)["net_vnd"] == 2209999
    assert figures._total(only_a)["gross_vnd"] == 2760000
    assert figures._total(individuals)["net_vnd"] == 2156250
    assert money_of(figures.sales_by_outlet(coop)) == {"Cửa hàng A": 53749, "Cửa hàng B": 0}
    assert [r["name"] for r in figures.hand_over_times(coop).rows] == ["Cửa hàng A", "Cửa hàng B"]
    assert [r["name"] for r in figures.hand_over_times(individuals).rows] == ["Cửa hàng A"]


def test_a_refund_counts_in_the_period_the_money_went_back(app, shop):
    spring = Scope(date(2025, 3, 1), date(2025, 4, 30))
    summer = Scope(date(2025, 5, 1), date(2025, 8, 31))

    assert figures._total(spring)["net_vnd"] == 1160000 + 1800000 - 100001
    assert figures._total(summer)["net_vnd"] == -650000
    assert figures._total(spring)["net_vnd"] + figures._total(summer)["net_vnd"] == figures._total(YEAR)["net_vnd"]


def test_an_empty_year_has_zero_rows_and_totals(app):
    empty = Scope(date(2024, 1, 1), date(2024, 12, 31))

    assert figures.sales_by_outlet(empty).rows == []
    assert figures.sales_by_month(empty).footer[0]["net_vnd"] == 0
    assert figures.payment_methods(empty).footer[0]["net_share"] == Decimal("0.0")
    assert figures.hand_over_times(empty).footer[0]["average_hours"] == Decimal("0.0")
