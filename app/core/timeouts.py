"""Bounded time for every SQL statement of a web request, so no single request can tie up a worker.

STATEMENT_TIMEOUT_MS (0 turns it off) bounds the statements run while a request is handled.
Commands (`flask db upgrade`, reports, the stock check, the demo seed) run outside a request and
take the time they need: building an index on a large table must not be stopped halfway.

PostgreSQL enforces ``statement_timeout`` itself: a connection handed out for a request gets
``SET statement_timeout`` (once; it keeps it until a command takes the connection, which sets
it back to 0). SQLite has no such setting: a progress handler, called every few thousand
virtual-machine steps, interrupts a statement that has run too long (SQLite then raises
"interrupted"). Both end as ``StatementTooSlow`` pages (503 with Retry-After).
"""

from __future__ import annotations

import time

from flask import current_app, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

PROGRESS_STEPS = 20_000  # SQLite VM instructions between two checks of the clock


def request_limit_ms() -> int:
    """The bound of the statements run now: STATEMENT_TIMEOUT_MS within a request, else 0 (none)."""
    if not has_request_context():
        return 0
    return max(0, int(current_app.config.get("STATEMENT_TIMEOUT_MS") or 0))


@event.listens_for(Engine, "connect")
def _sqlite_progress_handler(dbapi_connection, connection_record) -> None:
    if not hasattr(dbapi_connection, "set_progress_handler"):
        return
    started: dict[str, float] = {}
    connection_record.info["statement_started"] = started

    def too_long() -> int:
        since, limit = started.get("at"), started.get("limit")
        return 1 if since is not None and limit and time.monotonic() - since > limit else 0

    dbapi_connection.set_progress_handler(too_long, PROGRESS_STEPS)


@event.listens_for(Engine, "checkout")
def _postgres_statement_timeout(dbapi_connection, connection_record, connection_proxy) -> None:
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    limit = request_limit_ms()
    if connection_record.info.get("statement_timeout_ms") == limit:
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {limit:d}")
    dbapi_connection.commit()  # a setting made in a transaction that is rolled back would be undone
    connection_record.info["statement_timeout_ms"] = limit


@event.listens_for(Engine, "before_cursor_execute")
def _start_clock(conn, cursor, statement, parameters, context, executemany) -> None:
    started = conn.info.get("statement_started")
    if started is None:
        return
    limit = request_limit_ms() / 1000
    started["at"], started["limit"] = (time.monotonic(), limit) if limit else (None, None)


@event.listens_for(Engine, "after_cursor_execute")
def _stop_clock(conn, cursor, statement, parameters, context, executemany) -> None:
    started = conn.info.get("statement_started")
    if started is not None:
        started["at"] = None


def is_statement_timeout(error: BaseException) -> bool:
    """True for PostgreSQL's "canceling statement due to statement timeout" and SQLite's interrupt."""
    if not isinstance(error, OperationalError):
        return False
    text = str(getattr(error, "orig", error)).lower()
    return "statement timeout" in text or "interrupted" in text
