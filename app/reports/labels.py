"""Words for the codes the report groups by, in the current language (from app.core.vocab)."""

from __future__ import annotations

from app.core.vocab import OrderStatus, PaymentMethod, SellerKind

KIND_LABELS = SellerKind.labels()
ORDER_STATUS_LABELS = OrderStatus.labels()
PAYMENT_METHOD_LABELS = PaymentMethod.labels()

__all__ = ["KIND_LABELS", "ORDER_STATUS_LABELS", "PAYMENT_METHOD_LABELS"]
