"""Union back office: seller review, listing moderation and the audit trail."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from app.staff import category_views, order_views, outlet_views, people_views, views  # noqa: E402,F401
