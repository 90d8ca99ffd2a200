"""On PostgreSQL, 64 concurrent buyers (threads, each with its own connection) for the last 10 units."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from app import create_app
from app.config import TestConfig
from app.core.extensions import db
from app.orders import placement
from app.orders.cart import CartItem
from app.orders.models import Order
from app.outlets import stock
from app.outlets.models import StockRecord
from tests.conftest import ON_POSTGRES
from tests.orders.factories import details, stocked_variant

BUYERS = 64

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (TEST_DATABASE_URL)")]


class BuyerConfig(TestConfig):
    # Enough connections for half the buyers at once; the other half queue for one, as under load.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": 32, "max_overflow": 0, "pool_timeout": 120}


def at_once(count: int, act):
    """``act(n)`` in ``count`` threads released together, each with its own app context, request
    and database connection from a pool of its own; their answers, in order."""
    threads_app = create_app(BuyerConfig)
    start = threading.Barrier(count)

    def one(n: int):
        with threads_app.app_context(), threads_app.test_request_context():
            start.wait()
            try:
                return act(n)
            finally:
                db.session.remove()

    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(one, range(count), timeout=300))
    finally:
        with threads_app.app_context():
            db.engine.dispose()


@pytest.fixture
def last_ten(app):
    """A variant with its last 10 units at one outlet, and the pickup details for that outlet."""
    variant, shop = stocked_variant(quantity=10)
    db.session.commit()
    return variant, details(outlet_obj=shop)


def test_64_buyers_for_the_last_10_units_sell_exactly_10(last_ten):
    variant, chosen = last_ten
    item = CartItem(variant.id, 1, variant.price_vnd)

    def buy(n: int) -> str:
        try:
            placement.place_order(
                user=None, items=[item], details=chosen, idempotency_key=f"buyer-{n:03d}-concurrency",
                expected_total_vnd=variant.price_vnd,
            )  # fmt: skip
            return "sold"
        except placement.CheckoutError as exc:
            return exc.message

    results = at_once(BUYERS, buy)
    assert results.count("sold") == 10
    refusals = [r for r in results if r != "sold"]
    assert len(refusals) == BUYERS - 10
    assert all("không đủ hàng" in r and "thiếu 1" in r for r in refusals), refusals[:3]
    db.session.expire_all()
    record = db.session.scalar(select(StockRecord))
    assert (record.on_hand, record.reserved) == (10, 10)
    assert db.session.scalar(select(func.count(Order.id))) == 10
    assert stock.verify() == []


def test_the_same_order_pressed_8_times_at_once_is_placed_once(last_ten):
    variant, chosen = last_ten
    item = CartItem(variant.id, 2, variant.price_vnd)

    def click(_n: int) -> str:
        return placement.place_order(
            user=None, items=[item], details=chosen, idempotency_key="one-order-eight-clicks",
            expected_total_vnd=2 * variant.price_vnd, draft_store={},
        ).number  # fmt: skip

    numbers = at_once(8, click)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Order.id))) == 1
    assert set(numbers) == {db.session.scalar(select(Order.number))}
    assert db.session.scalar(select(StockRecord.reserved)) == 2
    assert stock.verify() == []
