from flask import Blueprint

bp = Blueprint("catalog", __name__)

from app.catalog import search_index, views  # noqa: E402,F401
