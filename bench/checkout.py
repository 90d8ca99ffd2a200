"""Checkout benchmark: orders per second on PostgreSQL with concurrent buyers, then the oversell check.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1/bench_db \\
        .venv/bin/python bench/checkout.py --buyers 16 --orders 400 --runs 3

The database named by BENCH_DATABASE_URL is emptied and filled with benchmark data: use a
scratch database. Each run places ``--orders`` orders of 1–3 lines from ``--buyers`` threads
(each with its own connection), through the same service the checkout page calls. After the
runs, ``--buyers`` buyers race for the last 10 units of one variant, and the ledger is checked.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig, database_url  # noqa: E402
from app.core.extensions import db  # noqa: E402
from app.orders import placement  # noqa: E402
from app.orders.cart import CartItem  # noqa: E402
from app.orders.models import Order  # noqa: E402
from app.outlets import stock  # noqa: E402
from app.outlets.models import StockRecord  # noqa: E402
from tests import factories  # noqa: E402

VARIANTS = 40


def make_app(buyers: int):
    url = database_url(os.environ.get("BENCH_DATABASE_URL", ""))
    if not url or not url.startswith("postgresql"):
        raise SystemExit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database.")

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": buyers, "max_overflow": 0, "pool_timeout": 120}
        MAIL_BACKEND = "memory"

    return create_app(BenchConfig)


def seed(units: int) -> tuple[list, list]:
    """Three outlets holding ``units`` of each of VARIANTS variants."""
    db.drop_all()
    db.create_all()
    outlets = [factories.outlet(name=f"Cửa hàng {i}") for i in range(3)]
    variants = []
    for i in range(VARIANTS):
        variant = factories.product(name=f"Sản phẩm {i}", price=10000 + 1000 * i).variants[0]
        for shop in outlets:
            factories.stock(variant=variant, outlet_obj=shop, on_hand=units)
        variants.append((variant.id, variant.price_vnd))
    db.session.commit()
    return [o.id for o in outlets], variants


def place_one(outlet_id: int, lines: list[tuple[int, int, int]]) -> bool:
    items = [CartItem(v, q, p) for v, q, p in lines]
    try:
        placement.place_order(
            user=None,
            items=items,
            details=placement.CheckoutDetails(
                "Người mua thử", "0912345678", "thu@example.vn", "pickup", "cash", pickup_outlet_id=outlet_id
            ),
            idempotency_key=secrets.token_urlsafe(24),
            expected_total_vnd=sum(p * q for _v, q, p in lines),
        )
        return True
    except placement.CheckoutError:
        return False
    finally:
        db.session.remove()


def run(app, buyers: int, orders: int, outlet_ids: list[int], variants: list) -> tuple[float, int]:
    rnd = random.Random(orders)
    jobs = [
        (rnd.choice(outlet_ids), [(v, rnd.randint(1, 2), p) for v, p in rnd.sample(variants, rnd.randint(1, 3))])
        for _ in range(orders)
    ]
    start = threading.Barrier(buyers + 1)
    chunks = [jobs[i::buyers] for i in range(buyers)]

    def worker(chunk):
        with app.app_context(), app.test_request_context():
            start.wait()
            return sum(place_one(outlet_id, lines) for outlet_id, lines in chunk)

    with ThreadPoolExecutor(max_workers=buyers) as pool:
        futures = [pool.submit(worker, chunk) for chunk in chunks]
        start.wait()
        began = time.perf_counter()
        placed = sum(f.result() for f in futures)
        elapsed = time.perf_counter() - began
    return elapsed, placed


def last_units_race(app, buyers: int) -> int:
    """``buyers`` buyers race for the last 10 units of a fresh variant at one outlet."""
    with app.app_context():
        shop = factories.outlet(name="Cửa hàng cuối")
        variant = factories.product(name="Hàng cuối").variants[0]
        factories.stock(variant=variant, outlet_obj=shop, on_hand=10)
        db.session.commit()
        ids = (shop.id, variant.id, variant.price_vnd)
    start = threading.Barrier(buyers)

    def buy(_n):
        with app.app_context(), app.test_request_context():
            start.wait()
            return place_one(ids[0], [(ids[1], 1, ids[2])])

    with ThreadPoolExecutor(max_workers=buyers) as pool:
        return sum(pool.map(buy, range(buyers)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=16)
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = make_app(args.buyers)
    with app.app_context():
        outlet_ids, variants = seed(units=args.orders * args.runs * 2)
    rates = []
    for n in range(1, args.runs + 1):
        elapsed, placed = run(app, args.buyers, args.orders, outlet_ids, variants)
        rates.append(placed / elapsed)
        print(f"run {n}: {placed} orders in {elapsed:.2f} s = {placed / elapsed:.1f} orders/s")
    print(f"median: {statistics.median(rates):.1f} orders/s with {args.buyers} concurrent buyers")
    sold = last_units_race(app, args.buyers)
    with app.app_context():
        differences = stock.verify()
        over = db.session.scalar(select(func.count(StockRecord.id)).where(StockRecord.reserved > StockRecord.on_hand))
        orders = db.session.scalar(select(func.count(Order.id)))
        db.engine.dispose()
    print(f"last 10 units, {args.buyers} buyers: {sold} sold")
    print(f"oversell check: {orders} orders, {over} over-reserved records, {len(differences)} ledger differences")
    if sold != 10 or over or differences:
        raise SystemExit("OVERSOLD or ledger mismatch")
    print("no oversell; every stock figure matches its ledger")


if __name__ == "__main__":
    main()
