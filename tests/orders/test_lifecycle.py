"""After placement: payment, cancellation, refunds, returns, expiry, and the transition table."""

from __future__ import annotations

from datetime import timedelta
from itertools import product

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.errors import Conflict
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.orders import services
from app.orders.models import ORDER_STATUSES, OrderNote
from app.orders.status import TRANSITIONS, IllegalTransition, check_move
from app.outlets import stock
from app.outlets.models import StockMovement, StockRecord
from tests import factories
from tests.orders.factories import place, reload, stocked_variant


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Services run inside a request (or a command that sets the language); transfers are offered."""
    app.config["VIETQR_ACCOUNT_NO"] = "1017686868"
    with app.test_request_context():
        yield


LEGAL = {
    ("placed", "awaiting_payment"), ("placed", "confirmed"), ("placed", "cancelled"),
    ("awaiting_payment", "confirmed"), ("awaiting_payment", "cancelled"),
    ("confirmed", "preparing"), ("confirmed", "cancelled"), ("confirmed", "refunded"),
    ("preparing", "ready_for_pickup"), ("preparing", "out_for_delivery"), ("preparing", "cancelled"),
    ("preparing", "refunded"),
    ("ready_for_pickup", "completed"), ("ready_for_pickup", "cancelled"), ("ready_for_pickup", "refunded"),
    ("out_for_delivery", "completed"), ("out_for_delivery", "cancelled"), ("out_for_delivery", "refunded"),
    ("completed", "refunded"),
}  # fmt: skip


@pytest.mark.parametrize(("current", "target"), list(product(ORDER_STATUSES, ORDER_STATUSES)))
def test_every_move_is_allowed_exactly_when_the_pipeline_says_so(app, current, target):
    assert set(TRANSITIONS) == set(ORDER_STATUSES)
    if (current, target) in LEGAL:
        check_move(current, target)
    else:
        with pytest.raises(IllegalTransition):
            check_move(current, target)


def figures(variant, outlet_obj) -> tuple[int, int]:
    db.session.expire_all()
    record = db.session.scalar(
        select(StockRecord).where(StockRecord.variant_id == variant.id, StockRecord.outlet_id == outlet_obj.id)
    )
    return record.on_hand, record.reserved


def test_payment_confirmed_moves_order_and_shipments_and_tells_the_shopper(app, outbox):
    rau, shop = stocked_variant()
    db.session.commit()
    order = place((rau, 2), outlet_obj=shop, payment="vietqr")
    assert order.status == "awaiting_payment" and order.expires_at is not None
    outbox.clear()
    services.apply_payment_confirmed(order=order, actor_id=None)
    services.apply_payment_confirmed(order=order, actor_id=None)  # a repeated webhook changes nothing
    db.session.commit()
    order = reload(order)
    assert order.status == "confirmed" and order.expires_at is None
    assert [s.status for s in order.shipments] == ["confirmed"]
    assert len(outbox) == 1 and "đã được xác nhận" in outbox[0]["Subject"]
    assert figures(rau, shop) == (10, 2)


def test_cancel_releases_every_reservation_through_the_ledger(app):
    rau, shop = stocked_variant()
    yen, _ = stocked_variant(outlet_obj=shop)
    db.session.commit()
    order = place((rau, 2), (yen, 3), outlet_obj=shop)
    services.apply_cancel(order=order, reason="Hết hàng")
    services.apply_cancel(order=order, reason="lần hai")  # already cancelled: nothing more happens
    db.session.commit()
    order = reload(order)
    assert order.status == "cancelled" and order.cancel_reason == "Hết hàng"
    assert figures(rau, shop) == (10, 0) and figures(yen, shop) == (10, 0)
    kinds = db.session.scalars(select(StockMovement.kind).where(StockMovement.order_id == order.id)).all()
    assert sorted(kinds) == ["released", "released", "reserved", "reserved"]
    assert stock.verify() == []


def test_refund_of_a_confirmed_order_releases_and_of_a_completed_one_does_not(app):
    rau, shop = stocked_variant()
    db.session.commit()
    open_order = place((rau, 1), outlet_obj=shop)
    services.apply_refunded(order=open_order)
    db.session.commit()
    assert reload(open_order).status == "refunded"
    assert figures(rau, shop) == (10, 0)
    unpaid = place((rau, 1), outlet_obj=shop, payment="vietqr")
    with pytest.raises(IllegalTransition):
        services.apply_refunded(order=unpaid)
    db.session.rollback()
    assert stock.verify() == []


def _complete(order, staff_user):
    from app.orders import fulfilment

    shipment = order.shipments[0]
    for target in ("preparing", "ready_for_pickup"):
        fulfilment.advance(shipment_id=shipment.id, outlet_id=shipment.outlet_id, target=target, actor_id=staff_user.id)
    fulfilment.hand_over(
        shipment_id=shipment.id, outlet_id=shipment.outlet_id, actor_id=staff_user.id,
        pickup_code=shipment.pickup_code, cash_confirmed=True,
    )  # fmt: skip


def test_completion_sells_and_goods_returned_go_back_on_the_shelf(app):
    clerk = factories.user(role="outlet")
    shop = factories.outlet(staff=clerk)
    rau, _ = stocked_variant(outlet_obj=shop)
    db.session.commit()
    order = place((rau, 3), outlet_obj=shop)
    _complete(order, clerk)
    assert figures(rau, shop) == (7, 0)
    order = reload(order)
    assert order.status == "completed"
    with pytest.raises(Conflict):
        services.apply_cancel(order=order, reason="quá muộn")
    db.session.rollback()
    services.apply_refunded(order=order)
    services.apply_goods_returned(line=order.lines[0], quantity=2, actor_id=clerk.id)
    db.session.commit()
    assert figures(rau, shop) == (9, 0)
    with pytest.raises(services.OrderError, match="tối đa 1"):
        services.apply_goods_returned(line=reload(order).lines[0], quantity=2)
    db.session.rollback()
    assert figures(rau, shop) == (9, 0)
    assert stock.verify() == []


def test_goods_that_were_never_handed_over_cannot_be_returned(app):
    rau, shop = stocked_variant()
    db.session.commit()
    order = place((rau, 1), outlet_obj=shop)
    with pytest.raises(services.OrderError):
        services.apply_goods_returned(line=order.lines[0], quantity=1)


def test_every_status_change_leaves_a_note(app):
    clerk = factories.user(role="outlet")
    shop = factories.outlet(staff=clerk)
    rau, _ = stocked_variant(outlet_obj=shop)
    db.session.commit()
    order = place((rau, 1), outlet_obj=shop)
    _complete(order, clerk)
    notes = db.session.scalars(select(OrderNote).where(OrderNote.order_id == order.id, OrderNote.shipment_id.is_(None)))
    assert [n.to_status for n in notes] == ["placed", "confirmed", "preparing", "ready_for_pickup", "completed"]


def test_expire_cancels_only_orders_past_their_window_and_is_safe_to_repeat(app, runner):
    rau, shop = stocked_variant()
    db.session.commit()
    late = place((rau, 2), outlet_obj=shop, payment="vietqr")
    fresh = place((rau, 1), outlet_obj=shop, payment="vietqr")
    paid = place((rau, 1), outlet_obj=shop, payment="vietqr")
    cash = place((rau, 1), outlet_obj=shop)
    for order in (late, paid):
        order.expires_at = utcnow() - timedelta(minutes=1)
    services.apply_payment_confirmed(order=paid)
    db.session.commit()
    result = runner.invoke(args=["orders", "expire"])
    assert result.exit_code == 0 and late.number in result.output
    assert runner.invoke(args=["orders", "expire"]).output.startswith("Expired 0")
    statuses = {o.number: reload(o).status for o in (late, fresh, paid, cash)}
    assert statuses == {late.number: "cancelled", fresh.number: "awaiting_payment", paid.number: "confirmed",
                        cash.number: "confirmed"}  # fmt: skip
    assert reload(late).cancel_reason == "Chưa nhận được thanh toán đúng hạn."
    assert figures(rau, shop) == (10, 3)


def test_stock_verify_reports_a_figure_that_differs_from_the_ledger(app, runner):
    rau, shop = stocked_variant(quantity=5)
    db.session.commit()
    place((rau, 1), outlet_obj=shop)
    ok = runner.invoke(args=["stock", "verify"])
    assert ok.exit_code == 0 and "matches" in ok.output
    record = db.session.scalar(select(StockRecord))
    db.session.execute(StockRecord.__table__.update().values(on_hand=4).where(StockRecord.id == record.id))
    db.session.commit()
    bad = runner.invoke(args=["stock", "verify"])
    assert bad.exit_code == 1
    assert f"stock record {record.id}" in bad.output and "on hand 4 vs ledger 5" in bad.output


def test_staff_cancel_needs_a_reason_and_is_audited(app):
    staff = factories.user(role="staff")
    rau, shop = stocked_variant()
    db.session.commit()
    order = place((rau, 1), outlet_obj=shop)
    with pytest.raises(services.OrderError):
        services.cancel_by_staff(order=order, actor=staff, reason=" ")
    db.session.rollback()
    services.cancel_by_staff(order=reload(order), actor=staff, reason="Người mua gọi điện hủy")
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.subject_id, event.reason) == ("order.cancel", order.id, "Người mua gọi điện hủy")
    assert figures(rau, shop) == (10, 0)
