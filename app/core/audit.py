"""The audit trail: who did what to which record, when and why. Rows are never changed or deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.timeutil import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column()
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict | None] = mapped_column(JSON)
    on_behalf: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    # Resolved by name: the ground floor imports no domain.
    actor = relationship("User")


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _audit_rows_are_final(mapper, connection, target) -> None:
    raise ValueError("Audit events are never changed or deleted.")


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
