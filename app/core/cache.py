"""The catalog cache: Flask-Caching in this process's memory, or in Redis when REDIS_URL is set.

What is kept: anonymous visitors' catalog pages (with holes where a visitor's own parts go) and
API answers, each with the *catalog version* it was rendered under (app/core/page_cache.py). The
version is a random token kept in the same cache; any committed INSERT, UPDATE or DELETE on a
table the catalog shows (the domains name them with ``watch_tables``: products, variants, photos,
labels, categories, sellers, outlets, stock, reviews) puts a new token there, so every entry is
out of date at once. This is
seen at the database driver, so it catches every writer: the ORM, bulk updates, stock
reservations at checkout, imports, staff moderation and command-line tools.

Every entry lives at most ``CATALOG_CACHE_SECONDS`` (5 by default). With Redis every gunicorn
worker and server sees a new version at once; with the in-memory cache a worker cannot see
another worker's new version, so what another worker changed shows at the latest when the entry
expires. ``CACHE_TYPE=NullCache`` switches caching off (the tests' default).

A cache that stops answering (Redis down) is logged and treated as empty: pages are rendered
afresh, never refused.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Flask, current_app, has_app_context
from sqlalchemy import event

from app.core.extensions import cache, db
from app.core.memo import remembered

log = logging.getLogger(__name__)

VERSION_KEY = "catalog-version"
REDIS_SOCKET_TIMEOUT_SECONDS = 0.5
_WATCHED: set[str] = set()
_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE
)
_DIRTY = "catalog_written"


def watch_tables(*names: str) -> None:
    """Tables whose committed changes make every cached catalog page and answer out of date."""
    _WATCHED.update(names)


def watched_tables() -> frozenset[str]:
    return frozenset(_WATCHED)


def written_table(statement: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE statement writes (None for anything else)."""
    match = _WRITE.match(statement)
    return match.group(1).lower() if match else None


def enabled() -> bool:
    return current_app.config.get("CACHE_TYPE") not in (None, "", "NullCache", "null")


def configure_cache(app: Flask) -> None:
    """Choose the backend (Redis with REDIS_URL, else memory), bind Flask-Caching and watch writes."""
    config = app.config
    seconds = int(config.setdefault("CATALOG_CACHE_SECONDS", 5))
    config["CATALOG_CACHE_REFRESH_SECONDS"] = min(int(config.get("CATALOG_CACHE_REFRESH_SECONDS", 3)), seconds)
    config.setdefault("CATALOG_CACHE_WAIT_SECONDS", 2)
    config.setdefault("CACHE_DEFAULT_TIMEOUT", seconds)
    config.setdefault("CACHE_KEY_PREFIX", "cho:")
    if not config.get("CACHE_TYPE"):
        config["CACHE_TYPE"] = "RedisCache" if config.get("REDIS_URL") else "SimpleCache"
    if config["CACHE_TYPE"] == "RedisCache":
        config.setdefault("CACHE_REDIS_URL", config.get("REDIS_URL"))
        timeouts = dict.fromkeys(("socket_connect_timeout", "socket_timeout"), REDIS_SOCKET_TIMEOUT_SECONDS)
        config["CACHE_OPTIONS"] = timeouts | dict(config.get("CACHE_OPTIONS") or {})
    config.setdefault("CACHE_THRESHOLD", 2000)  # entries the in-memory cache holds before it prunes
    config.setdefault("CACHE_NO_NULL_WARNING", True)  # NullCache is how caching is switched off
    cache.init_app(app)
    with app.app_context():
        _watch_writes(db.engine)


def _watch_writes(engine) -> None:
    if event.contains(engine, "after_cursor_execute", _note_write):
        return
    event.listen(engine, "after_cursor_execute", _note_write)
    event.listen(engine, "commit", _on_commit)
    event.listen(engine, "rollback", _on_rollback)


def _note_write(conn, cursor, statement, parameters, context, executemany) -> None:
    table = written_table(statement)
    if table is not None and table in _WATCHED:
        conn.info[_DIRTY] = True


def _on_commit(conn) -> None:
    if conn.info.pop(_DIRTY, False):
        bump()


def _on_rollback(conn) -> None:
    conn.info.pop(_DIRTY, None)


def get(key: str):
    """The cached value, or None when absent, expired or the cache does not answer."""
    if not enabled():
        return None
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 — a cache that fails is an empty cache, never an error page
        log.warning("Cache unreachable while reading; rendering afresh", exc_info=True)
        return None


def put(key: str, value, timeout: int | None = None) -> None:
    """Keep a value for at most CATALOG_CACHE_SECONDS (or ``timeout``) seconds."""
    if not enabled():
        return
    try:
        cache.set(key, value, timeout=timeout or current_app.config["CATALOG_CACHE_SECONDS"])
    except Exception:  # noqa: BLE001
        log.warning("Cache unreachable while writing; the entry is not kept", exc_info=True)


def claim(key: str, seconds: int) -> bool:
    """Take a short lease on ``key`` (SET NX in Redis): True for the one asker who got it.

    A cache that does not answer grants every lease, so pages are rendered, never refused."""
    if not enabled():
        return True
    try:
        return bool(cache.add(key, 1, timeout=seconds))
    except Exception:  # noqa: BLE001
        log.warning("Cache unreachable while taking a lease", exc_info=True)
        return True


def release(key: str) -> None:
    """Give a lease back before it runs out."""
    if not enabled():
        return
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 — the lease runs out by itself
        log.warning("Cache unreachable while giving a lease back", exc_info=True)


FRESH, AGEING, EXPIRED = "fresh", "ageing", "expired"


def age_state(born: float) -> str:
    """How old a kept page or answer is, by the rule every layer of the catalog cache follows.

    FRESH: younger than CATALOG_CACHE_REFRESH_SECONDS, sent as it is. AGEING: one request renders
    it again while the others are still sent it. EXPIRED: CATALOG_CACHE_SECONDS old, never sent.
    """
    age = time.time() - born
    config = current_app.config
    if age < config["CATALOG_CACHE_REFRESH_SECONDS"]:
        return FRESH
    return AGEING if age < config["CATALOG_CACHE_SECONDS"] else EXPIRED


def catalog_version() -> str:
    """The token every cached catalog key starts with (read once per request)."""
    if not enabled():
        return "off"

    def read() -> str:
        try:
            token = cache.get(VERSION_KEY)
            if token is None:
                cache.add(VERSION_KEY, secrets.token_hex(8), timeout=0)
                token = cache.get(VERSION_KEY)
        except Exception:  # noqa: BLE001
            log.warning("Cache unreachable while reading the catalog version", exc_info=True)
            return "unreachable"
        return token or "unreachable"

    return remembered("catalog_version", read)


def bump() -> None:
    """A new catalog version: every page and answer cached so far stops being served."""
    if not has_app_context() or not enabled():
        return
    try:
        cache.set(VERSION_KEY, secrets.token_hex(8), timeout=0)
    except Exception:  # noqa: BLE001 — the write committed; entries still expire within seconds
        log.warning("Cache unreachable: the catalog version was not changed", exc_info=True)
