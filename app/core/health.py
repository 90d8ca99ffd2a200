"""``GET /healthz``: each dependency the shop needs, checked and reported, 200 when all answer, else 503.

- ``database``: ``SELECT 1`` on the configured database;
- ``replica`` (only when ``DATABASE_REPLICA_URL`` is set): the same on the read replica;
- ``redis`` (only when ``REDIS_URL`` is set): a PING with a short timeout. While Redis is away the
  rate limits fall back to each process's memory (and say so in the log), so pages keep working,
  but the answer is 503 so that monitoring sees the shop is not whole;
- ``storage``: the media folder (and the private documents folder) exist and can be written.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.core.extensions import db, limiter
from app.core.replica import replica_engine

OK, UNAVAILABLE = "ok", "unavailable"
REDIS_TIMEOUT_SECONDS = 1.0


def check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        db.session.rollback()
        return UNAVAILABLE
    return OK


def check_engine(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return UNAVAILABLE
    return OK


def check_redis(url: str) -> str:
    # redis-py (about 6 MB) loads only in a shop configured with Redis.
    import redis

    client = redis.Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, socket_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except (redis.RedisError, OSError):
        return UNAVAILABLE
    finally:
        client.close()
    return OK


def storage_roots(app: Flask) -> list[Path]:
    """The folders uploads are written to: public media and private documents."""
    private = app.config.get("PRIVATE_DOCUMENTS_ROOT") or str(Path(app.instance_path) / "private")
    return [Path(app.config["MEDIA_ROOT"]), Path(private)]


def check_storage(app: Flask) -> str:
    for root in storage_roots(app):
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return UNAVAILABLE
        if not os.access(root, os.W_OK | os.X_OK):
            return UNAVAILABLE
    return OK


def health_report(app: Flask) -> dict[str, str]:
    """{dependency: "ok" | "unavailable"} for every dependency this configuration uses."""
    checks = {"database": check_database()}
    if (replica := replica_engine(app)) is not None:
        checks["replica"] = check_engine(replica)
    if app.config.get("REDIS_URL"):
        checks["redis"] = check_redis(app.config["REDIS_URL"])
    checks["storage"] = check_storage(app)
    return checks


def register_health(app: Flask) -> None:
    @app.get("/healthz")
    @limiter.exempt
    def healthz():
        checks = health_report(current_app)
        healthy = all(state == OK for state in checks.values())
        response = jsonify(status=OK if healthy else UNAVAILABLE, checks=checks)
        response.status_code = 200 if healthy else 503
        response.headers["Cache-Control"] = "no-store"
        return response
