"""The read-only JSON API under /api/v1, documented by an OpenAPI document built from the code."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import views  # noqa: E402,F401
