"""Orders as the shops leave them (handed over, cancelled, still open), built row by row for reports."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from sqlalchemy import select

from app.accounts.models import User
from app.catalog.models import Variant
from app.core.extensions import db
from app.orders.models import Order, Shipment
from app.outlets.models import Outlet
from app.payments.models import Payment, Refund
from tests import factories

_seq = itertools.count(1)
MIDYEAR = datetime(2025, 6, 15, 3, 0, tzinfo=UTC)


def order(
    *lines: tuple[Variant, int],
    outlet_obj: Outlet,
    status: str = "completed",
    method: str = "cash",
    created_at: datetime = MIDYEAR,
    completed_at: datetime | None = MIDYEAR,
    user: User | None = None,
) -> Order:
    """An order with one shipment at ``outlet_obj`` holding ``lines``; completed ones carry completed_at."""
    n = next(_seq)
    subtotal = sum(v.price_vnd * q for v, q in lines)
    obj = Order(
        number=f"BC{n:06d}",
        idempotency_key=f"report-{n}",
        user_id=user.id if user else None,
        contact_name="Nguyễn Thị Lan",
        contact_phone="0912345678",
        contact_email="lan@example.vn",
        fulfilment="pickup",
        pickup_outlet_id=outlet_obj.id,
        subtotal_vnd=subtotal,
        total_vnd=subtotal,
        status=status,
        payment_method=method,
        created_at=created_at,
    )
    shipment = Shipment(
        order=obj,
        outlet_id=outlet_obj.id,
        status=status,
        pickup_code=f"{n:06d}",
        completed_at=completed_at if status in ("completed", "refunded") else None,
    )
    db.session.add_all([obj, shipment])
    for variant, quantity in lines:
        factories.order_line(order_obj=obj, shipment=shipment, variant=variant, quantity=quantity)
    db.session.flush()
    return obj


def refund(order_obj: Order, *, amount: int, status: str = "succeeded", created_at: datetime = MIDYEAR) -> Refund:
    """A refund on the order's (paid) payment."""
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order_obj.id))
    if payment is None:
        payment = Payment(
            order_id=order_obj.id,
            method=order_obj.payment_method,
            amount_vnd=order_obj.total_vnd,
            paid_vnd=order_obj.total_vnd,
            status="paid",
        )
        db.session.add(payment)
        db.session.flush()
    obj = Refund(
        payment_id=payment.id,
        amount_vnd=amount,
        reason="Hàng dập",
        status=status,
        idempotency_key=f"refund-{next(_seq)}",
        created_at=created_at,
    )
    db.session.add(obj)
    db.session.flush()
    return obj
