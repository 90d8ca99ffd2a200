"""Every listing answers in bounded time on a big catalog (20,000 products, 123,000 stock rows).

Each page is asked under a statement timeout (app/core/timeouts.py: PostgreSQL's
statement_timeout, SQLite's progress-handler clock); a stopped statement answers 503, so the
test reads the status code, never a wall clock. The plans whose cost runs away with the data
overrun it at this size (the outlet filter's nested lists, deep OFFSETs, a price worked out
for every product: 130 ms to 26 s a statement), while the slowest statement of a plan that
stops after a page takes 1–30 ms even on a busy machine. Reading and sorting every visible
product is still fast at 20,000 (10–60 ms), so on SQLite, whose planner has no statistics and
always chooses the same way, the query plans are read too: no statement may read the whole
products table, nor sort the rows of every visible product.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

import app.models  # noqa: F401  (every table in the metadata before it is created)
from app import create_app
from app.catalog.listing import MAX_RESULTS, Filters, browse
from app.config import TestConfig, database_url
from app.core.extensions import db
from tests.catalog import big_catalog

# Three times the slowest statement of the pages below on a machine busy with other work.
STATEMENT_TIMEOUT_MS = 100

PAGES = {
    "newest": "/san-pham",
    "price ascending": "/san-pham?sort=price_asc",
    "price descending": "/san-pham?sort=price_desc",
    "best selling": "/san-pham?sort=best_selling",
    "best rated": "/san-pham?sort=rating",
    "top category page": "/danh-muc/{top_category}",
    "top category by price": "/danh-muc/{top_category}?sort=price_desc",
    "leaf category best selling": "/san-pham?category={leaf_category}&sort=best_selling",
    "seller kind": "/san-pham?kind=cooperative",
    "seller kind by price": "/san-pham?kind=individual&sort=price_asc",
    "OCOP stars": "/san-pham?ocop=4",
    "OCOP stars best rated": "/san-pham?ocop=5&sort=rating",
    "certification": "/san-pham?cert=vietgap",
    "rare certification by price": "/san-pham?cert=haccp&sort=price_desc",
    "price range": "/san-pham?price_min=50.000&price_max=200.000",
    "price range best selling": "/san-pham?price_min=1.000.000&sort=best_selling",
    "rating": "/san-pham?rating=4",
    "outlet": "/san-pham?outlet={outlet}",
    "outlet by price": "/san-pham?outlet={outlet}&sort=price_asc",
    "outlet page": "/cua-hang/{outlet}",
    "seller page": "/nguoi-ban/{seller}",
    "filters together": "/san-pham?category={top_category}&kind=cooperative&ocop=3&price_max=500.000&sort=rating",
    "page 2": "/san-pham?page=2",
    "deep page": "/san-pham?page=80",
    "page past the end": "/san-pham?page=99999&sort=price_desc",
    "deep page of a filter": "/san-pham?cert=vietgap&page=60&sort=best_selling",
    "search, a common word": "/tim-kiem?q=rau",
    "search, two words": "/tim-kiem?q=ca+phe",
    "search, deep page": "/tim-kiem?q=rau&page=70",
    "search, misspelt": "/tim-kiem?q=xoai+kat",
    "search by price": "/tim-kiem?q=hat+dieu&sort=price_asc",
    "home": "/",
    "product page": "/san-pham/{product}",
    "API products": "/api/v1/products?per_page=100&page=15",
    "API products at an outlet": "/api/v1/products?outlet={outlet}&sort=rating",
}


def _fresh_database(tmp_path) -> tuple[str, str | None]:
    """(URL, name of a PostgreSQL database to drop afterwards) of an empty database."""
    pg = database_url(os.environ.get("TEST_DATABASE_URL", ""))
    if not pg or not pg.startswith("postgresql"):
        return f"sqlite:///{tmp_path / 'big.db'}", None
    name = f"bounded_{uuid.uuid4().hex[:10]}"
    with create_engine(pg, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(pg).set(database=name).render_as_string(hide_password=False), name


def _drop_database(name: str) -> None:
    admin = create_engine(database_url(os.environ["TEST_DATABASE_URL"]), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """An app on the big catalog, its statements bounded by STATEMENT_TIMEOUT_MS."""
    tmp_path = tmp_path_factory.mktemp("big")
    url, pg_name = _fresh_database(tmp_path)
    engine = create_engine(url)  # no timeout while the data is written
    db.metadata.create_all(engine)
    with engine.begin() as conn:
        catalog = big_catalog.build(conn, db.metadata)
    if pg_name:  # what autovacuum does on a live database: statistics for the planner
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        STATEMENT_TIMEOUT_MS = STATEMENT_TIMEOUT_MS
        MEDIA_ROOT = str(tmp_path / "media")

    application = create_app(Config)
    yield application, catalog
    with application.app_context():
        db.engine.dispose()
    if pg_name:
        _drop_database(pg_name)


@pytest.fixture(scope="module")
def big_client(big):
    return big[0].test_client()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_listing_answers_within_the_statement_timeout(big, big_client, path):
    _app, catalog = big
    response = big_client.get(path.format(**vars(catalog)))
    assert response.status_code == 200, f"{path} answered {response.status_code} (a statement was stopped?)"
    if path.startswith("/api/"):
        assert response.get_json()["items"]
    else:
        assert 'class="card-title"' in response.get_data(as_text=True)


def test_a_long_list_says_there_are_more_and_stops_paging_at_the_limit(big):
    app, _catalog = big
    with app.app_context():
        first = browse(Filters())
        deepest = browse(Filters(), page=10**6)
    assert first.capped and first.total == MAX_RESULTS and not first.at_depth_limit
    assert deepest.page == first.pages and deepest.at_depth_limit and len(deepest.items) > 0
    assert not {p.id for p in first.items} & {p.id for p in deepest.items}


# --- query plans (SQLite: the planner has no statistics, so the plan is the same everywhere) ---

# Every product read from its row: the whole table, or an index constrained by visibility alone.
FULL_SCAN = re.compile(r"SCAN products\b(?! USING COVERING INDEX)")
READS_EVERY_ROW = re.compile(FULL_SCAN.pattern + r"|SEARCH products USING INDEX \w+ \(status=\?( AND is_hidden=\?)?\)$")


def _plans(app, path: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """(statement, [(parent, plan line)]) of every statement reading products while the page is built."""
    seen: list[tuple[str, object]] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if "products" in statement and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    with app.app_context():
        engine = db.engine
        event.listen(engine, "before_cursor_execute", note)
        try:
            assert app.test_client().get(path).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", note)
        with engine.connect() as conn:
            return [
                (sql, [(row[1], row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()])
                for sql, params in seen
            ]


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_listing_reads_every_product(big, path):
    """No SELECT reads the whole products table, or reads every visible product's row and then
    sorts them (work that grows with the catalog and that no LIMIT can stop)."""
    app, catalog = big
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL plans follow its statistics; the timeout test covers them")
    plans = _plans(app, path.format(**vars(catalog)))
    assert plans, "the page read no product (served from a cache?)"
    for statement, plan in plans:
        scans = [line for _parent, line in plan if FULL_SCAN.search(line)]
        assert not scans, f"{path}: reads every product with {scans}\n{statement}"
        for level in {parent for parent, _line in plan}:
            lines = [line for parent, line in plan if parent == level]
            if any(line.startswith("USE TEMP B-TREE FOR ORDER BY") for line in lines):
                wide = [line for line in lines if READS_EVERY_ROW.search(line)]
                assert not wide, f"{path}: sorts the rows read by {wide}\n{statement}"
