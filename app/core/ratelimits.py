"""Rate-limit storage: Redis when configured, and each process's memory while Redis does not answer.

Flask-Limiter counts in Redis (``RATELIMIT_STORAGE_URI``, from ``REDIS_URL``) so that every app
server shares the counters. When Redis stops answering, sign-in and the API must keep working: the
limiter falls back to an in-memory store (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``), logs
"Rate limit storage unreachable - falling back to in-memory storage", and goes back to Redis by
itself once it answers again. Short socket timeouts keep a Redis that hangs from holding requests.

``limit_uploads`` puts the upload routes under ``UPLOAD_RATE_LIMIT``, counted per account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app
from flask.logging import default_handler
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.core.extensions import limiter

REDIS_SOCKET_TIMEOUT_SECONDS = 0.5


def configure_rate_limits(app: Flask) -> None:
    """Fill in the fallback and the Redis timeouts before ``limiter.init_app(app)``."""
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    uri = app.config.get("RATELIMIT_STORAGE_URI") or ""
    if uri.startswith(("redis://", "rediss://", "redis+")):
        options = {
            "socket_connect_timeout": REDIS_SOCKET_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_SOCKET_TIMEOUT_SECONDS,
        }
        app.config["RATELIMIT_STORAGE_OPTIONS"] = options | dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
    # Flask-Limiter logs the fall-back (and the recovery) on its own logger, which has no handler.
    limiter_log = logging.getLogger("flask-limiter")
    if default_handler not in limiter_log.handlers:
        limiter_log.addHandler(default_handler)
    limiter_log.setLevel(logging.INFO)


def account_or_address() -> str:
    """The rate-limit key of a request: the signed-in account (wherever it connects from), else the address."""
    if current_user.is_authenticated:
        return f"account:{current_user.id}"
    return get_remote_address()


def _upload_limit() -> str:
    return current_app.config["UPLOAD_RATE_LIMIT"]


def limit_uploads(view: Callable) -> Callable:
    """Bound the POSTs that carry uploads (applications, product photos): UPLOAD_RATE_LIMIT per account."""
    return limiter.limit(_upload_limit, key_func=account_or_address, methods=["POST"])(view)
