from flask import Blueprint

bp = Blueprint("catalog", __name__)

from app.catalog import media, search_index, stock_alerts, views  # noqa: E402,F401  (media answers who may see a photo)
