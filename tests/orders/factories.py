"""Factories for orders tests: an outlet with stock, and orders placed through the real service."""

from __future__ import annotations

import secrets

from flask import current_app

from app.catalog.models import Variant
from app.core.extensions import db
from app.orders import placement
from app.orders.cart import CartItem
from app.orders.models import Order
from app.outlets.models import Outlet
from tests import factories

WARD = 25210  # Phường Đồng Xoài
OTHER_WARD = 26041  # Phường Trấn Biên


def stocked_variant(*, quantity: int = 10, price: int = 25000, outlet_obj: Outlet | None = None, **product_fields):
    """A buyable variant with ``quantity`` units at an outlet (created when not given)."""
    outlet_obj = outlet_obj or factories.outlet()
    variant = factories.product(price=price, **product_fields).variants[0]
    factories.stock(variant=variant, outlet_obj=outlet_obj, on_hand=quantity)
    return variant, outlet_obj


def details(
    *, fulfilment: str = "pickup", outlet_obj: Outlet | None = None, ward: int = WARD, payment: str = "cash"
) -> placement.CheckoutDetails:
    return placement.CheckoutDetails(
        contact_name="Nguyễn Thị Lan",
        contact_phone="0912345678",
        contact_email="lan@example.vn",
        fulfilment=fulfilment,
        payment_method=payment,
        pickup_outlet_id=outlet_obj.id if outlet_obj is not None and fulfilment == "pickup" else None,
        province_code=75 if fulfilment == "delivery" else None,
        ward_code=ward if fulfilment == "delivery" else None,
        street="12 Phú Riềng Đỏ" if fulfilment == "delivery" else None,
    )


def items(*pairs: tuple[Variant, int]) -> list[CartItem]:
    return [CartItem(v.id, q, v.price_vnd) for v, q in pairs]


def place(*pairs: tuple[Variant, int], user=None, locale: str = "vi", key: str | None = None, **detail_args) -> Order:
    """Place an order through the service, as the checkout does."""
    wanted = items(*pairs)
    chosen = details(**detail_args)
    with current_app.test_request_context():
        quote = placement.quote(items=wanted, details=chosen)
        return placement.place_order(
            user=user,
            items=wanted,
            details=chosen,
            idempotency_key=key or secrets.token_urlsafe(24),
            expected_total_vnd=quote.total_vnd,
            locale=locale,
        )


def reload(obj):
    db.session.expire_all()
    return db.session.get(type(obj), obj.id)
