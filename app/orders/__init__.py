"""Orders: the cart, checkout and placement, the order's lifecycle and its shipments' fulfilment;
coming back (reorder, guest orders joining an account, favourites)."""

from flask import Blueprint

bp = Blueprint("orders", __name__)

# views attach the routes; guest_orders, favourites, privacy and seller_notices connect their signal receivers.
from app.orders import (  # noqa: E402,F401
    addresses,
    cli,
    favourites,
    guest_orders,
    privacy,
    seller_notices,
    shopper_views,
    views,
)


@bp.record_once
def _setup(state) -> None:
    """Place names for the templates and the command-line tasks."""
    app = state.app
    app.jinja_env.globals.update(ward_name=addresses.ward_name, province_name=addresses.province_name)
    cli.register(app)
