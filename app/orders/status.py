"""The one transition table of order and shipment statuses; an illegal move raises."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.errors import DomainError

TRANSITIONS: dict[str, frozenset[str]] = {
    "placed": frozenset({"awaiting_payment", "confirmed", "cancelled"}),
    "awaiting_payment": frozenset({"confirmed", "cancelled"}),
    "confirmed": frozenset({"preparing", "cancelled", "refunded"}),
    "preparing": frozenset({"ready_for_pickup", "out_for_delivery", "cancelled", "refunded"}),
    "ready_for_pickup": frozenset({"completed", "cancelled", "refunded"}),
    "out_for_delivery": frozenset({"completed", "cancelled", "refunded"}),
    "completed": frozenset({"refunded"}),
    "cancelled": frozenset(),
    "refunded": frozenset(),
}

OPEN_STATUSES = frozenset(
    {"placed", "awaiting_payment", "confirmed", "preparing", "ready_for_pickup", "out_for_delivery"}
)
SHOPPER_CANCELLABLE = frozenset({"placed", "awaiting_payment", "confirmed"})


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
