"""Write the audit trail: who did what to which record, when and why. Never edited or deleted."""

from __future__ import annotations

from app.extensions import db
from app.staff.models import AuditEvent


def record(
    *,
    actor_id: int | None,
    action: str,
    subject_type: str,
    subject_id: int,
    reason: str | None = None,
    details: dict | None = None,
    on_behalf: bool = False,
) -> AuditEvent:
    """Add one audit row in the caller's transaction (the caller commits)."""
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        reason=reason,
        details=details,
        on_behalf=on_behalf,
    )
    db.session.add(event)
    return event
