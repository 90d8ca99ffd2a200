"""Rate-limit storage: Redis when configured, and each process's memory while Redis does not answer.

Flask-Limiter counts in Redis (``RATELIMIT_STORAGE_URI``, from ``REDIS_URL``) so that every app
server shares the counters. When Redis stops answering, sign-in and the API must keep working: the
limiter falls back to an in-memory store (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``), logs
"Rate limit storage unreachable - falling back to in-memory storage", and goes back to Redis by
itself once it answers again. Short socket timeouts keep a Redis that hangs from holding requests.
"""

from __future__ import annotations

import logging

from flask import Flask
from flask.logging import default_handler

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
