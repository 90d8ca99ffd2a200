"""A stand-in for app.orders.services, used only while that module is not in this tree.

It follows the agreed contract (apply_* functions that never commit, statuses through the
transition table, stock through the ledger) so payment tests can run before orders lands.
"""

from __future__ import annotations

from sqlalchemy import select

from app.core.extensions import db
from app.orders.models import Order, OrderLine
from app.orders.status import check_move
from app.outlets import stock
from app.outlets.models import StockRecord


def _move(order: Order, target: str) -> None:
    check_move(order.status, target)
    order.status = target
    for shipment in order.shipments:
        if shipment.status != target:
            shipment.status = target


def apply_payment_confirmed(*, order: Order, actor_id: int | None = None) -> None:
    _move(order, "confirmed")


def apply_cancel(*, order: Order, reason: str, actor_id: int | None = None) -> None:
    if order.status == "cancelled":
        return
    _move(order, "cancelled")
    order.cancel_reason = reason
    for line in order.lines:
        record = db.session.scalar(
            select(StockRecord).where(
                StockRecord.variant_id == line.variant_id, StockRecord.outlet_id == line.shipment.outlet_id
            )
        )
        stock.release(record, line.quantity, order_id=order.id, actor_id=actor_id)


def apply_refunded(*, order: Order, actor_id: int | None = None) -> None:
    _move(order, "refunded")


def apply_goods_returned(*, line: OrderLine, quantity: int, actor_id: int | None = None) -> None:
    record = stock.get_or_create_record(variant_id=line.variant_id, outlet_id=line.shipment.outlet_id)
    stock.return_goods(record, quantity, order_id=line.order_id, actor_id=actor_id)
