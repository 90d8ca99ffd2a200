"""Outlet staff fulfil their shipments: prepare, ready for pickup or out for delivery, hand over."""

from __future__ import annotations

import secrets

from flask_babel import gettext as _

from app.core import audit
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import Fulfilment, OrderStatus, PaymentMethod
from app.orders.models import Order, Shipment
from app.orders.notices import tell_shopper
from app.orders.services import lock_order, move_shipment, roll_up
from app.outlets import stock


class HandOverError(FieldErrors):
    code = "hand_over"


def next_step(shipment: Shipment) -> str | None:
    """The status a button moves this shipment to, or None when hand-over (or nothing) is next."""
    if shipment.status == OrderStatus.CONFIRMED:
        return OrderStatus.PREPARING
    if shipment.status == OrderStatus.PREPARING:
        pickup = shipment.order.fulfilment == Fulfilment.PICKUP
        return OrderStatus.READY_FOR_PICKUP if pickup else OrderStatus.OUT_FOR_DELIVERY
    return None


def amount_due(shipment: Shipment) -> int:
    """What the shopper pays at hand-over for this shipment: its lines and its delivery fee."""
    return sum(line.line_total_vnd for line in shipment.lines) + shipment.delivery_fee_vnd


def shipment_of_outlet(*, shipment_id: int, outlet_id: int) -> Shipment:
    """A shipment of this outlet, locked with its order; anything else is not found."""
    shipment = db.session.get(Shipment, shipment_id)
    if shipment is None or shipment.outlet_id != outlet_id:
        raise NotFound(_("Shipment not found."))
    lock_order(shipment.order)
    db.session.refresh(shipment)
    return shipment


def advance(*, shipment_id: int, outlet_id: int, target: str, actor_id: int) -> Shipment:
    """Move a shipment one step (preparing, ready for pickup, out for delivery) and tell the shopper."""
    shipment = shipment_of_outlet(shipment_id=shipment_id, outlet_id=outlet_id)
    if target != next_step(shipment):
        raise HandOverError(_("This shipment cannot move to that step now. Reload the page."))
    move_shipment(shipment, target, actor_id=actor_id)
    roll_up(shipment.order, actor_id=actor_id)
    audit.record(actor_id=actor_id, action=f"shipment.{target}", subject_type="shipment", subject_id=shipment.id)
    if target in (OrderStatus.READY_FOR_PICKUP, OrderStatus.OUT_FOR_DELIVERY):
        tell_shopper(target, shipment.order, shipment)
    db.session.commit()
    return shipment


def _check_hand_over(shipment: Shipment, pickup_code: str, cash_confirmed: bool) -> None:
    order: Order = shipment.order
    if shipment.status not in (OrderStatus.READY_FOR_PICKUP, OrderStatus.OUT_FOR_DELIVERY):
        raise HandOverError(_("This shipment is not ready to hand over."))
    code = (pickup_code or "").strip()
    code_ok = len(code) == 6 and secrets.compare_digest(code, shipment.pickup_code)
    cash = order.payment_method == PaymentMethod.CASH
    needs_code = order.fulfilment == Fulfilment.PICKUP or not cash
    if needs_code and not code_ok:
        raise HandOverError(_("The pickup code is not correct. Ask the shopper for the 6 digits."), field="pickup_code")
    if code and not code_ok:
        raise HandOverError(_("The pickup code is not correct. Ask the shopper for the 6 digits."), field="pickup_code")
    if cash and not cash_confirmed:
        raise HandOverError(_("Confirm that you have received the cash."), field="cash_confirmed")


def hand_over(*, shipment_id: int, outlet_id: int, actor_id: int, pickup_code: str, cash_confirmed: bool) -> Shipment:
    """Hand the goods over: check the code (and cash), turn reserved units into sold, complete."""
    shipment = shipment_of_outlet(shipment_id=shipment_id, outlet_id=outlet_id)
    _check_hand_over(shipment, pickup_code, cash_confirmed)
    order = shipment.order
    records = stock.lock_records([(line.variant_id, shipment.outlet_id) for line in shipment.lines])
    for line in shipment.lines:
        stock.sell(records[(line.variant_id, shipment.outlet_id)], line.quantity, order_id=order.id, actor_id=actor_id)
    if order.payment_method == PaymentMethod.CASH:
        shipment.cash_received_vnd = amount_due(shipment)
    shipment.completed_at = utcnow()
    move_shipment(shipment, OrderStatus.COMPLETED, actor_id=actor_id)
    roll_up(order, actor_id=actor_id)
    audit.record(
        actor_id=actor_id, action="shipment.handed_over", subject_type="shipment", subject_id=shipment.id,
        details={"cash_received_vnd": shipment.cash_received_vnd},
    )  # fmt: skip
    tell_shopper(OrderStatus.COMPLETED, order, shipment)
    db.session.commit()
    return shipment
