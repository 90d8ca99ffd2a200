"""Links to orders: signed links for guests and absolute URLs that work outside a request."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.core.urls import external_url
from app.orders.models import Order

SALT = "order-link"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def order_token(order: Order) -> str:
    """A signed token naming one order; it opens that order's page without an account."""
    return _serializer().dumps({"n": order.number, "k": order.idempotency_key[:8]})


def token_opens(order: Order, token: str | None) -> bool:
    """True when the token was signed by us for this very order."""
    if not token:
        return False
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return False
    return isinstance(data, dict) and data == {"n": order.number, "k": order.idempotency_key[:8]}


def order_link(order: Order) -> str:
    """The link a shopper follows from an email: signed for guests, plain for account holders."""
    if order.user_id is None:
        return external_url("orders.order_page", number=order.number, k=order_token(order))
    return external_url("orders.order_page", number=order.number)
