"""Move a seller through the status table: audit row, in-site notices and emails (sent on commit)."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.services import notify
from app.core import audit, signals
from app.core.mail import Mail, queue_mail
from app.core.timeutil import utcnow
from app.core.urls import external_url
from app.sellers.models import Seller
from app.sellers.status import check_reason, target_of

DECISIONS = frozenset({"approve", "reject", "suspend", "reinstate"})


def apply_transition(
    seller: Seller, *, action: str, actor_id: int | None, reason: str | None = None, on_behalf: bool = False
) -> None:
    """Change the status in the caller's transaction; notices and emails go out when it commits."""
    target = target_of(seller.status, action)
    reason = check_reason(action, reason)
    previous = seller.status
    seller.status = target
    seller.status_reason = reason if action in ("reject", "suspend") else None
    if action == "submit":
        seller.submitted_at = utcnow()
    else:
        seller.decided_at = utcnow()
    audit.record(
        actor_id=actor_id,
        action=f"seller.{action}",
        subject_type="seller",
        subject_id=seller.id,
        reason=reason,
        details={"from": previous, "to": target},
        on_behalf=on_behalf,
    )
    if action in DECISIONS:
        _decision_notices(seller, action, reason)
    if action == "suspend":
        signals.seller_suspended.send(seller, actor_id=actor_id, reason=reason)


def _message(action: str, name: str, reason: str | None) -> tuple[str, str]:
    """(subject, body) of a decision, in the current locale."""
    subjects = {
        "approve": _("Your seller application for %(name)s is approved", name=name),
        "reject": _("Your seller application for %(name)s needs changes", name=name),
        "suspend": _("Sales of %(name)s are suspended", name=name),
        "reinstate": _("Sales of %(name)s are open again", name=name),
    }
    bodies = {
        "approve": _("You can now publish your products and consign goods to the outlets."),
        "reject": _("Please correct your application and send it again. Reason: %(reason)s", reason=reason),
        "suspend": _("Your products are hidden from the market for now. Reason: %(reason)s", reason=reason),
        "reinstate": _("Your products are shown on the market again. Note: %(reason)s", reason=reason),
    }
    return subjects[action], bodies[action]


def _decision_notices(seller: Seller, action: str, reason: str | None) -> None:
    link = url_for("sellers.overview", seller_id=seller.id)
    for member in seller.members:
        with force_locale(member.user.locale):
            subject, body = _message(action, seller.name, reason)
            notify(member.user_id, f"{subject}. {body}", link)
            queue_mail(
                Mail(
                    to=member.user.email,
                    subject=subject,
                    body=f"{body}\n\n{external_url('sellers.overview', seller_id=seller.id)}",
                )
            )
    if not seller.members and seller.email:
        with force_locale("vi"):
            subject, body = _message(action, seller.name, reason)
            queue_mail(Mail(to=seller.email, subject=subject, body=body))
