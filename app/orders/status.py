"""The one transition table of order and shipment statuses; an illegal move raises."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.errors import DomainError
from app.core.vocab import OrderStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.PLACED: frozenset({OrderStatus.AWAITING_PAYMENT, OrderStatus.CONFIRMED, OrderStatus.CANCELLED}),
    OrderStatus.AWAITING_PAYMENT: frozenset({OrderStatus.CONFIRMED, OrderStatus.CANCELLED}),
    OrderStatus.CONFIRMED: frozenset({OrderStatus.PREPARING, OrderStatus.CANCELLED, OrderStatus.REFUNDED}),
    OrderStatus.PREPARING: frozenset(
        {OrderStatus.READY_FOR_PICKUP, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.CANCELLED, OrderStatus.REFUNDED}
    ),
    OrderStatus.READY_FOR_PICKUP: frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}),
    OrderStatus.OUT_FOR_DELIVERY: frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}),
    OrderStatus.COMPLETED: frozenset({OrderStatus.REFUNDED}),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
}

OPEN_STATUSES = frozenset(
    {
        OrderStatus.PLACED,
        OrderStatus.AWAITING_PAYMENT,
        OrderStatus.CONFIRMED,
        OrderStatus.PREPARING,
        OrderStatus.READY_FOR_PICKUP,
        OrderStatus.OUT_FOR_DELIVERY,
    }
)
SHOPPER_CANCELLABLE = frozenset({OrderStatus.PLACED, OrderStatus.AWAITING_PAYMENT, OrderStatus.CONFIRMED})


class IllegalTransition(DomainError):
    code = "illegal_transition"
    status_code = 409


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_move(current: str, target: str) -> None:
    """Raise IllegalTransition unless the table allows current → target."""
    if not can_move(current, target):
        raise IllegalTransition(
            _("This order cannot move from “%(current)s” to “%(target)s”.", current=current, target=target)
        )
