"""What happens to an order after placement: payment, cancellation, expiry, refunds and returns.

`apply_*` functions run inside the caller's transaction (payments calls them) and never commit;
the other services own their transaction and commit once. Every status move goes through the
transition table and leaves an OrderNote; every stock change goes through the ledger.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core import audit, signals
from app.core.errors import Conflict, DomainError, NotFound
from app.core.extensions import db
from app.core.timeutil import as_utc, utcnow
from app.core.vocab import OrderStatus
from app.orders.models import Order, OrderLine, OrderNote, Shipment
from app.orders.notices import tell_shopper
from app.orders.status import OPEN_STATUSES, SHOPPER_CANCELLABLE, check_move
from app.outlets import stock
from app.outlets.models import OutletStaff, StockMovement

PROGRESS = {
    OrderStatus.CONFIRMED: 0,
    OrderStatus.PREPARING: 1,
    OrderStatus.READY_FOR_PICKUP: 2,
    OrderStatus.OUT_FOR_DELIVERY: 2,
    OrderStatus.COMPLETED: 3,
}


class OrderError(DomainError):
    code = "order"


def lock_order(order: Order) -> Order:
    """Re-read the order under a row lock so two changes to it run one after the other."""
    db.session.scalars(
        select(Order).where(Order.id == order.id).with_for_update().execution_options(populate_existing=True)
    ).one()
    return order


def move_order(order: Order, target: str, *, actor_id: int | None, note: str = "") -> None:
    check_move(order.status, target)
    db.session.add(
        OrderNote(order_id=order.id, from_status=order.status, to_status=target, actor_id=actor_id, note=note)
    )
    order.status = target
    if target not in OPEN_STATUSES:
        order.closed_at = utcnow()  # a guest's links stop opening some time after this


def move_shipment(shipment: Shipment, target: str, *, actor_id: int | None, note: str = "") -> None:
    check_move(shipment.status, target)
    db.session.add(
        OrderNote(
            order_id=shipment.order_id, shipment_id=shipment.id, from_status=shipment.status,
            to_status=target, actor_id=actor_id, note=note,
        )
    )  # fmt: skip
    shipment.status = target


def roll_up(order: Order, *, actor_id: int | None) -> None:
    """The order follows its least advanced shipment (preparing while any shipment is)."""
    least = min((s.status for s in order.shipments), key=lambda st: PROGRESS.get(st, -1))
    if least in PROGRESS and least != order.status:
        move_order(order, least, actor_id=actor_id)


def _release_held(order: Order, *, actor_id: int | None, note: str) -> None:
    """Give back every reservation still held by the order's open shipments."""
    held = [s for s in order.shipments if s.status in OPEN_STATUSES]
    records = stock.lock_records([(li.variant_id, s.outlet_id) for s in held for li in s.lines])
    for shipment in held:
        for line in shipment.lines:
            record = records[(line.variant_id, shipment.outlet_id)]
            stock.release(record, line.quantity, order_id=order.id, actor_id=actor_id, note=note)


def apply_payment_confirmed(*, order: Order, actor_id: int | None = None) -> None:
    """The payment arrived: the order and its shipments are confirmed (repeat calls do nothing)."""
    lock_order(order)
    if order.status == OrderStatus.CONFIRMED:
        return
    move_order(order, "confirmed", actor_id=actor_id, note=_("Payment confirmed"))
    order.expires_at = None
    for shipment in order.shipments:
        if shipment.status != OrderStatus.CONFIRMED:
            move_shipment(shipment, OrderStatus.CONFIRMED, actor_id=actor_id)
    tell_shopper(OrderStatus.CONFIRMED, order)


def apply_cancel(*, order: Order, reason: str, actor_id: int | None = None) -> None:
    """Cancel the order and release its reservations through the ledger (repeat calls do nothing)."""
    lock_order(order)
    if order.status == OrderStatus.CANCELLED:
        return
    if any(s.completed_at is not None for s in order.shipments):
        raise Conflict(_("Part of this order has already been handed over; it can only be refunded."))
    check_move(order.status, OrderStatus.CANCELLED)
    _release_held(order, actor_id=actor_id, note=reason[:255])
    for shipment in order.shipments:
        move_shipment(shipment, OrderStatus.CANCELLED, actor_id=actor_id)
    order.cancel_reason = reason
    order.expires_at = None
    move_order(order, OrderStatus.CANCELLED, actor_id=actor_id, note=reason)
    signals.order_cancelled.send(order, actor_id=actor_id, reason=reason)  # payments closes what waits for money
    tell_shopper(OrderStatus.CANCELLED, order)


def apply_refunded(*, order: Order, actor_id: int | None = None) -> None:
    """The money went back: the order is refunded and any reservation still held is released."""
    lock_order(order)
    if order.status == OrderStatus.REFUNDED:
        return
    check_move(order.status, OrderStatus.REFUNDED)
    _release_held(order, actor_id=actor_id, note="refund")
    for shipment in order.shipments:
        move_shipment(shipment, OrderStatus.REFUNDED, actor_id=actor_id)
    move_order(order, "refunded", actor_id=actor_id, note=_("Refunded"))


def apply_goods_returned(*, line: OrderLine, quantity: int, actor_id: int | None = None) -> None:
    """Sold goods brought back: they go back on the shelf of the outlet that handed them over."""
    shipment = line.shipment
    if shipment.completed_at is None:
        raise OrderError(_("Only goods that were handed over can be returned."))
    if not isinstance(quantity, int) or quantity < 1:
        raise OrderError(_("Enter a quantity of at least 1."))
    record = stock.lock_records([(line.variant_id, shipment.outlet_id)])[(line.variant_id, shipment.outlet_id)]
    returned = db.session.scalar(
        select(func.coalesce(func.sum(StockMovement.on_hand_delta), 0)).where(
            StockMovement.stock_record_id == record.id,
            StockMovement.order_id == line.order_id,
            StockMovement.kind == "returned",
        )
    )
    if returned + quantity > line.quantity:
        raise OrderError(_("At most %(n)s more can be returned for this line.", n=line.quantity - returned))
    note = f"{quantity} × {line.product_name} ({line.variant_label})"
    stock.return_goods(record, quantity, order_id=line.order_id, actor_id=actor_id, note=note[:255])
    db.session.add(
        OrderNote(
            order_id=line.order_id, shipment_id=shipment.id, from_status=shipment.status,
            to_status=shipment.status, actor_id=actor_id, note=_("Returned to the outlet: %(what)s", what=note),
        )
    )  # fmt: skip


def cancel_by_shopper(*, order: Order) -> None:
    """The shopper cancels before the outlet starts preparing."""
    lock_order(order)
    statuses = {order.status, *(s.status for s in order.shipments)}
    if any(s.completed_at is not None for s in order.shipments):
        raise Conflict(
            _("This order has already been handed over, so it cannot be cancelled. Ask the outlet about a return.")
        )
    if not statuses <= SHOPPER_CANCELLABLE:
        raise Conflict(_("The outlet has started preparing this order; please call the outlet to cancel it."))
    with force_locale(order.locale):
        reason = _("Cancelled by the shopper")
    apply_cancel(order=order, reason=reason, actor_id=order.user_id)
    db.session.commit()
    signals.order_cancel_committed.send(order, actor_id=order.user_id)  # payments sends card refunds now


def may_manage(order: Order, user) -> bool:
    """Union staff manage any order; outlet staff the orders with a shipment at their outlet."""
    if user.role == "staff":
        return True
    outlet_id = db.session.scalar(select(OutletStaff.outlet_id).where(OutletStaff.user_id == user.id))
    return user.role == "outlet" and outlet_id in {s.outlet_id for s in order.shipments}


def cancel_by_staff(*, order: Order, actor, reason: str) -> None:
    """Staff cancel an order with a reason; the audit trail records it."""
    if not may_manage(order, actor):
        raise NotFound(_("Order not found."))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise OrderError(_("Write the reason for cancelling (at least 5 characters)."))
    apply_cancel(order=order, reason=reason, actor_id=actor.id)
    audit.record(actor_id=actor.id, action="order.cancel", subject_type="order", subject_id=order.id, reason=reason)
    db.session.commit()
    signals.order_cancel_committed.send(order, actor_id=actor.id)  # payments sends card refunds now


def expire_unpaid() -> list[str]:
    """Cancel orders whose payment window has passed; safe to run often and in parallel."""
    now = utcnow()
    due = db.session.scalars(
        select(Order.id).where(Order.status == OrderStatus.AWAITING_PAYMENT, Order.expires_at <= now).order_by(Order.id)
    ).all()
    expired = []
    for order_id in due:
        order = db.session.get(Order, order_id)
        lock_order(order)
        if order.status != OrderStatus.AWAITING_PAYMENT or as_utc(order.expires_at) > now:
            db.session.rollback()  # paid or changed meanwhile
            continue
        with force_locale(order.locale):
            reason = _("The payment was not received in time.")
        signals.order_expired.send(order)  # payments marks the pending payment expired, same transaction
        apply_cancel(order=order, reason=reason)
        db.session.commit()
        expired.append(order.number)
    return expired


def _on_payment_confirmed(order: Order, *, actor_id: int | None = None, **_ignored) -> None:
    apply_payment_confirmed(order=order, actor_id=actor_id)


signals.payment_confirmed.connect(_on_payment_confirmed)
