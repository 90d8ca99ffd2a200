"""Read-heavy pages on a read replica.

When ``DATABASE_REPLICA_URL`` is set, the GET and HEAD requests of the blueprints named in
``REPLICA_BLUEPRINTS`` (the public catalog and the API) read through a second engine, made with
the primary's options and kept in ``app.extensions["replica"]``. Everything else reads the
primary, and every write goes to the primary whatever the page: a flush, an INSERT, UPDATE or
DELETE, and any statement that is not a plain SELECT.

A replica may lag its primary by a moment; the pages sent there show nothing a shopper has just
changed herself (carts, orders and accounts read the primary).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, has_request_context, request
from flask_sqlalchemy.session import Session
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Select

REPLICA = "replica"


class ReplicaSession(Session):
    """The session of every request: the primary, except reads of pages sent to the replica."""

    def get_bind(self, mapper: Any = None, clause: Any = None, bind: Any = None, **kwargs: Any):
        if bind is None and not self._flushing and isinstance(clause, Select) and _reads_from_replica():
            return current_app.extensions[REPLICA]
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def _reads_from_replica() -> bool:
    return has_request_context() and g.get("read_replica", False) and REPLICA in current_app.extensions


def replica_engine(app: Flask) -> Engine | None:
    """The replica's engine, when this configuration has one."""
    return app.extensions.get(REPLICA)


def register_replica_reads(app: Flask) -> None:
    """Make the replica's engine (the primary's options, statement timeout included) and mark the
    requests whose reads may go to it."""
    url = app.config.get("DATABASE_REPLICA_URL")
    if not url:
        return
    app.extensions[REPLICA] = create_engine(url, **(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}))
    blueprints = frozenset(app.config.get("REPLICA_BLUEPRINTS") or ())

    @app.before_request
    def read_from_replica() -> None:
        g.read_replica = request.method in ("GET", "HEAD") and request.blueprint in blueprints
