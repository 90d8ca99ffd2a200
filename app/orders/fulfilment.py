"""Outlet staff fulfil their shipments: prepare, ready for pickup or out for delivery, hand over."""

from __future__ import annotations

import re
import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from app.core import audit
from app.core.errors import FieldErrors, Forbidden, NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import Fulfilment, OrderStatus, PaymentMethod
from app.orders.models import Order, Shipment
from app.orders.notices import tell_shopper
from app.orders.services import lock_order, may_manage, move_shipment, roll_up
from app.outlets import stock
from app.outlets.models import OutletStaff

# Wrong pickup codes a shipment takes before it locks.
PICKUP_CODE_TRIES = 5


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


def normalise_code(raw: str | None) -> str:
    """The code as people read it out or type it: "810 211", "810-211", " 810211 " are all "810211"."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _record_try(shipment: Shipment, *, correct: bool, actor_id: int) -> None:
    audit.record(
        actor_id=actor_id, action="shipment.pickup_code_tried", subject_type="shipment", subject_id=shipment.id,
        details={"correct": correct, "wrong_so_far": shipment.code_attempts},
    )  # fmt: skip


def _refuse_wrong_code(shipment: Shipment, actor_id: int) -> None:
    """Count a wrong code (and lock the shipment at the last try), keep that on record, refuse."""
    shipment.code_attempts += 1
    _record_try(shipment, correct=False, actor_id=actor_id)
    locked = shipment.code_attempts >= PICKUP_CODE_TRIES
    if locked:
        shipment.code_locked_at = utcnow()
        audit.record(actor_id=actor_id, action="shipment.pickup_code_locked", subject_type="shipment",
                     subject_id=shipment.id, details={"wrong": shipment.code_attempts})  # fmt: skip
    db.session.commit()  # the count and the audit rows stay, whatever the answer
    if locked:
        raise HandOverError(locked_message(), field="pickup_code")
    left = PICKUP_CODE_TRIES - shipment.code_attempts
    raise HandOverError(
        _("The pickup code is not correct. Ask the shopper for the 6 digits (%(left)s tries left).", left=left),
        field="pickup_code",
    )


def locked_message() -> str:
    """What staff read at a locked shipment (in the current language)."""
    return _(
        "This shipment is locked after %(n)s wrong pickup codes. An outlet manager or union staff must unlock it.",
        n=PICKUP_CODE_TRIES,
    )


def _check_hand_over(shipment: Shipment, pickup_code: str, cash_confirmed: bool, actor_id: int) -> None:
    order: Order = shipment.order
    if shipment.status not in (OrderStatus.READY_FOR_PICKUP, OrderStatus.OUT_FOR_DELIVERY):
        raise HandOverError(_("This shipment is not ready to hand over."))
    if shipment.code_locked_at is not None:
        raise HandOverError(locked_message(), field="pickup_code")
    cash = order.payment_method == PaymentMethod.CASH
    if cash and not cash_confirmed:
        raise HandOverError(_("Confirm that you have received the cash."), field="cash_confirmed")
    code = normalise_code(pickup_code)
    needs_code = order.fulfilment == Fulfilment.PICKUP or not cash
    if not code:
        if needs_code:
            raise HandOverError(
                _("The pickup code is not correct. Ask the shopper for the 6 digits."), field="pickup_code"
            )
        return
    if not (len(code) == 6 and secrets.compare_digest(code, shipment.pickup_code)):
        _refuse_wrong_code(shipment, actor_id)
    _record_try(shipment, correct=True, actor_id=actor_id)


def hand_over(*, shipment_id: int, outlet_id: int, actor_id: int, pickup_code: str, cash_confirmed: bool) -> Shipment:
    """Hand the goods over: check the code (and cash), turn reserved units into sold, complete.

    Every code typed is audited; after PICKUP_CODE_TRIES wrong ones the shipment locks until an
    outlet manager or union staff unlocks it (``unlock_pickup_code``)."""
    shipment = shipment_of_outlet(shipment_id=shipment_id, outlet_id=outlet_id)
    _check_hand_over(shipment, pickup_code, cash_confirmed, actor_id)
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


def may_unlock(shipment: Shipment, user) -> bool:
    """Union staff, or a manager of the outlet holding the shipment."""
    if user.role == "staff":
        return True
    return (
        user.role == "outlet"
        and db.session.scalar(
            select(OutletStaff.id).where(
                OutletStaff.user_id == user.id, OutletStaff.outlet_id == shipment.outlet_id, OutletStaff.is_manager
            )
        )
        is not None
    )


def unlock_pickup_code(*, shipment_id: int, actor) -> Shipment:
    """Give a locked shipment its tries back (after checking who the shopper is); audited."""
    shipment = db.session.get(Shipment, shipment_id)
    if shipment is None or not may_manage(shipment.order, actor):
        raise NotFound(_("Shipment not found."))
    if not may_unlock(shipment, actor):
        raise Forbidden(_("Only an outlet manager or union staff can unlock a shipment."))
    lock_order(shipment.order)
    db.session.refresh(shipment)
    if shipment.code_locked_at is not None:
        audit.record(actor_id=actor.id, action="shipment.pickup_code_unlocked", subject_type="shipment",
                     subject_id=shipment.id, details={"wrong": shipment.code_attempts})  # fmt: skip
        shipment.code_locked_at, shipment.code_attempts = None, 0
    db.session.commit()
    return shipment
