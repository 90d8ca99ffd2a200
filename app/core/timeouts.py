"""Bounded time for every SQL statement, so no single request can tie up a worker.

PostgreSQL enforces ``statement_timeout`` itself. SQLite has no such setting: a progress handler,
called every few thousand virtual-machine steps, interrupts a statement that has run too long
(SQLite then raises "interrupted"). Both end as ``StatementTooSlow`` pages (503 with Retry-After).
"""

from __future__ import annotations

import time

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

PROGRESS_STEPS = 20_000  # SQLite VM instructions between two checks of the clock


def bound_statement_time(app: Flask) -> None:
    """Apply STATEMENT_TIMEOUT_MS (0 turns it off) to the app's database engine."""
    limit_ms = int(app.config.get("STATEMENT_TIMEOUT_MS") or 0)
    if limit_ms <= 0:
        return
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("postgresql"):
        connect_args = dict(options.get("connect_args") or {})
        connect_args["options"] = f"{connect_args.get('options', '')} -c statement_timeout={limit_ms}".strip()
        options["connect_args"] = connect_args
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    elif uri.startswith("sqlite"):
        app.extensions["sqlite_statement_limit"] = limit_ms / 1000


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


@event.listens_for(Engine, "before_cursor_execute")
def _start_clock(conn, cursor, statement, parameters, context, executemany) -> None:
    started = conn.info.get("statement_started")
    if started is None:
        return
    limit = _sqlite_limit()
    started["at"], started["limit"] = (time.monotonic(), limit) if limit else (None, None)


@event.listens_for(Engine, "after_cursor_execute")
def _stop_clock(conn, cursor, statement, parameters, context, executemany) -> None:
    started = conn.info.get("statement_started")
    if started is not None:
        started["at"] = None


def _sqlite_limit() -> float | None:
    """The limit of the app in context (none outside one: a command-line task may take its time)."""
    return current_app.extensions.get("sqlite_statement_limit") if has_app_context() else None


def is_statement_timeout(error: BaseException) -> bool:
    """True for PostgreSQL's "canceling statement due to statement timeout" and SQLite's interrupt."""
    if not isinstance(error, OperationalError):
        return False
    text = str(getattr(error, "orig", error)).lower()
    return "statement timeout" in text or "interrupted" in text
