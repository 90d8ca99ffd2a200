"""Payments: VietQR bank transfers and their reconciliation, cash, Stripe Checkout, refunds."""

from __future__ import annotations

import click
from flask import Blueprint, Flask

bp = Blueprint("payments", __name__)


def init_payments(app: Flask) -> None:
    """Plug payments into checkout: the methods offered, the payment row, where to go next."""
    from app.payments import services

    if app.extensions.get("payment_methods") is services.payment_methods:
        return  # already plugged in (the factory and a test may both call this)
    app.extensions["payment_methods"] = services.payment_methods
    app.extensions.setdefault("on_order_placed", []).append(services.apply_create_payment)
    app.extensions["payment_next_url"] = services.next_url


@bp.cli.command("expire")
def expire_command() -> None:
    """Cancel orders whose time to pay has ended and release their stock (run every few minutes)."""
    from flask import current_app
    from flask_babel import force_locale

    from app.payments.services import expire_unpaid_orders

    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):  # no request to choose a language from
        click.echo(f"Orders expired: {expire_unpaid_orders()}")


from app.payments import staff_views, views  # noqa: E402,F401
