"""Orders: the cart, checkout and placement, the order's lifecycle and its shipments' fulfilment."""

from flask import Blueprint

bp = Blueprint("orders", __name__)

from app.orders import addresses, cli, seller_notices, views  # noqa: E402,F401  (views attach the routes)


@bp.record_once
def _setup(state) -> None:
    """Place names for the templates and the command-line tasks."""
    app = state.app
    app.jinja_env.globals.update(ward_name=addresses.ward_name, province_name=addresses.province_name)
    cli.register(app)
