"""Closing an outlet's cash day counts each shipment's cash once: double clicks, two staff at once,
and a stale read are all refused by locks, a re-check under them, and a unique event id per shipment."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.payments import refunds, reports
from app.payments.models import Payment, PaymentEvent
from tests import factories
from tests.conftest import ON_POSTGRES
from tests.payments import factories as pay_factories
from tests.payments.test_concurrency import run_together
from tests.payments.test_reports import DAY, hand_over


@pytest.fixture
def cash_order(app):
    clerk = factories.user(email="cuahang@example.vn", role="outlet")
    outlet = factories.outlet(staff=clerk)
    order = pay_factories.order(method="cash", prices=(14000,), quantity=1, outlet_obj=outlet)
    hand_over(order, cash=14000)
    return order, outlet, clerk


def money_counted(order) -> tuple[int, int]:
    db.session.expire_all()
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    events = db.session.scalar(
        select(func.count(PaymentEvent.id)).where(
            PaymentEvent.payment_id == payment.id, PaymentEvent.kind == "cash_collected"
        )
    )
    return payment.paid_vnd, events


def test_a_double_submitted_close_counts_the_cash_once(client, auth, cash_order):
    order, _outlet, _clerk = cash_order
    auth.login("cuahang@example.vn")
    first = client.post(f"/cua-hang-ban/tien-mat/{DAY.isoformat()}/chot", follow_redirects=True)
    second = client.post(f"/cua-hang-ban/tien-mat/{DAY.isoformat()}/chot", follow_redirects=True)
    assert first.status_code == second.status_code == 200
    assert money_counted(order) == (14000, 1)
    closes = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "payment.cash_day_closed"))
    assert closes == 1


def test_a_stale_read_cannot_count_a_shipment_twice(app, cash_order, monkeypatch):
    """Even when a close believes nothing was counted yet, the unique event id refuses the second count."""
    order, outlet, clerk = cash_order
    assert reports.close_cash_day(outlet_id=outlet.id, day=DAY, actor_id=clerk.id) == 1
    monkeypatch.setattr(reports, "_collected_shipments", lambda order_ids: set())
    assert reports.close_cash_day(outlet_id=outlet.id, day=DAY, actor_id=clerk.id) == 0
    assert money_counted(order) == (14000, 1)


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="row locks need PostgreSQL")
def test_simultaneous_closes_record_the_money_once(app, cash_order):
    order, outlet, clerk = cash_order
    outlet_id, clerk_id, number = outlet.id, clerk.id, order.number
    db.session.close()

    def close(_i):
        return reports.close_cash_day(outlet_id=outlet_id, day=DAY, actor_id=clerk_id)

    results = run_together(app, close, times=4)
    assert sorted(results) == [0, 0, 0, 1], results
    assert money_counted(order) == (14000, 1)
    staff = factories.user(role="staff")
    db.session.commit()
    with pytest.raises(refunds.RefundError):
        refunds.create_refund(number=number, amount_vnd=28000, reason="hoàn gấp đôi", actor_id=staff.id)
