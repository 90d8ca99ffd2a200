"""Helpers shared by tests of several domains."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from app.core.extensions import db


@contextmanager
def recorded_queries() -> Iterator[list[str]]:
    """Collect the SQL statements sent to the database while the block runs."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def queries_for_page(client, url: str) -> int:
    """How many SQL statements one successful GET of ``url`` costs."""
    with recorded_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)
