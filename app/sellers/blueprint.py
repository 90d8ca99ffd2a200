from flask import Blueprint

bp = Blueprint("sellers", __name__)

from app.sellers import consign_views, product_views, views  # noqa: E402,F401
