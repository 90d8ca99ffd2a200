"""Time helpers: every stored timestamp is timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC (evaluated at each call, never at import)."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """Attach UTC to a naive timestamp read back from SQLite."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
