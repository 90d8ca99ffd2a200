"""Links to orders: signed links for guests and absolute URLs that work outside a request."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from app.core.timeutil import as_utc, utcnow
from app.core.urls import external_url
from app.orders.models import Order
from app.orders.status import OPEN_STATUSES

SALT = "order-link"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def order_token(order: Order) -> str:
    """A signed token naming one order; it opens that order's page without an account."""
    return _serializer().dumps({"n": order.number, "k": order.idempotency_key[:8]})


def link_expired(order: Order) -> bool:
    """A guest's links stop opening ORDER_LINK_DAYS_AFTER_CLOSE days after the order was closed."""
    if order.status in OPEN_STATUSES or order.closed_at is None:
        return False
    days = current_app.config["ORDER_LINK_DAYS_AFTER_CLOSE"]
    return as_utc(order.closed_at) + timedelta(days=days) < utcnow()


def token_opens(order: Order, token: str | None) -> bool:
    """True when the token was signed by us for this very order, and the link has not expired."""
    if not token or link_expired(order):
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
