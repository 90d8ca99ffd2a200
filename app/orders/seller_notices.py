"""Sellers hear about their orders: when an order with her goods is paid, every member is told.

Payments announces ``payment_confirmed``; this receiver, in the orders layer below it, runs in
the same transaction, so a refused payment tells nobody anything.
"""

from __future__ import annotations

from flask_babel import ngettext

from app.core import signals
from app.orders.models import Order
from app.sellers.notices import path_for, tell_members


def tell_sellers_paid(order: Order, **_ignored) -> None:
    """Receiver of ``payment_confirmed``: each seller with goods in the order gets a notice."""
    units: dict[int, int] = {}
    for line in order.lines:
        units[line.seller_id] = units.get(line.seller_id, 0) + line.quantity
    tell_members(
        units,
        lambda seller_id: ngettext(
            "Order %(number)s is paid: %(num)s item of yours to prepare.",
            "Order %(number)s is paid: %(num)s items of yours to prepare.",
            units[seller_id],
            number=order.number,
        ),
        lambda seller_id: path_for("sellers.orders", seller_id=seller_id, state="paid"),
    )


signals.payment_confirmed.connect(tell_sellers_paid)
