"""Listing benchmark: every filter, sort, page depth and search of the catalog, each request alone.

    .venv/bin/python bench/listings.py [--database-url URL] [--repeat 3] [--statement-limit 30]
                                       [--only TEXT] [--plans]

Runs in-process (create_app + test client) on the generated data set (bench/generate.py). Each
page is requested once to warm up, then ``--repeat`` times; the median time is reported with the
number of SQL statements and the slowest one. A statement running longer than
``--statement-limit`` seconds is stopped by the app's own statement timeout (the page answers
503), so a plan that never finishes shows as "stopped". ``--plans`` prints the query plan
(EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) of each page's slowest statement.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import describe, is_sqlite, make_app, resolve_url  # noqa: E402
from bench.run import choose_targets, query_plan  # noqa: E402


def busiest(app) -> dict:
    """Slugs of the seller with most products and of the outlet holding most stock rows."""
    from sqlalchemy import text

    with app.app_context(), app.extensions["sqlalchemy"].engine.connect() as conn:
        seller = conn.execute(
            text(
                "SELECT s.slug FROM sellers s JOIN products p ON p.seller_id = s.id WHERE s.status = 'approved' "
                "GROUP BY s.slug ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar()
    return {"seller": seller}


def pages(targets: dict) -> list[tuple[str, str]]:
    q = urllib.parse.quote_plus
    outlet, leaf, top = targets["outlet"], targets["leaf"], targets["category"]
    return [
        ("home", "/"),
        ("listing newest", "/san-pham"),
        ("sort=price_asc", "/san-pham?sort=price_asc"),
        ("sort=price_desc", "/san-pham?sort=price_desc"),
        ("sort=best_selling", "/san-pham?sort=best_selling"),
        ("sort=rating", "/san-pham?sort=rating"),
        (f"category page {top}", f"/danh-muc/{top}"),
        (f"category page {top} price_asc", f"/danh-muc/{top}?sort=price_asc"),
        (f"category={leaf}", f"/san-pham?category={leaf}"),
        (f"category={leaf} best_selling", f"/san-pham?category={leaf}&sort=best_selling"),
        ("kind=cooperative", "/san-pham?kind=cooperative"),
        ("kind=individual price_desc", "/san-pham?kind=individual&sort=price_desc"),
        ("ocop=4", "/san-pham?ocop=4"),
        ("ocop=5 best_selling", "/san-pham?ocop=5&sort=best_selling"),
        ("cert=vietgap", "/san-pham?cert=vietgap"),
        ("cert=haccp price_asc", "/san-pham?cert=haccp&sort=price_asc"),
        ("price 50.000–200.000", "/san-pham?price_min=50000&price_max=200000"),
        ("price ≥ 2.000.000 price_asc", "/san-pham?price_min=2000000&sort=price_asc"),
        ("rating=4", "/san-pham?rating=4"),
        (f"outlet={outlet}", f"/san-pham?outlet={outlet}"),
        (f"outlet={outlet} price_asc", f"/san-pham?outlet={outlet}&sort=price_asc"),
        (f"outlet page {outlet}", f"/cua-hang/{outlet}"),
        (f"seller page {targets['seller']}", f"/nguoi-ban/{targets['seller']}"),
        ("page 2", "/san-pham?page=2"),
        ("page 50", "/san-pham?page=50"),
        ("page 400", "/san-pham?page=400"),
        ("page 500", "/san-pham?page=500"),
        ("page 4000", "/san-pham?page=4000"),
        ("page 200 price_desc", "/san-pham?page=200&sort=price_desc"),
        ("search “yen sao”", f"/tim-kiem?q={q('yen sao')}"),
        ("search “rau” (broad)", f"/tim-kiem?q={q('rau')}"),
        ("search “ca phe” price_asc", f"/tim-kiem?q={q('ca phe')}&sort=price_asc"),
        ("search “hat dieux” (corrected)", f"/tim-kiem?q={q('hat dieux')}"),
        ("search “rau” page 100", f"/tim-kiem?q={q('rau')}&page=100"),
        ("product page", f"/san-pham/{targets['product']}"),
        ("API products", "/api/v1/products"),
        ("API products outlet", f"/api/v1/products?outlet={outlet}"),
    ]


def measure(app, path: str, repeat: int) -> dict:
    """Median milliseconds of ``repeat`` requests, the statements of the last and the slowest one."""
    from sqlalchemy import event

    engine = app.extensions["sqlalchemy"].engine
    seen: list[tuple[float, str, object]] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_at"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        seen.append((time.perf_counter() - conn.info.pop("bench_at"), statement, parameters))

    client = app.test_client()
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        started = time.perf_counter()
        status = client.get(path).status_code  # warm-up (and the answer)
        warm_up = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(repeat if status == 200 else 0):
            seen.clear()
            started = time.perf_counter()
            status = client.get(path).status_code
            times.append((time.perf_counter() - started) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    slowest = max(seen, key=lambda s: s[0]) if seen else (0.0, "", None)
    return {
        "status": status,
        "ms": statistics.median(times) if times else warm_up,
        "statements": len(seen),
        "slowest_ms": slowest[0] * 1000,
        "slowest": slowest[1],
        "params": slowest[2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: BENCH_DATABASE_URL, else bench/data/bench.db (SQLite)")
    parser.add_argument("--repeat", type=int, default=3, help="timed requests per page (median reported)")
    parser.add_argument("--statement-limit", type=float, default=30, help="seconds before a statement is stopped")
    parser.add_argument("--only", help="only pages whose label contains this text")
    parser.add_argument("--plans", action="store_true", help="print the plan of each page's slowest statement")
    args = parser.parse_args()
    url = resolve_url(args.database_url)
    # Caching off: every request builds its page, as a first visit after any change does.
    app = make_app(url, STATEMENT_TIMEOUT_MS=int(args.statement_limit * 1000), CACHE_TYPE="NullCache")
    app.logger.disabled = True  # a stopped statement is reported below, not as a traceback
    targets = choose_targets(app) | busiest(app)
    database = "SQLite" if is_sqlite(url) else "PostgreSQL"
    print(f"{database}: {describe(url)} — each page alone, median of {args.repeat} after a warm-up")
    print("| page | ms | SQL | slowest statement ms |\n| --- | ---: | ---: | ---: |")
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
        for label, path in pages(targets):
            if args.only and args.only not in label:
                continue
            found = measure(app, path, args.repeat)
            if found["status"] == 503:
                print(f"| {label} | stopped (> {args.statement_limit:g} s) | | |", flush=True)
            else:
                status = "" if found["status"] == 200 else f" (HTTP {found['status']})"
                print(
                    f"| {label}{status} | {found['ms']:,.0f} | {found['statements']} | {found['slowest_ms']:,.0f} |",
                    flush=True,
                )
            if args.plans and found["slowest"]:
                for line in query_plan(engine, found["slowest"], found["params"]):
                    print(f"      {line}")


if __name__ == "__main__":
    main()
