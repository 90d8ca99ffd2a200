"""WSGI entry point: `flask --app wsgi ...` and `gunicorn wsgi:app`."""

from app import create_app
from app.config import ConfigError

try:
    app = create_app()
except ConfigError as exc:
    raise SystemExit(f"Cannot start: {exc}") from None
