"""Words for the codes the report groups by, in the current language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.sellers.choices import KIND_LABELS

ORDER_STATUS_LABELS = {
    "placed": _l("Placed"),
    "awaiting_payment": _l("Awaiting payment"),
    "confirmed": _l("Confirmed"),
    "preparing": _l("Preparing"),
    "ready_for_pickup": _l("Ready for pickup"),
    "out_for_delivery": _l("Out for delivery"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    "refunded": _l("Refunded"),
}
PAYMENT_METHOD_LABELS = {
    "cash": _l("Cash on pickup or delivery"),
    "vietqr": _l("VietQR bank transfer"),
    "stripe": _l("Card (Stripe)"),
}

__all__ = ["KIND_LABELS", "ORDER_STATUS_LABELS", "PAYMENT_METHOD_LABELS"]
