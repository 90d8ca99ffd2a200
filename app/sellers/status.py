"""The one transition table of seller statuses; an illegal move raises."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.errors import DomainError

# action -> (statuses it may start from, status it leads to)
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "rejected"}), "pending"),
    "approve": (frozenset({"pending"}), "approved"),
    "reject": (frozenset({"pending"}), "rejected"),
    "suspend": (frozenset({"approved"}), "suspended"),
    "reinstate": (frozenset({"suspended"}), "approved"),
}
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(target for sources, target in ACTIONS.values() if status in sources)
    for status in ("draft", "pending", "approved", "rejected", "suspended")
}
REASON_REQUIRED = frozenset({"reject", "suspend", "reinstate"})
STAFF_ACTIONS = ("approve", "reject", "suspend", "reinstate")
# The applicant may change the application only while it is hers to change.
EDITABLE = frozenset({"draft", "rejected"})


class IllegalSellerTransition(DomainError):
    code = "illegal_transition"
    status_code = 409


class ReasonRequired(DomainError):
    code = "reason_required"


def target_of(current: str, action: str) -> str:
    """The status ``action`` leads to from ``current``; raise when the table does not allow it."""
    if action not in ACTIONS:
        raise IllegalSellerTransition(_("Unknown action."))
    sources, target = ACTIONS[action]
    if current not in sources:
        raise IllegalSellerTransition(
            _("A seller cannot go from “%(current)s” to “%(target)s”.", current=current, target=target)
        )
    return target


def check_reason(action: str, reason: str | None) -> str | None:
    """The cleaned reason; raise when the action needs one and none was given."""
    cleaned = (reason or "").strip() or None
    if action in REASON_REQUIRED and not cleaned:
        raise ReasonRequired(_("Please write the reason: the seller will read it."))
    return cleaned


def allowed_actions(current: str) -> list[str]:
    """Staff actions the table allows from ``current``, in display order."""
    return [a for a in STAFF_ACTIONS if current in ACTIONS[a][0]]
