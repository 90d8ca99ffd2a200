"""Orders as the orders domain leaves them after placement, built directly for payment tests."""

from __future__ import annotations

import itertools
from datetime import timedelta

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.orders.models import Order, Shipment
from app.outlets import stock
from app.payments.services import apply_create_payment
from tests import factories

_seq = itertools.count(1)


def order(
    *,
    method: str = "vietqr",
    prices: tuple[int, ...] = (150000,),
    quantity: int = 2,
    delivery_fee: int = 0,
    sellers: list | None = None,
    user=None,
    outlet_obj=None,
    window_minutes: int = 1440,
) -> Order:
    """A placed order with reserved stock and its payment row, committed."""
    n = next(_seq)
    outlet_obj = outlet_obj or factories.outlet()
    subtotal = sum(p * quantity for p in prices)
    awaiting = method in ("vietqr", "stripe")
    obj = Order(
        number=f"DH{n:05d}X",
        idempotency_key=f"key-{n}-{id(outlet_obj)}",
        user_id=user.id if user else None,
        contact_name="Nguyễn Thị Lan",
        contact_phone="0912345678",
        contact_email="lan@example.vn",
        fulfilment="pickup",
        pickup_outlet_id=outlet_obj.id,
        subtotal_vnd=subtotal,
        delivery_fee_vnd=delivery_fee,
        total_vnd=subtotal + delivery_fee,
        status="awaiting_payment" if awaiting else "confirmed",
        payment_method=method,
        expires_at=utcnow() + timedelta(minutes=window_minutes) if awaiting else None,
    )
    db.session.add(obj)
    shipment = Shipment(order=obj, outlet_id=outlet_obj.id, status=obj.status, pickup_code=f"{n:06d}"[-6:])
    shipment.delivery_fee_vnd = delivery_fee
    db.session.add(shipment)
    db.session.flush()
    for i, price in enumerate(prices):
        seller_obj = sellers[i % len(sellers)] if sellers else None
        product = factories.product(price=price, seller_obj=seller_obj, name=f"Yến sào {n}-{i}")
        variant = product.variants[0]
        record = factories.stock(variant=variant, outlet_obj=outlet_obj, on_hand=10)
        stock.reserve(record, quantity, order_id=obj.id)
        factories.order_line(order_obj=obj, shipment=shipment, variant=variant, quantity=quantity, price=price)
    db.session.flush()
    apply_create_payment(obj)
    db.session.commit()
    return obj
