"""Payments: VietQR bank transfers and their reconciliation, cash, Stripe Checkout, refunds."""

from __future__ import annotations

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
    app.extensions.setdefault("on_order_expired", []).append(services.apply_payment_expired)


from app.payments import staff_views, views  # noqa: E402,F401
