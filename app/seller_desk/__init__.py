"""The seller's desk: her application, team, products, orders, money, shop page and consignments
(pages under /ban-hang)."""

from flask import Blueprint, request
from flask_login import current_user

from app.core.extensions import db
from app.sellers.members import note_activity

bp = Blueprint("sellers", __name__)


@bp.after_request
def _remember_activity(response):
    """The owner sees when each member last used the seller's pages. Written after the page is made,
    in a transaction of its own: what the view left uncommitted is dropped first, as the end of the
    request would drop it anyway."""
    seller_id = (request.view_args or {}).get("seller_id")
    if seller_id and response.status_code < 400 and current_user.is_authenticated:
        user_id = current_user.id
        db.session.rollback()
        note_activity(user_id=user_id, seller_id=seller_id)
    return response


from app.seller_desk import (  # noqa: E402,F401
    consign_views,
    money_views,
    orders_views,
    product_views,
    shop_views,
    views,
)
