from flask import Blueprint
from flask_login import current_user

bp = Blueprint("orders", __name__)


@bp.record_once
def _hooks(state) -> None:
    """The header's cart badge, the guest cart merge at login and the command-line tasks."""
    from app.orders import addresses, cart, cli

    app = state.app
    app.jinja_env.globals.update(ward_name=addresses.ward_name, province_name=addresses.province_name)
    app.extensions["cart_count"] = lambda: cart.count(current_user)
    app.extensions.setdefault("after_login", []).append(cart.merge_guest_cart)
    cli.register(app)


from app.orders import views  # noqa: E402,F401
