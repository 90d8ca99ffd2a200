"""The seller's desk: her application, team, products and consignments (pages under /ban-hang)."""

from flask import Blueprint

bp = Blueprint("sellers", __name__)

from app.seller_desk import consign_views, product_views, views  # noqa: E402,F401
