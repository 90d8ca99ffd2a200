"""Reviews test data: orders a shopper received (or not yet), and reviews written through the service."""

from __future__ import annotations

from flask import current_app

from app.core.extensions import db
from app.core.vocab import OrderStatus
from app.orders.models import Order, OrderLine
from app.reviews import services
from tests.orders.factories import place, stocked_variant


def bought(user, *, received: bool = True, variant=None, outlet_obj=None, quantity: int = 1) -> OrderLine:
    """One order line of ``user``'s, its shipment handed over when ``received``."""
    if variant is None:
        variant, outlet_obj = stocked_variant(quantity=50)
        db.session.commit()
    order: Order = place((variant, quantity), user=user, outlet_obj=outlet_obj)
    if received:
        for shipment in order.shipments:
            shipment.status = OrderStatus.COMPLETED
        order.status = OrderStatus.COMPLETED
        db.session.commit()
    return order.lines[0]


def review(user, line: OrderLine, stars: int, text: str = "", photos=()):
    with current_app.test_request_context():
        return services.write_review(
            user=user, line_id=line.id, data=services.ReviewInput(stars=stars, text=text, photos=tuple(photos))
        )
