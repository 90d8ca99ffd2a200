"""Checkout benchmark: orders per second on PostgreSQL with concurrent buyers, then the oversell check.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1/bench_db \\
        .venv/bin/python bench/checkout.py --buyers 16 --orders 400 --runs 3 [--served] [--cpu 300]

The database named by BENCH_DATABASE_URL is emptied and filled with benchmark data: use a
scratch database. Each run places ``--orders`` orders of 1–3 lines from ``--buyers`` threads,
each thread a shopper with its own session and database connection, through the shop's own
pages (the test client of the app): the cart and the checkout form of every order are filled
first, then the buyers press "place order" (POST /thanh-toan/dat-hang) all at once and those
placements are timed. After the runs, ``--buyers`` buyers race for the last 10 units of one
variant, and the app's ``flask stock verify`` checks the ledger.

Each series of timed runs (in one process, then served) starts with an untimed warm-up of
``--warmup`` orders placed the same way, printed with its own rate: a new process compiles its
statements and prepares them on its connections during its first orders.

With ``--cpu N``, one buyer alone first places N orders in-process, and the CPU her thread spends
per order is printed, with the part spent in the database driver's execute.

With ``--served``, the same runs follow through gunicorn (``--workers`` × ``--threads``, gthread,
as ``make serve`` runs the shop): each buyer a thread with her own HTTP connection, CSRF tokens
read from the pages as a browser has them.

Only ``app.create_app`` and ``app.config`` are imported from the application: the pages are
its interface here, and rows are written through its metadata's tables.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.client
import random
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, func, select  # noqa: E402

from bench.common import app_env, resolve_url, sqlalchemy_url, tables, verify_stock  # noqa: E402

VARIANTS = 40
OUTLETS = 3
RACE_UNITS = 10
CONTACT = {"contact_name": "Người mua thử", "contact_phone": "0912345678", "contact_email": "thu@example.vn"}


def make_app(buyers: int):
    import os

    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith(("postgresql", "postgres://")):
        raise SystemExit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database.")
    from app import create_app
    from app.config import TestConfig

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = sqlalchemy_url(resolve_url(url))
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": buyers + 1, "max_overflow": 0, "pool_timeout": 120}
        MAIL_BACKEND = "memory"

    return create_app(BenchConfig), url


def seed(app, units: int) -> tuple[list[int], list[tuple[int, int]], tuple[int, int, int]]:
    """Three outlets holding ``units`` of each of VARIANTS variants; a fourth with the last 10 of one more."""
    db = app.extensions["sqlalchemy"]
    t = tables(app)
    now = datetime.now(UTC)
    db.drop_all()
    db.create_all()
    outlets = [
        {"id": i, "slug": f"cua-hang-{i}", "name": f"Cửa hàng {i}" if i <= OUTLETS else "Cửa hàng cuối",
         "street": "Đường Phú Riềng Đỏ", "province_code": 75, "ward_code": 25210, "latitude": 11.53,
         "longitude": 106.88, "phone": "0271 3879 456", "hours": "7:00–20:00", "opens_at": "07:00",
         "closes_at": "20:00", "offers_pickup": True, "offers_delivery": True, "delivery_fee_vnd": 20000,
         "priority": 10 * i, "is_active": True, "created_at": now}
        for i in range(1, OUTLETS + 2)
    ]  # fmt: skip
    products, variants, records, receipts = [], [], [], []
    for i in range(1, VARIANTS + 2):
        price = 10000 + 1000 * (i - 1)
        products.append(
            {"id": i, "seller_id": 1, "category_id": 1, "slug": f"san-pham-{i}",
             "name": f"Sản phẩm {i}" if i <= VARIANTS else "Hàng cuối", "summary": "", "description": "",
             "unit": "kg", "sold_by_weight": True, "origin_province_code": 75, "origin_ward_code": 25210,
             "ocop_stars": None, "status": "active", "is_hidden": False, "hidden_reason": None,
             "needs_review": False, "is_featured": False, "sold_count": 0, "search_text": f" san pham {i} | ",
             "created_at": now, "updated_at": now}
        )  # fmt: skip
        variants.append(
            {"id": i, "product_id": i, "seller_id": 1, "sku": f"SKU-{i}", "label": "Gói 1", "price_vnd": price,
             "weight_grams": 500, "position": 0, "is_active": True, "created_at": now, "updated_at": now}
        )  # fmt: skip
        shops = range(1, OUTLETS + 1) if i <= VARIANTS else [OUTLETS + 1]
        for outlet in shops:
            quantity = units if i <= VARIANTS else RACE_UNITS
            records.append(
                {"id": len(records) + 1, "variant_id": i, "outlet_id": outlet, "on_hand": quantity, "reserved": 0,
                 "updated_at": now}
            )  # fmt: skip
            receipts.append(
                {"stock_record_id": len(records), "kind": "received", "on_hand_delta": quantity, "reserved_delta": 0,
                 "note": "", "created_at": now}
            )  # fmt: skip
    rows = {
        "categories": [{"id": 1, "parent_id": None, "slug": "rau-cu-qua", "name_vi": "Rau củ quả",
                        "name_en": "Vegetables", "position": 0}],
        "sellers": [{"id": 1, "slug": "htx-thu", "name": "HTX Phụ nữ thử", "kind": "cooperative",
                     "status": "approved", "representative": "Lê Thị Mai", "phone": "0912345678",
                     "province_code": 75, "ward_code": 25210, "members_count": 10, "women_members_count": 8,
                     "created_at": now, "updated_at": now}],
        "outlets": outlets,
        "outlet_wards": [{"outlet_id": o["id"], "ward_code": 25210} for o in outlets],
        "products": products,
        "variants": variants,
        "stock_records": records,
        "stock_movements": receipts,
    }  # fmt: skip
    with app.app_context(), db.engine.begin() as conn:
        for name, values in rows.items():
            conn.execute(t[name].insert(), values)
        if conn.dialect.name == "postgresql":
            for name in ("categories", "sellers", "outlets", "products", "variants", "stock_records"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))"
                )
    stocked = [(v["id"], v["price_vnd"]) for v in variants[:VARIANTS]]
    last = variants[-1]
    return list(range(1, OUTLETS + 1)), stocked, (OUTLETS + 1, last["id"], last["price_vnd"])


def prepare(client, outlet_id: int, lines: list[tuple[int, int, int]]) -> tuple[str, dict]:
    """Fill a fresh session's cart and checkout form; returns its cookie and the place-order form."""
    client.delete_cookie("session")
    for variant_id, quantity, _price in lines:
        response = client.post("/gio-hang/them", data={"variant_id": variant_id, "quantity": quantity})
        assert response.status_code == 302, response.status_code
    form = dict(CONTACT, fulfilment="pickup", payment_method="cash", pickup_outlet_id=outlet_id)
    response = client.post("/thanh-toan", data=form)
    if response.status_code != 302 or "/thanh-toan/xem-lai" not in response.headers.get("Location", ""):
        raise SystemExit(f"The checkout form was refused ({response.status_code}).")
    cookie = client.get_cookie("session")
    place = {"idempotency_key": secrets.token_urlsafe(24), "expected_total": sum(p * q for _v, q, p in lines)}
    return cookie.value, place


def place(client, cookie: str, form: dict) -> tuple[bool, float]:
    """Press "place order" in that session: (placed, seconds)."""
    client.set_cookie("session", cookie)
    began = time.perf_counter()
    response = client.post("/thanh-toan/dat-hang", data=form)
    elapsed = time.perf_counter() - began
    return response.status_code == 302 and "/don-hang/" in response.headers.get("Location", ""), elapsed


def run(
    buyers: int, orders: int, outlet_ids: list[int], variants: list, seed: int, shopper: Callable
) -> tuple[float, int, list]:
    """``orders`` orders from ``buyers`` threads: each thread makes a shopper (``shopper()`` gives
    her ``prepare`` and ``place``), fills all her carts and forms, then all press "place order"
    together; returns (seconds, orders placed, latencies)."""
    rnd = random.Random(seed)
    jobs = [
        (rnd.choice(outlet_ids), [(v, rnd.randint(1, 2), p) for v, p in rnd.sample(variants, rnd.randint(1, 3))])
        for _ in range(orders)
    ]
    start = threading.Barrier(buyers + 1, timeout=600)
    chunks = [jobs[i::buyers] for i in range(buyers)]

    def worker(chunk):
        prepare_one, place_one = shopper()
        try:
            sessions = [prepare_one(outlet_id, lines) for outlet_id, lines in chunk]
        except BaseException:
            start.abort()  # the run stops with her error instead of waiting for her at the start
            raise
        start.wait()
        results = [place_one(*session) for session in sessions]
        return sum(ok for ok, _s in results), [s for _ok, s in results]

    with ThreadPoolExecutor(max_workers=buyers) as pool:
        futures = [pool.submit(worker, chunk) for chunk in chunks]
        try:
            start.wait()
        except threading.BrokenBarrierError:
            for future in futures:
                if future.done() and future.exception() is not None:
                    raise future.exception() from None
            raise
        began = time.perf_counter()
        done = [f.result(timeout=1200) for f in futures]
        elapsed = time.perf_counter() - began
    return elapsed, sum(n for n, _l in done), [s for _n, latencies in done for s in latencies]


def in_process(app) -> Callable:
    """Shoppers of the test client: one client per thread, a cookie per order."""

    def shopper():
        client = app.test_client()
        return functools.partial(prepare, client), functools.partial(place, client)

    return shopper


def last_units_race(app, buyers: int, race: tuple[int, int, int]) -> int:
    """``buyers`` buyers race for the last 10 units of a variant at one outlet; returns how many bought."""
    outlet_id, variant_id, price = race
    start = threading.Barrier(buyers, timeout=600)

    def buy(_n):
        client = app.test_client()
        cookie, form = prepare(client, outlet_id, [(variant_id, 1, price)])
        start.wait()
        return place(client, cookie, form)[0]

    with ThreadPoolExecutor(max_workers=buyers) as pool:
        return sum(pool.map(buy, range(buyers), timeout=1200))


def statements_per_order(app, outlet_id: int, variants: list) -> int:
    """SQL statements of one "place order" request (counted with before_cursor_execute)."""
    client = app.test_client()
    cookie, form = prepare(client, outlet_id, [(v, 1, p) for v, p in variants[:3]])
    seen = []

    def record(*_args):
        seen.append(1)

    engine = app.extensions["sqlalchemy"].engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        ok, _seconds = place(client, cookie, form)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(seen) if ok else -1


def cpu_per_order(app, outlet_ids: list[int], variants: list, orders: int) -> tuple[float, float, float]:
    """One buyer alone places ``orders`` orders in-process: her thread's CPU per order, the part of it
    spent in the database driver's execute (sending, waiting excluded), and the wall time per order."""
    import psycopg

    rnd = random.Random(7)
    client = app.test_client()
    sessions = [
        prepare(client, rnd.choice(outlet_ids), [(v, 1, p) for v, p in rnd.sample(variants, rnd.randint(1, 3))])
        for _ in range(orders)
    ]
    in_driver = [0.0]
    execute = psycopg.Cursor.execute

    def timed(cursor, *args, **kwargs):
        began = time.thread_time()
        try:
            return execute(cursor, *args, **kwargs)
        finally:
            in_driver[0] += time.thread_time() - began

    psycopg.Cursor.execute = timed
    try:
        cpu, wall = time.thread_time(), time.perf_counter()
        placed = sum(place(client, *session)[0] for session in sessions)
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    finally:
        psycopg.Cursor.execute = execute
    if placed != orders:
        raise SystemExit(f"Only {placed} of {orders} orders were placed.")
    return cpu / orders, in_driver[0] / orders, wall / orders


# Served by gunicorn -------------------------------------------------------------------------

HIDDEN = r'<input[^>]*name="{name}"[^>]*value="([^"]*)"'


class Browser:
    """One shopper over HTTP/1.1 keep-alive: her session cookie, the CSRF token her pages carry."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = ""

    def send(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", text

    @staticmethod
    def hidden(text: str, name: str) -> str:
        found = re.search(HIDDEN.format(name=name), text)
        if found is None:
            raise SystemExit(f"No {name} in the page.")
        return html.unescape(found.group(1))


def prepare_served(port: int, outlet_id: int, lines: list[tuple[int, int, int]]) -> tuple[Browser, dict]:
    """A new shopper fills her cart and checkout form through the served pages; returns her and the
    place-order form of the review page."""
    shopper = Browser(port)
    status, _where, text = shopper.send("GET", f"/san-pham/san-pham-{lines[0][0]}")
    if status != 200:
        raise SystemExit(f"The product page answered {status}.")
    token = shopper.hidden(text, "csrf_token")
    for variant_id, quantity, _price in lines:
        form = {"csrf_token": token, "variant_id": variant_id, "quantity": quantity}
        if shopper.send("POST", "/gio-hang/them", form)[0] != 302:
            raise SystemExit("Add to cart was refused.")
    form = dict(CONTACT, fulfilment="pickup", payment_method="cash", pickup_outlet_id=outlet_id, csrf_token=token)
    status, where, _text = shopper.send("POST", "/thanh-toan", form)
    if status != 302 or "/thanh-toan/xem-lai" not in where:
        raise SystemExit(f"The checkout form was refused ({status}).")
    text = shopper.send("GET", "/thanh-toan/xem-lai")[2]
    names = ("csrf_token", "idempotency_key", "expected_total")
    shopper.connection.close()  # the server closes idle connections; she connects again to place it
    return shopper, {name: shopper.hidden(text, name) for name in names}


def place_served(shopper: Browser, form: dict) -> tuple[bool, float]:
    began = time.perf_counter()
    status, where, _text = shopper.send("POST", "/thanh-toan/dat-hang", form)
    return status == 302 and "/don-hang/" in where, time.perf_counter() - began


def over_http(port: int) -> Callable:
    """Shoppers of the served shop: a new connection and cookie per order."""

    def shopper():
        return functools.partial(prepare_served, port), place_served

    return shopper


def served(url: str, args, outlet_ids: list[int], variants: list) -> None:
    """The runs again through gunicorn (gthread, --workers × --threads) as `make serve` runs the shop."""
    from bench.run import Server  # the page benchmark's gunicorn wrapper, needed only with --served

    env = app_env(url)
    with Server("checkout", "wsgi:app", env=env, workers=args.workers, threads=args.threads) as server:
        server.wait_ready("/healthz")
        how = f"by gunicorn, {args.workers} workers × {args.threads} threads, {args.buyers} concurrent buyers"
        series("served ", how, args, outlet_ids, variants, over_http(server.port), seeds_from=100)


def series(label: str, how: str, args, outlet_ids: list[int], variants: list, shopper: Callable, seeds_from=0):
    """An untimed warm-up of ``--warmup`` orders, then ``--runs`` timed runs of ``--orders`` orders,
    each line printed under ``label``, then their median rate and latencies."""
    if args.warmup:
        elapsed, placed, _times = run(args.buyers, args.warmup, outlet_ids, variants, 1, shopper)
        print(f"{label}warm-up, not counted: {placed} orders in {elapsed:.2f} s = {placed / elapsed:.1f} orders/s")
    rates, latencies = [], []
    for n in range(1, args.runs + 1):
        elapsed, placed, times = run(
            args.buyers, args.orders, outlet_ids, variants, args.orders * (n + seeds_from), shopper
        )
        rates.append(placed / elapsed)
        latencies += times
        print(f"{label}run {n}: {placed} orders in {elapsed:.2f} s = {placed / elapsed:.1f} orders/s", flush=True)
    print(f"{label}median: {statistics.median(rates):.1f} orders/s {how}")
    print(
        f"{label}place order latency: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms"
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=16)
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--served", action="store_true", help="also place the orders through gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of --served")
    parser.add_argument("--threads", type=int, default=4, help="threads of each gunicorn worker of --served")
    parser.add_argument("--cpu", type=int, default=0, metavar="N", help="first: CPU per order, one buyer alone")
    parser.add_argument("--warmup", type=int, default=64, metavar="N", help="orders placed before each series, untimed")
    args = parser.parse_args()
    app, url = make_app(args.buyers)
    with app.app_context():
        outlet_ids, variants, race = seed(app, units=(args.orders * (args.runs + 1) + args.cpu + 2 * args.warmup) * 2)
    if args.cpu:
        cpu, in_driver, wall = cpu_per_order(app, outlet_ids, variants, args.cpu)
        print(
            f"one buyer alone, {args.cpu} orders: {cpu * 1000:.1f} ms of CPU per order in the app's thread "
            f"({in_driver * 1000:.1f} ms of it in the driver's execute), {wall * 1000:.1f} ms wall",
            flush=True,
        )
    series("", f"with {args.buyers} concurrent buyers", args, outlet_ids, variants, in_process(app))
    with app.app_context():
        print(f"SQL statements per order: {statements_per_order(app, outlet_ids[0], variants)}")
    if args.served:
        served(url, args, outlet_ids, variants)
    sold = last_units_race(app, args.buyers, race)
    t = tables(app)
    with app.app_context(), app.extensions["sqlalchemy"].engine.connect() as conn:
        records = t["stock_records"]
        over = conn.scalar(select(func.count()).select_from(records).where(records.c.reserved > records.c.on_hand))
        orders = conn.scalar(select(func.count()).select_from(t["orders"]))
        app.extensions["sqlalchemy"].engine.dispose()
    ok, message = verify_stock(url)
    print(f"last 10 units, {args.buyers} buyers: {sold} sold")
    print(f"oversell check: {orders} orders, {over} over-reserved records; flask stock verify: {message}")
    if sold != min(args.buyers, RACE_UNITS) or over or not ok:  # fewer buyers than units: each buys one
        raise SystemExit("OVERSOLD or ledger mismatch")
    print("no oversell; every stock figure matches its ledger")


if __name__ == "__main__":
    main()
