"""Payments: VietQR bank transfers and their reconciliation, cash, Stripe Checkout, refunds.

Importing the package connects its receivers (app.core.signals): a payment row for each order
placed, the page where the shopper pays next, and expiry of unpaid orders.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("payments", __name__)

from app.payments import cancellation, panel, staff_views, views  # noqa: E402,F401
