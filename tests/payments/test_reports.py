"""An outlet's cash of the day, and seller settlement sums that reconcile to the đồng."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from app.core.extensions import db
from app.payments import refunds, reports, services
from app.payments.models import Payment
from tests import factories
from tests.payments import factories as pay_factories

DAY = date(2026, 6, 3)
NOON = datetime(2026, 6, 3, 5, 0, tzinfo=UTC)  # 12:00 in Đồng Nai


@pytest.fixture
def clerk(app):
    user = factories.user(role="staff")
    db.session.commit()
    return user


def hand_over(order, *, cash: int | None, at: datetime = NOON) -> None:
    """What the outlet dashboard records at hand-over."""
    for shipment in order.shipments:
        shipment.status, shipment.completed_at, shipment.cash_received_vnd = "completed", at, cash
    order.status = "completed"
    db.session.commit()


def test_the_cash_day_shows_expected_recorded_and_difference(app):
    outlet = factories.outlet()
    a = pay_factories.order(method="cash", prices=(50000,), quantity=2, outlet_obj=outlet)
    b = pay_factories.order(method="cash", prices=(30000,), quantity=1, outlet_obj=outlet)
    c = pay_factories.order(method="cash", prices=(40000,), quantity=1, outlet_obj=outlet)
    other_day = pay_factories.order(method="cash", prices=(99000,), quantity=1, outlet_obj=outlet)
    hand_over(a, cash=100000)
    hand_over(b, cash=20000)
    hand_over(c, cash=None)
    hand_over(other_day, cash=99000, at=NOON - timedelta(days=1))
    summary = reports.cash_day(outlet_id=outlet.id, day=DAY)
    assert [r.order_number for r in summary.rows] == [a.number, b.number, c.number]
    assert (summary.expected_vnd, summary.received_vnd, summary.difference_vnd) == (170000, 120000, -50000)
    assert (summary.not_recorded, summary.to_collect) == (1, 2)


def test_closing_the_day_counts_cash_into_payments_once(app):
    staff = factories.user(role="outlet")
    outlet = factories.outlet(staff=staff)
    order = pay_factories.order(method="cash", prices=(50000,), quantity=2, outlet_obj=outlet)
    hand_over(order, cash=100000)
    assert reports.close_cash_day(outlet_id=outlet.id, day=DAY, actor_id=staff.id) == 1
    assert reports.close_cash_day(outlet_id=outlet.id, day=DAY, actor_id=staff.id) == 0
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    assert (payment.status, payment.paid_vnd) == ("paid", 100000)


def test_allocation_gives_every_dong_to_someone():
    assert reports.allocate(100, {1: 1, 2: 1, 3: 1}) == {1: 34, 2: 33, 3: 33}
    assert reports.allocate(0, {1: 5}) == {1: 0}


@given(amount=st.integers(0, 10**9), weights=st.dictionaries(st.integers(1, 50), st.integers(1, 10**8), min_size=1))
def test_allocation_always_sums_to_the_amount(amount, weights):
    shares = reports.allocate(amount, weights)
    assert sum(shares.values()) == amount
    assert all(0 <= shares[k] <= amount for k in weights)


def test_settlement_reconciles_with_orders_and_refunds(clerk):
    lan, hoa = factories.seller(name="HTX Yến sào Lan"), factories.seller(name="Tổ hợp tác Hoa")
    outlet = factories.outlet()
    first = pay_factories.order(
        method="cash", prices=(100000, 33333), quantity=3, sellers=[lan, hoa], outlet_obj=outlet
    )
    second = pay_factories.order(prices=(250000,), quantity=1, sellers=[hoa], delivery_fee=20000, outlet_obj=outlet)
    unpaid = pay_factories.order(method="cash", prices=(70000,), quantity=1, sellers=[lan], outlet_obj=outlet)
    services.confirm_transfer_by_hand(number=second.number, amount_vnd=270000, note="seen", actor_id=clerk.id)
    hand_over(first, cash=first.total_vnd)
    hand_over(second, cash=None)
    hand_over(unpaid, cash=None)  # handed over but the cash was never counted in
    reports.close_cash_day(outlet_id=outlet.id, day=DAY, actor_id=clerk.id)
    refunds.create_refund(number=first.number, amount_vnd=100001, reason="one jar broken", actor_id=clerk.id)
    refunds.create_refund(number=second.number, amount_vnd=270000, reason="all, fee too", actor_id=clerk.id)

    report = reports.settlement(start=DAY, end=DAY, commission_percent=Decimal("5"))
    total = report.total
    assert report.order_count == 2
    assert total.gross_vnd == first.subtotal_vnd + second.subtotal_vnd == 649999
    # The delivery fee refunded on the second order is not charged to the seller.
    assert total.refunds_vnd == report.refunds_total_vnd == 100001 + 250000
    assert total.net_vnd == sum(r.net_vnd for r in report.rows) == 299998
    assert total.commission_vnd == sum(r.commission_vnd for r in report.rows)
    assert total.payout_vnd == total.net_vnd - total.commission_vnd
    by_name = {r.seller_name: r for r in report.rows}
    assert by_name["HTX Yến sào Lan"].gross_vnd == 300000
    assert by_name["Tổ hợp tác Hoa"].gross_vnd == 99999 + 250000


def test_orders_completed_outside_the_period_are_left_out(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=clerk.id)
    hand_over(order, cash=None, at=NOON + timedelta(days=1))
    assert reports.settlement(start=DAY, end=DAY, commission_percent=Decimal(0)).rows == []
    assert reports.settlement(start=DAY, end=DAY + timedelta(days=1), commission_percent=Decimal(0)).order_count == 1


def test_the_csv_has_a_row_per_seller_and_totals_that_add_up(clerk):
    order = pay_factories.order(prices=(123456,), quantity=1)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=123456, note="seen", actor_id=clerk.id)
    hand_over(order, cash=None)
    report = reports.settlement(start=DAY, end=DAY, commission_percent=Decimal("2.5"))
    text = reports.settlement_csv(report, ["id", "seller", "o", "g", "r", "n", "c", "p"], "Total")
    rows = [line.split(",") for line in text.lstrip("\ufeff").strip().splitlines()]
    assert rows[1][3:] == ["123456", "0", "123456", "3086", "120370"]
    assert rows[-1][1:] == ["Total", "1", "123456", "0", "123456", "3086", "120370"]
