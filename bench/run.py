"""Page benchmark: the shop under gunicorn on the generated data, page by page, against "hello".

    .venv/bin/python bench/run.py [--database-url URL] [--duration 5] [--runs 3]   (or: make bench)

1. Generates the data set (bench/generate.py) when the database has none.
2. Runs every page once in-process (create_app + test client) and counts its SQL statements
   with a ``before_cursor_execute`` listener, noting the slowest statement of each page.
3. Serves the shop with gunicorn (gthread, 2 workers × 4 threads) on 127.0.0.1, and next to it
   a minimal Flask "hello" app with the same settings, and loads each page with
   ``wrk -t2 -c16`` for a few seconds, ``--runs`` times: medians of req/s, p50 and p99.
4. Runs bench/checkout.py on a scratch PostgreSQL database for the checkout rows: in one process
   (the test client), then through gunicorn with the pages' workers and threads.

Everything talks to 127.0.0.1 only; every wait and every load is bounded in time.
"""

from __future__ import annotations

import argparse
import gzip
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BENCH,
    DATA,
    ROOT,
    app_env,
    describe,
    has_products,
    is_sqlite,
    make_app,
    resolve_url,
    tables,
)

DEFAULT_CHECKOUT_URL = "postgresql://postgres@127.0.0.1/bench_checkout"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SEARCH_WORDS = "yen sao"  # no accents: finds "Yến sào"
API_WORDS = "hat dieu"
MISSPELT_WORDS = "hat dieux"  # finds nothing as typed: the search corrects it


@dataclass
class Page:
    label: str
    path: str
    method: str = "GET"
    body: str = ""  # form body of a POST (the CSRF token is added when served)
    with_session: bool = False  # sent with the session cookie a product page gave (a returning visitor)
    expect: int = 200
    queries: int | None = None
    status: int | None = None
    alone_ms: float = 0.0
    slowest_ms: float = 0.0
    slowest_sql: str = ""
    slowest_params: str = ""
    plan: list[str] = field(default_factory=list)
    sql_ms: float = 0.0
    interrupted: bool = False
    seconds: float = 0.0  # of load per run
    load_average: float = 0.0  # the machine's, after the runs
    runs: list[dict] = field(default_factory=list)
    busy_before: list[float] = field(default_factory=list)  # CPU share busy with other work before loading

    def median(self, key: str) -> float:
        values = [r[key] for r in self.runs if r.get("requests")]
        return statistics.median(values) if values else 0.0


# What to load --------------------------------------------------------------------------------


def choose_targets(app) -> dict:
    """Slugs and ids of real rows: a category, an outlet, a popular product and a variant in stock."""
    from sqlalchemy import select

    t = tables(app)
    products, sellers, variants, stock = t["products"], t["sellers"], t["variants"], t["stock_records"]
    outlets, categories = t["outlets"], t["categories"]
    with app.app_context(), app.extensions["sqlalchemy"].engine.connect() as conn:
        slugs = {row.slug: row for row in conn.execute(select(categories))}
        top = "rau-cu-qua" if "rau-cu-qua" in slugs else next(s for s, r in slugs.items() if r.parent_id is None)
        leaf = "trai-cay" if "trai-cay" in slugs else next(s for s, r in slugs.items() if r.parent_id is not None)
        outlet = conn.execute(
            select(outlets.c.slug).where(outlets.c.is_active.is_(True)).order_by(outlets.c.priority, outlets.c.name)
        ).scalar()
        in_stock = (
            select(variants.c.id, products.c.slug, products.c.name)
            .join(products, products.c.id == variants.c.product_id)
            .join(sellers, sellers.c.id == products.c.seller_id)
            .join(stock, stock.c.variant_id == variants.c.id)
            .where(
                products.c.status == "active",
                products.c.is_hidden.is_(False),
                sellers.c.status == "approved",
                variants.c.is_active.is_(True),
                stock.c.on_hand - stock.c.reserved > 0,
            )
            .order_by(products.c.sold_count.desc(), products.c.id, variants.c.position)
            .limit(1)
        )
        found = conn.execute(in_stock).first()
    if found is None:
        raise SystemExit("No product on sale with stock: is the data set generated?")
    variant_id, product_slug, product_name = found
    return {
        "category": top, "leaf": leaf, "outlet": outlet, "product": product_slug, "product_name": product_name,
        "variant": variant_id,
    }  # fmt: skip


def plan_pages(targets: dict) -> list[Page]:
    q = urllib.parse.quote_plus
    listing = [
        ("listing /san-pham (newest)", "/san-pham"),
        ("listing sort=price_asc", "/san-pham?sort=price_asc"),
        ("listing sort=price_desc", "/san-pham?sort=price_desc"),
        ("listing sort=best_selling", "/san-pham?sort=best_selling"),
        ("listing category=" + targets["leaf"], f"/san-pham?category={targets['leaf']}"),
        ("listing kind=cooperative", "/san-pham?kind=cooperative"),
        ("listing ocop=4 (4★ and up)", "/san-pham?ocop=4"),
        ("listing cert=vietgap", "/san-pham?cert=vietgap"),
        ("listing price 50.000–200.000 ₫", "/san-pham?price_min=50000&price_max=200000"),
        ("listing outlet=" + targets["outlet"], f"/san-pham?outlet={targets['outlet']}"),
        ("listing page 500", "/san-pham?page=500"),
    ]
    return [
        Page("home /", "/"),
        Page("home / (returning visitor, with a session)", "/", with_session=True),
        Page("category " + targets["category"], f"/danh-muc/{targets['category']}"),
        *(Page(label, path) for label, path in listing),
        Page("product page", f"/san-pham/{targets['product']}"),
        Page(f"search “{SEARCH_WORDS}”", f"/tim-kiem?q={q(SEARCH_WORDS)}"),
        Page(f"search “{MISSPELT_WORDS}” (corrected)", f"/tim-kiem?q={q(MISSPELT_WORDS)}"),
        Page(f"API /api/v1/products?q={API_WORDS}", f"/api/v1/products?q={q(API_WORDS)}"),
        Page(
            "add to cart (POST)",
            "/gio-hang/them",
            method="POST",
            body=urllib.parse.urlencode({"variant_id": targets["variant"], "quantity": 1, "next": "/gio-hang"}),
            expect=302,
        ),
    ]


# SQL statements per request (in-process) -----------------------------------------------------

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


WARM_UP = ("/", "/san-pham", f"/tim-kiem?q={urllib.parse.quote_plus(SEARCH_WORDS)}", "/api/v1/products")
SAMPLES = 24  # a slow page is loaded about this many times as long as one request takes alone
DRAIN_LIMIT = 90.0  # seconds a server may take to finish the requests of a run before it is replaced
WARM_UP_LIMIT = 60.0
PLAN_ABOVE_MS = 50.0  # the query plan of a page's slowest statement is kept when it takes longer


def count_queries(app, pages: list[Page], product_path: str, statement_limit: float) -> None:
    """One request of each page through the test client: its SQL statements counted and timed.

    A few pages are requested first, so per-process look-ups (the search capabilities, compiled
    templates) are not counted against the page that happens to come first. A statement running
    longer than ``statement_limit`` seconds is interrupted and its page marked so.
    """
    from sqlalchemy import event

    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    seen: list[tuple[float, str, object]] = []

    deadline = [float("inf")]
    interrupted: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("bench_started", []).append(time.perf_counter())
        deadline[0] = time.monotonic() + statement_limit

    def give_up() -> int:  # SQLite calls this every few thousand steps of a statement
        if time.monotonic() > deadline[0]:
            interrupted.append("interrupted")
            return 1
        return 0

    def on_checkout(dbapi_connection, record, proxy):
        if engine.dialect.name == "sqlite":
            dbapi_connection.set_progress_handler(give_up, 10_000)
        elif engine.dialect.name == "postgresql":
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(statement_limit * 1000)}")

    def on_error(context):
        started = context.connection.info.get("bench_started") if context.connection is not None else None
        if started:  # the failed statement counts too, with the time it ran
            seen.append((time.perf_counter() - started.pop(), context.statement or "", context.parameters))
        if engine.dialect.name == "postgresql" and "statement timeout" in str(context.original_exception):
            interrupted.append("statement_timeout")

    def after(conn, cursor, statement, parameters, context, executemany):
        started = conn.info["bench_started"].pop()
        seen.append((time.perf_counter() - started, statement, parameters))

    client = app.test_client()
    app.logger.disabled = True  # an interrupted statement is reported below, not as a traceback
    engine.dispose()
    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "handle_error", on_error)
    for path in (*WARM_UP, product_path):
        client.get(path)
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        for page in pages:
            body = None
            if page.method == "POST":
                token = CSRF.search(client.get(product_path).get_data(as_text=True))
                body = dict(urllib.parse.parse_qsl(page.body), csrf_token=token.group(1) if token else "")
            seen.clear()
            interrupted.clear()
            began = time.perf_counter()
            response = client.post(page.path, data=body) if body is not None else client.get(page.path)
            page.alone_ms = (time.perf_counter() - began) * 1000
            page.status, page.queries = response.status_code, len(seen)
            page.interrupted = bool(interrupted)
            page.sql_ms = sum(s for s, _sql, _p in seen) * 1000
            if seen:
                seconds, statement, parameters = max(seen, key=lambda item: item[0])
                page.slowest_ms, page.slowest_sql = seconds * 1000, " ".join(statement.split())
                if page.slowest_ms > PLAN_ABOVE_MS:
                    page.plan = query_plan(engine, statement, parameters)
                    page.slowest_params = repr(parameters)[:500]
            cut = f" (a statement was stopped after {statement_limit:g} s)" if page.interrupted else ""
            print(f"  {page.label}: {page.queries} statements, {page.alone_ms:,.0f} ms{cut}", flush=True)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
        event.remove(engine, "checkout", on_checkout)
        event.remove(engine, "handle_error", on_error)
        engine.dispose()
        app.logger.disabled = False


def query_plan(engine, statement: str, parameters) -> list[str]:
    """EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL) of a statement, with its parameters."""
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(prefix + statement, parameters).all()
    except Exception as exc:  # a plan is a courtesy: never fail the benchmark for it
        return [f"(no plan: {exc.__class__.__name__})"]
    if engine.dialect.name == "sqlite":  # (id, parent, -, detail): indent by depth
        depth = {0: -1}
        for row in rows:
            depth[row[0]] = depth.get(row[1], -1) + 1
        return ["  " * depth[row[0]] + row[-1] for row in rows]
    return [row[0] for row in rows]


def short_sql(sql: str, limit: int = 300) -> str:
    """The statement with its long column lists folded away: what it reads, joins and filters."""
    folded = re.sub(r"SELECT (?:(?!SELECT |FROM ).){80,}? FROM", "SELECT … FROM", sql)
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


# Servers -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A gunicorn (gthread) serving one app on 127.0.0.1, started and stopped by us only."""

    def __init__(self, name: str, target: str, *, env: dict[str, str], workers: int, threads: int, extra=()):
        self.name, self.port = name, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = DATA / f"gunicorn-{name}.log"  # appended to: a crash stays on record
        command = [
            GUNICORN, "--worker-class", "gthread", "--workers", str(workers), "--threads", str(threads),
            "--bind", f"127.0.0.1:{self.port}", "--timeout", "300", "--graceful-timeout", "2",
            "--log-level", "warning", *extra, target,
        ]  # fmt: skip
        DATA.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn ({self.name}) stopped; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn ({self.name}) did not answer within {timeout:.0f} s; see {self.log_path}")

    def open_connections(self) -> int:
        """Connections the server still holds (established, or closed by the client but not yet by it)."""
        port, count = f":{self.port:04X}", 0
        for path in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(path) as table:
                    rows = table.read().splitlines()[1:]
            except OSError:
                continue
            for row in rows:
                fields = row.split()
                if fields[1].endswith(port) and fields[3] in ("01", "08"):  # ESTABLISHED, CLOSE_WAIT
                    count += 1
        return count

    def drain(self, limit: float) -> bool:
        """Wait, at most ``limit`` seconds, until the server has finished every request it was sent."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.open_connections() == 0:
                return True
            time.sleep(0.2)
        return False

    def once(self, path: str, extra: dict) -> None:
        """One request, its answer ignored (a warm-up), bounded in time."""
        data = extra["body"].encode() if extra["method"] == "POST" else None
        request = urllib.request.Request(self.base + path, data=data, method=extra["method"])
        if extra["cookie"]:
            request.add_header("Cookie", extra["cookie"])
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=WARM_UP_LIMIT) as response:
                response.read()
        except (OSError, urllib.error.URLError):
            pass

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """Quick shutdown (requests in flight are dropped); the master stops its own workers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the session we started: master and workers
                self.process.wait(timeout=10)
        self.log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def visitor_session(server: Server, product_path: str) -> tuple[http.cookiejar.CookieJar, str, str]:
    """The cookie jar, Cookie header and CSRF token a visitor has after opening a product page."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(server.base + product_path, timeout=30) as response:
        token = CSRF.search(response.read().decode())
    if token is None:
        raise SystemExit("No CSRF token on the product page.")
    with opener.open(server.base + "/", timeout=30) as response:  # her browser keeps what the next page sets
        response.read()
    return jar, "; ".join(f"{c.name}={c.value}" for c in jar), token.group(1)


def cart_session(server: Server, product_path: str, page: Page, product_name: str) -> str:
    """A session cookie and CSRF token for add-to-cart, checked by adding once for real."""
    jar, cookie, token = visitor_session(server, product_path)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = page.body + "&" + urllib.parse.urlencode({"csrf_token": token})
    once = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(server.base + page.path, data=body.encode(), method="POST")
    try:
        once.open(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 302:
        raise SystemExit(f"add to cart answered {status}, not 302")
    with opener.open(server.base + "/gio-hang", timeout=30) as response:
        if product_name not in response.read().decode():
            raise SystemExit("add to cart did not put the product in the cart")
    page.body = body
    return cookie


def wrk(url: str, *, seconds: float, threads: int, connections: int, method="GET", body="", cookie="") -> dict:
    env = dict(os.environ, BENCH_METHOD=method, BENCH_BODY=body, BENCH_COOKIE=cookie)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "60s",
        "-s", str(BENCH / "wrk.lua"), url,
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 120)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {url}:\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("BENCH_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6) if result["duration_us"] else 0.0
    result["p50_ms"], result["p99_ms"] = result["p50_us"] / 1000, result["p99_us"] / 1000
    result["errors"] = sum(result[k] for k in ("status_errors", "connect_errors", "read_errors", "timeouts"))
    return result


# Checkout ------------------------------------------------------------------------------------


def run_checkout(checkout_url: str, data_url: str, args) -> dict:
    """bench/checkout.py on its own scratch PostgreSQL database: orders/s, latencies, queries per order."""
    if checkout_url == data_url:
        raise SystemExit("The checkout benchmark empties its database: give it another one than the pages'.")
    env = dict(os.environ, BENCH_DATABASE_URL=checkout_url)
    command = [
        sys.executable, str(BENCH / "checkout.py"), "--buyers", str(args.checkout_buyers),
        "--orders", str(args.checkout_orders), "--runs", str(args.runs), "--served",
        "--workers", str(args.workers), "--threads", str(args.worker_threads),
    ]  # fmt: skip
    print(f"$ BENCH_DATABASE_URL={describe(checkout_url)} {' '.join(command[1:])}", flush=True)
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    except subprocess.TimeoutExpired:
        return {"error": "timed out after 30 min"}
    print("  " + "\n  ".join(done.stdout.strip().splitlines()), flush=True)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    found = {}
    patterns = {
        "rps": r"^median: ([\d.]+) orders/s",
        "p50_ms": r"^place order latency: p50 ([\d.]+) ms",
        "p99_ms": r"^place order latency: .*p99 ([\d.]+) ms",
        "queries": r"^SQL statements per order: (\d+)",
        "served_rps": r"^served median: ([\d.]+) orders/s",
        "served_p50_ms": r"^served place order latency: p50 ([\d.]+) ms",
        "served_p99_ms": r"^served place order latency: .*p99 ([\d.]+) ms",
    }
    for key, pattern in patterns.items():
        match = re.search(pattern, done.stdout, re.MULTILINE)
        found[key] = float(match.group(1)) if match else None
    return found


def postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            return True
    except OSError:
        return False


def cpu_busy(sample: float = 2.0) -> float:
    """The share of the machine's CPU time that was busy over ``sample`` seconds (/proc/stat)."""

    def read() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
        return values[3] + values[4], sum(values)  # idle + iowait, total

    idle1, total1 = read()
    time.sleep(sample)
    idle2, total2 = read()
    return 1 - (idle2 - idle1) / max(1, total2 - total1)


def wait_quiet(limit: float, below: float) -> float:
    """Wait, at most ``limit`` seconds, until other work leaves the CPUs mostly idle: the busy share seen last."""
    deadline = time.monotonic() + limit
    while True:
        busy = cpu_busy()
        if busy < below or time.monotonic() >= deadline:
            return busy
        print(f"  (the machine is {busy:.0%} busy with other work: waiting)", flush=True)


# Report --------------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def table(
    pages: list[Page], hello: Page, checkout: dict | None, checkout_note: str, seconds: float, busy_mark: float
) -> str:
    hello_rps = hello.median("rps")
    rows = [
        "| page | req/s | p50 ms | p99 ms | ratio to hello | SQL/request | alone ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| hello (minimal Flask app) | {fmt(hello_rps)} | {fmt(hello.median('p50_ms'), 2)} | "
        f"{fmt(hello.median('p99_ms'), 2)} | 1 | — | — |"
        if hello.runs
        else "| hello (minimal Flask app) | — | — | — | — | — | — |",
    ]
    for page in pages:
        errors = sum(r.get("errors", 0) for r in page.runs)
        label = f"{page.label} ({errors} errors)" if errors else page.label
        if page.busy_before and max(page.busy_before) >= busy_mark:
            label += " †"
        if not page.runs:
            rps, p50, p99 = "—", "—", "—"
        elif not any(r.get("requests") for r in page.runs):
            rps, p50, p99 = f"0 (none in {page.seconds or seconds:g} s)", "—", "—"
        else:
            rps, p50, p99 = fmt(page.median("rps")), fmt(page.median("p50_ms")), fmt(page.median("p99_ms"))
        ratio = fmt(page.median("rps") / hello_rps if hello_rps else None, 4)
        queries, alone = str(page.queries), fmt(page.alone_ms, 0)
        if page.interrupted:
            queries, alone = f"≥ {page.queries}", f"> {page.alone_ms:,.0f} (stopped)"
        rows.append(f"| {label} | {rps} | {p50} | {p99} | {ratio} | {queries} | {alone} |")
    if checkout is not None:
        if "error" in checkout:
            rows.append(f"| checkout (bench/checkout.py): {checkout['error']} | — | — | — | — | — | — |")
        else:
            rps = checkout.get("rps")
            ratio = rps / hello_rps if rps and hello_rps else None
            queries = int(checkout["queries"]) if checkout.get("queries") is not None else "—"
            rows.append(
                f"| checkout: place order {checkout_note}, in one process | {fmt(rps)} orders/s | "
                f"{fmt(checkout.get('p50_ms'))} | {fmt(checkout.get('p99_ms'))} | {fmt(ratio, 4)} | {queries} | — |"
            )
            served = checkout.get("served_rps")
            ratio = served / hello_rps if served and hello_rps else None
            rows.append(
                f"| checkout: place order {checkout_note}, served by gunicorn | {fmt(served)} orders/s | "
                f"{fmt(checkout.get('served_p50_ms'))} | {fmt(checkout.get('served_p99_ms'))} | {fmt(ratio, 4)} | "
                f"{queries} | — |"
            )
    return "\n".join(rows)


def slow_statements(pages: list[Page]) -> str:
    lines = ["Slowest SQL statement of each page (one request in-process, alone):"]
    for page in sorted(pages, key=lambda p: -p.slowest_ms):
        lines.append(
            f"- {page.label}: {page.queries} statements, {page.sql_ms:,.0f} ms of {page.alone_ms:,.0f} ms in SQL; "
            f"slowest {page.slowest_ms:,.0f} ms: {short_sql(page.slowest_sql)}"
        )
        lines += [f"    plan: {step}" for step in page.plan[:12]]
    return "\n".join(lines)


def worker_rss_mb(server: Server) -> list[float]:
    """Resident memory (MiB) of each gunicorn worker of this server (the master's children)."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != server.process.pid:  # the parent's pid
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if rss:
            sizes.append(int(rss[1]) / 1024)
    return sorted(sizes)


ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon|manifest)"[^>]*href|script[^>]+src)="(/[^"]+)"')


def _fetch(server: Server, path: str) -> tuple[bytes, str | None, int]:
    """(body as sent, its Content-Encoding, bytes on the wire) for a GET as a browser sends it."""
    request = urllib.request.Request(server.base + path, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + len(str(response.headers))
        return body, response.headers.get("Content-Encoding"), len(body) + head


def first_visit(server: Server, path: str = "/") -> dict:
    """Bytes on the wire (headers included) for a first visit of a page with an empty cache: the HTML,
    then every stylesheet, script and icon it links; images apart."""
    body, encoding, wire = _fetch(server, path)
    items = [(path, wire, encoding or "identity")]
    if encoding == "br":
        import brotli  # the shop's own dependency (Flask-Compress); only this report reads it

        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    for asset in dict.fromkeys(ASSET.findall(body.decode())):
        _, asset_encoding, asset_wire = _fetch(server, asset)
        items.append((asset, asset_wire, asset_encoding or "identity"))
    return {"bytes": sum(item[1] for item in items), "items": items}


def load_pages(args, pages: list[Page], hello: Page, serve: dict, product_path: str, product_name: str) -> dict:
    """wrk on hello, then on every page of the shop, then on hello again.

    Each run starts on a drained server: requests that wrk left behind (it stops waiting for
    them at the end of a run) would otherwise eat into the next run. A server that does not
    drain in time (a page that takes minutes) is replaced.
    """
    load = {"threads": args.threads, "connections": args.connections}

    def measure_hello() -> None:
        hello.busy_before.append(wait_quiet(args.quiet_wait, args.quiet_below))
        with Server("hello", "hello:app", extra=("--pythonpath", str(BENCH)), **serve) as server:
            server.wait_ready("/")
            wrk(server.base + "/", seconds=1, **load)
            for _run in range(args.runs):
                server.drain(DRAIN_LIMIT)
                hello.runs.append(wrk(server.base + "/", seconds=args.duration, **load))
        print(f"  hello: {hello.median('rps'):,.0f} req/s", flush=True)

    measure_hello()
    server = None
    after: dict = {}
    try:
        for page in pages:
            page.busy_before.append(wait_quiet(args.quiet_wait, args.quiet_below))
            extra = {"method": page.method, "body": page.body, "cookie": ""}
            # A page that takes long alone gets a longer load, so that enough requests finish.
            page.seconds = min(
                max(args.duration, SAMPLES * page.alone_ms / 1000), max(args.duration, args.max_duration)
            )
            for run in range(1 if page.interrupted else args.runs):
                if server is not None and not server.drain(DRAIN_LIMIT):
                    print("  (the server is still busy with requests left behind: restarting it)", flush=True)
                    server.stop()
                    server = None
                if server is None:
                    server = Server("shop", "wsgi:app", **serve)
                    server.wait_ready("/healthz")
                    wrk(server.base + "/healthz", seconds=1, **load)  # both workers booted
                    server.drain(DRAIN_LIMIT)
                if page.method == "POST" and not extra["cookie"]:
                    extra["cookie"] = cart_session(server, product_path, page, product_name)
                    extra["body"] = page.body
                elif page.with_session and not extra["cookie"]:
                    extra["cookie"] = visitor_session(server, product_path)[1]
                if run == 0 and not page.interrupted:
                    server.once(page.path, extra)  # warm-up: its templates and queries compiled
                page.runs.append(wrk(server.base + page.path, seconds=page.seconds, **load, **extra))
            page.load_average = os.getloadavg()[0]
            if page.interrupted and server is not None:  # its requests would run for minutes: drop them
                server.stop()
                server = None
            print(
                f"  {page.label}: {page.median('rps'):,.1f} req/s, p50 {page.median('p50_ms'):,.1f} ms, "
                f"p99 {page.median('p99_ms'):,.1f} ms ({page.seconds:.0f} s runs)",
                flush=True,
            )
        if server is None:
            server = Server("shop", "wsgi:app", **serve)
            server.wait_ready("/healthz")
        after["first_visit"] = first_visit(server)
        after["worker_rss_mb"] = worker_rss_mb(server)  # after every page's load
        print(f"  first visit of /: {after['first_visit']['bytes']:,} bytes; workers {after['worker_rss_mb']} MiB")
    finally:
        if server is not None:
            server.stop()
    measure_hello()  # again at the end: the ratio uses the median of both
    return after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: BENCH_DATABASE_URL, else bench/data/bench.db (SQLite)")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the data set generated when missing")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per page and run")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (medians are reported)")
    parser.add_argument("--max-duration", type=float, default=20.0, help="longest load of a slow page per run")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--checkout-database-url",
        default=os.environ.get("BENCH_CHECKOUT_DATABASE_URL", DEFAULT_CHECKOUT_URL),
        help="scratch PostgreSQL database that bench/checkout.py empties and fills",
    )
    parser.add_argument("--checkout-buyers", type=int, default=16)
    parser.add_argument("--checkout-orders", type=int, default=400)
    parser.add_argument("--no-checkout", action="store_true")
    parser.add_argument("--no-load", action="store_true", help="only the in-process pass: SQL per page, time alone")
    parser.add_argument("--only", help="only pages whose label contains this text")
    parser.add_argument(
        "--statement-limit", type=float, default=120, help="seconds after which an in-process SQL statement is stopped"
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=20, help="seconds to wait at most, before each page, for a quiet machine"
    )
    parser.add_argument("--quiet-below", type=float, default=0.25, help="busy CPU share that counts as quiet")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench installs it)")
    url = resolve_url(args.database_url)
    started_at = datetime.now(UTC)
    print(f"Benchmark of {describe(url)} — {started_at:%Y-%m-%d %H:%M} UTC", flush=True)
    if not has_products(url):
        from bench.generate import generate

        generate(url, scale=args.scale)

    app = make_app(url, CACHE_TYPE="NullCache")  # statements of the uncached path; the load runs use the cache
    targets = choose_targets(app)
    pages = plan_pages(targets)
    if args.only:
        pages = [p for p in pages if args.only in p.label]
    product_path = f"/san-pham/{targets['product']}"
    print("SQL statements per request (in-process, test client) ...", flush=True)
    count_queries(app, pages, product_path, args.statement_limit)
    for page in pages:
        if page.status != page.expect and not page.interrupted:
            raise SystemExit(f"{page.label} ({page.path}) answered {page.status} in-process, not {page.expect}")

    hello = Page("hello", "/")
    checkout, note, after = None, "", {}
    if not args.no_load:
        env = app_env(url, SECRET_KEY=secrets.token_hex(32), PYTHONFAULTHANDLER="1")
        serve = {"env": env, "workers": args.workers, "threads": args.worker_threads}
        print(
            f"Load: wrk -t{args.threads} -c{args.connections}, {args.duration:g} s (up to {args.max_duration:g} s "
            f"for slow pages) × {args.runs} runs per page; gunicorn gthread {args.workers} workers × "
            f"{args.worker_threads} threads",
            flush=True,
        )
        after = load_pages(args, pages, hello, serve, product_path, str(escape(targets["product_name"])))
        if not args.no_checkout:
            checkout_url = args.checkout_database_url
            note = f"({args.checkout_buyers} buyers, PostgreSQL scratch database)"
            if checkout_url.startswith("postgresql") and not postgres_answers():
                checkout = {"error": "skipped: PostgreSQL does not answer on 127.0.0.1:5432"}
            else:
                checkout = run_checkout(checkout_url, url, args)

    report = table(pages, hello, checkout, note, args.duration, args.quiet_below)
    database = "SQLite" if is_sqlite(url) else "PostgreSQL"
    print()
    how = "in-process only" if args.no_load else f"medians of {args.runs} runs of {args.duration:g} s or more"
    print(f"{database} data set, {started_at:%Y-%m-%d}, {how}:")
    print(report)
    if any(p.busy_before and max(p.busy_before) >= args.quiet_below for p in [hello, *pages]):
        print(f"† other work kept the machine at least {args.quiet_below:.0%} busy before this page's load")
    if after:
        visit = after["first_visit"]
        print(f"First visit of the home page, images apart: {visit['bytes'] / 1000:,.1f} kB on the wire")
        for asset, size, encoding in visit["items"]:
            print(f"    {asset}: {size:,} bytes ({encoding})")
        rss = ", ".join(f"{mb:,.0f}" for mb in after["worker_rss_mb"])
        print(f"Resident memory of each gunicorn worker after the load: {rss} MiB")
    print()
    print(slow_statements(pages))
    DATA.mkdir(parents=True, exist_ok=True)
    results = {
        "date": started_at.isoformat(),
        "database": describe(url),
        "settings": vars(args),
        "targets": targets,
        "hello": asdict(hello),
        "pages": [asdict(p) for p in pages],
        "checkout": checkout,
        "after_load": after,
    }
    (DATA / "last-run.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nRaw figures: {DATA / 'last-run.json'}")


if __name__ == "__main__":
    main()
