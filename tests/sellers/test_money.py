"""Her money: the staff settlement's figures for her alone (one query, to the đồng), exports, payouts, members only."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.payments import refunds, reports, services
from app.payments.models import SellerPayout
from tests import factories
from tests.payments import factories as pay_factories

DAY = date(2026, 6, 3)
NOON = datetime(2026, 6, 3, 5, 0, tzinfo=UTC)
PERIOD = {"start": "2026-06-01", "end": "2026-06-30"}


def hand_over(order) -> None:
    for shipment in order.shipments:
        shipment.status, shipment.completed_at = "completed", NOON
    order.status = "completed"
    db.session.commit()


@pytest.fixture
def money(app, auth):
    """Lan and Hoa share an order with an odd refund; Hoa has one more; 5 % commission."""
    app.config["SETTLEMENT_COMMISSION_PERCENT"] = 5
    owner, member, clerk = (
        factories.user(email="lan@htx.vn"),
        factories.user(email="mai@htx.vn"),
        factories.user(role="staff"),
    )
    lan, hoa = factories.seller(name="HTX Lan", members=[owner]), factories.seller(name="Tổ Hoa")
    factories.add_member(lan, member)
    outlet = factories.outlet()
    with app.test_request_context():
        shared = pay_factories.order(prices=(100000, 33333), quantity=3, sellers=[lan, hoa], outlet_obj=outlet)
        alone = pay_factories.order(prices=(250000,), quantity=1, sellers=[hoa], outlet_obj=outlet)
        for order in (shared, alone):
            services.confirm_transfer_by_hand(
                number=order.number, amount_vnd=order.total_vnd, note="seen", actor_id=clerk.id
            )
            hand_over(order)
        refunds.create_refund(number=shared.number, amount_vnd=100001, reason="một hũ vỡ", actor_id=clerk.id)
    auth.login("lan@htx.vn")
    return {"lan": lan, "hoa": hoa, "clerk": clerk, "shared": shared, "app": app}


def test_her_figures_are_the_staff_pages_row_to_the_dong(app, money):
    with app.test_request_context():
        staff_row = next(
            r
            for r in reports.settlement(
                start=date(2026, 6, 1), end=date(2026, 6, 30), commission_percent=Decimal(5)
            ).rows
            if r.seller_id == money["lan"].id
        )
        owner = db.session.scalar(select(factories.User).where(factories.User.email == "lan@htx.vn"))
        mine = reports.seller_statement(
            user=owner, seller_id=money["lan"].id, start=date(2026, 6, 1), end=date(2026, 6, 30)
        ).row
    # Lan sold 3 × 100.000 of an order of 399.999; the 100.001 refund is shared by weight: 75.001 to her.
    assert (mine.gross_vnd, mine.refunds_vnd, mine.net_vnd) == (300000, 75001, 224999)
    assert (mine.commission_vnd, mine.payout_vnd) == (11250, 213749)
    assert (staff_row.gross_vnd, staff_row.refunds_vnd, staff_row.commission_vnd, staff_row.payout_vnd) == (
        mine.gross_vnd, mine.refunds_vnd, mine.commission_vnd, mine.payout_vnd,
    )  # fmt: skip
    assert [s.order_number for s in mine.shares] == [money["shared"].number]


def test_her_page_shows_what_the_staff_page_shows(client, auth, money):
    mine = client.get(f"/ban-hang/{money['lan'].id}/tien-ban-hang", query_string=PERIOD).get_data(as_text=True)
    for figure in ("300.000", "75.001", "224.999", "11.250", "213.749"):
        assert f"{figure}\xa0₫" in mine
    auth.logout()
    staff = factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    auth.login("canbo@example.vn")
    page = client.get("/quan-tri/thanh-toan/nguoi-ban", query_string={**PERIOD, "commission": "5"}).get_data(
        as_text=True
    )
    row = page[page.index("HTX Lan") :][:1500]
    for figure in ("300.000", "75.001", "224.999", "11.250", "213.749"):
        assert f"{figure}\xa0₫" in row
    assert staff.id


def test_csv_and_xlsx_carry_the_same_figures(client, money):
    url = f"/ban-hang/{money['lan'].id}/tien-ban-hang"
    response = client.get(url + ".csv", query_string=PERIOD)
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    as_dict = {r[0]: r[1] for r in rows if len(r) == 2}
    assert as_dict["Hội cần trả bạn (đồng)"] == "213749"
    assert [money["shared"].number, "2026-06-03", "300000", "75001", "224999"] in rows
    workbook = load_workbook(io.BytesIO(client.get(url + ".xlsx", query_string=PERIOD).data))
    summary = {row[0]: row[1] for row in workbook["Tóm tắt"].iter_rows(values_only=True)}
    assert summary["Hội cần trả bạn (đồng)"] == 213749 and summary["Hoàn tiền (đồng)"] == 75001
    orders = list(workbook["Các đơn trong kỳ"].iter_rows(values_only=True))
    assert orders[1] == (money["shared"].number, "2026-06-03", 300000, 75001, 224999)


def test_a_payout_recorded_by_staff_shows_on_both_pages(client, auth, money):
    auth.logout()
    factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    auth.login("canbo@example.vn")
    form = {**PERIOD, "commission": "5", "seller_id": money["lan"].id, "paid_on": "2026-07-02", "reference": "UNC 0456"}
    too_much = client.post(
        "/quan-tri/thanh-toan/nguoi-ban/chi-tra", data={**form, "amount_vnd": "213.750"}, follow_redirects=True
    )
    assert "Kỳ này chỉ còn nợ tối đa 213.749\xa0₫" in too_much.get_data(as_text=True)
    client.post("/quan-tri/thanh-toan/nguoi-ban/chi-tra", data={**form, "amount_vnd": "200.000"})
    payout = db.session.scalar(select(SellerPayout))
    assert (payout.amount_vnd, payout.period_start, payout.reference) == (200000, date(2026, 6, 1), "UNC 0456")
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "payment.seller_payout"))
    auth.logout()
    auth.login("lan@htx.vn")
    page = client.get(f"/ban-hang/{money['lan'].id}/tien-ban-hang", query_string=PERIOD).get_data(as_text=True)
    assert "Đã chi trả: 200.000\xa0₫ · Còn phải trả: 13.749\xa0₫" in page


def test_a_member_sees_it_and_another_seller_does_not(client, auth, money):
    auth.logout()
    auth.login("mai@htx.vn")
    assert client.get(f"/ban-hang/{money['lan'].id}/tien-ban-hang", query_string=PERIOD).status_code == 200
    for path in ("", ".csv", ".xlsx"):
        assert client.get(f"/ban-hang/{money['hoa'].id}/tien-ban-hang{path}", query_string=PERIOD).status_code == 404


@pytest.mark.parametrize(
    "period", [{"start": "2026-06-30", "end": "2026-06-01"}, {"start": "2024-01-01", "end": "2026-06-01"}]
)
def test_a_period_that_cannot_be_shown_is_explained(client, money, period):
    response = client.get(f"/ban-hang/{money['lan'].id}/tien-ban-hang", query_string=period)
    assert response.status_code == 422
    assert re.search(r"Ngày cuối không được trước ngày đầu|Chọn tối đa một năm", response.get_data(as_text=True))
