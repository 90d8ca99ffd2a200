"""Reading the audit trail with filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core.audit import AuditEvent
from app.core.extensions import db

PER_PAGE = 50
SUBJECT_TYPES = ("seller", "product", "order", "consignment")


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    subject_type: str | None = None
    subject_id: int | None = None
    actor_email: str | None = None
    actor_id: int | None = None
    kind: str | None = None
    on_behalf: bool = False
    since: date | None = None
    until: date | None = None


def audit_events(filters: AuditFilters, *, page: int = 1):
    """Audit rows matching the filters, newest first."""
    return db.paginate(audit_query(filters), page=page, per_page=PER_PAGE, error_out=False)


def audit_query(filters: AuditFilters):
    """The statement behind the trail's page and its CSV."""
    stmt = select(AuditEvent).options(selectinload(AuditEvent.actor))
    if filters.kind:
        stmt = stmt.where(AuditEvent.action.like(f"{filters.kind}.%"))
    if filters.actor_id:
        stmt = stmt.where(AuditEvent.actor_id == filters.actor_id)
    if filters.action:
        stmt = stmt.where(AuditEvent.action == filters.action)
    if filters.subject_type:
        stmt = stmt.where(AuditEvent.subject_type == filters.subject_type)
    if filters.subject_id:
        stmt = stmt.where(AuditEvent.subject_id == filters.subject_id)
    if filters.actor_email:
        stmt = stmt.join(User, AuditEvent.actor_id == User.id).where(User.email == filters.actor_email.lower())
    if filters.on_behalf:
        stmt = stmt.where(AuditEvent.on_behalf.is_(True))
    if filters.since:
        stmt = stmt.where(AuditEvent.created_at >= datetime.combine(filters.since, time.min, UTC))
    if filters.until:
        stmt = stmt.where(AuditEvent.created_at < datetime.combine(filters.until + timedelta(days=1), time.min, UTC))
    return stmt.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())


def actors() -> list[tuple[int, str]]:
    """(id, name) of everyone who appears in the trail, for the person filter."""
    stmt = select(User.id, User.full_name, User.email).where(User.id.in_(select(AuditEvent.actor_id).distinct()))
    return [(i, f"{name} ({email})") for i, name, email in db.session.execute(stmt.order_by(User.full_name))]


def known_actions() -> list[str]:
    """Every action name that appears in the trail, for the filter list."""
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
