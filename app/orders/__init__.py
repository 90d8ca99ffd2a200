"""Orders: the cart, checkout and placement, the order's lifecycle and its shipments' fulfilment;
coming back (reorder, guest orders joining an account, favourites)."""

from flask import Blueprint

bp = Blueprint("orders", __name__)

# views attach the routes; guest_orders, favourites and privacy connect their signal receivers.
from app.orders import addresses, cli, favourites, guest_orders, privacy, shopper_views, views  # noqa: E402,F401


@bp.record_once
def _setup(state) -> None:
    """Place names for the templates and the command-line tasks."""
    app = state.app
    app.jinja_env.globals.update(ward_name=addresses.ward_name, province_name=addresses.province_name)
    cli.register(app)
