"""Read-side queries of orders: the order page, a shopper's orders, an outlet's shipments."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.core.errors import NotFound
from app.core.extensions import db
from app.core.validation import normalise_phone
from app.core.vocab import OrderStatus
from app.orders.models import Order, OrderNote, Shipment
from app.orders.status import OPEN_STATUSES

DASHBOARD_STATUSES = (
    OrderStatus.CONFIRMED,
    OrderStatus.PREPARING,
    OrderStatus.READY_FOR_PICKUP,
    OrderStatus.OUT_FOR_DELIVERY,
    OrderStatus.AWAITING_PAYMENT,
)


def order_by_number(number: str) -> Order:
    """An order with its shipments, outlets and lines loaded; unknown numbers are not found."""
    order = db.session.scalar(
        select(Order)
        .where(Order.number == number)
        .options(
            selectinload(Order.shipments).selectinload(Shipment.outlet),
            selectinload(Order.shipments).selectinload(Shipment.lines),
            selectinload(Order.pickup_outlet),
        )
    )
    if order is None:
        raise NotFound(_("Order not found."))
    return order


def notes_of(order: Order) -> list[OrderNote]:
    return list(db.session.scalars(select(OrderNote).where(OrderNote.order_id == order.id).order_by(OrderNote.id)))


def orders_of(user, page: int = 1):
    """A shopper's own orders, newest first, one page at a time."""
    stmt = (
        select(Order)
        .where(Order.user_id == user.id)
        .options(selectinload(Order.shipments))
        .order_by(Order.created_at.desc(), Order.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=20, error_out=False)


def outlet_shipments(outlet_id: int, status: str | None) -> list[Shipment]:
    """An outlet's shipments in one status (or every open one), oldest first."""
    wanted = (status,) if status in DASHBOARD_STATUSES else tuple(OPEN_STATUSES)
    stmt = (
        select(Shipment)
        .where(Shipment.outlet_id == outlet_id, Shipment.status.in_(wanted))
        .options(selectinload(Shipment.order), selectinload(Shipment.lines))
        .order_by(Shipment.created_at, Shipment.id)
        .limit(200)
    )
    return list(db.session.scalars(stmt))


def waiting_counts(outlet_id: int) -> dict[str, int]:
    """How many of the outlet's shipments wait in each open status."""
    rows = db.session.execute(
        select(Shipment.status, func.count(Shipment.id))
        .where(Shipment.outlet_id == outlet_id, Shipment.status.in_(OPEN_STATUSES))
        .group_by(Shipment.status)
    ).all()
    return dict(rows)


def shipment_page(shipment_id: int, outlet_id: int) -> Shipment:
    """One shipment of this outlet with its order and lines; another outlet's is not found."""
    shipment = db.session.scalar(
        select(Shipment)
        .where(Shipment.id == shipment_id, Shipment.outlet_id == outlet_id)
        .options(selectinload(Shipment.order), selectinload(Shipment.lines), selectinload(Shipment.outlet))
    )
    if shipment is None:
        raise NotFound(_("Shipment not found."))
    return shipment


def find_at_outlet(outlet_id: int, text: str, limit: int = 20) -> list[Shipment]:
    """This outlet's shipments whose pickup code, contact phone or order number is what the desk typed.

    The text is taken as people say it: "810 211" (a code), "0912 345 678" or "+84…" (a phone),
    "PN-26-000123", "26-000123" or "000123" (an order number, or its end)."""
    raw = (text or "").strip()[:40]
    digits = re.sub(r"\D", "", raw)
    clauses = []
    if len(digits) == 6:
        clauses.append(Shipment.pickup_code == digits)
    phone = normalise_phone(raw)
    if phone:
        clauses.append(Order.contact_phone == phone)
    number = re.sub(r"\s", "", raw).upper()
    if len(number) >= 4 and re.fullmatch(r"[A-Z0-9-]+", number):
        clauses.append(or_(Order.number == number, Order.number.endswith("-" + number.lstrip("-"))))
    if not clauses:
        return []
    stmt = (
        select(Shipment)
        .join(Shipment.order)
        .where(Shipment.outlet_id == outlet_id, or_(*clauses))
        .options(selectinload(Shipment.order), selectinload(Shipment.lines))
        .order_by(Shipment.created_at.desc(), Shipment.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
