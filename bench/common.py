"""What the benchmark scripts share: the database they use, the app built on it, accent folding.

Only ``app.create_app`` and ``app.config`` are imported from the application (its packages are
being restructured); tables are reached by name through the SQLAlchemy metadata.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
DEFAULT_SQLITE = DATA / "bench.db"
PG_ADMIN_DATABASE = "postgres"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def resolve_url(raw: str | None) -> str:
    """--database-url, else BENCH_DATABASE_URL, else the SQLite file bench/data/bench.db."""
    return raw or os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def sqlalchemy_url(raw: str) -> str:
    """The URL as the app's engine uses it (psycopg 3 for PostgreSQL)."""
    from app.config import database_url

    return database_url(raw) or raw


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path:
    """The file of a sqlite:///... URL."""
    path = url.split("///", 1)[1].split("?", 1)[0]
    if not path:
        raise SystemExit(f"An in-memory SQLite database cannot be benchmarked: {url}")
    return Path(path)


def describe(url: str) -> str:
    """The URL without any password, for printing."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def app_env(url: str, **extra: str) -> dict[str, str]:
    """The environment of a process of the app on this database (development settings, no limits).

    Production refuses SQLite and wants secrets; development with DEBUG off serves the same
    pages the same way, so the benchmark uses it with rate limits switched off.
    """
    env = dict(os.environ)
    env.update(
        APP_ENV="development",
        DATABASE_URL=url,
        RATELIMIT_ENABLED="false",
        MAIL_BACKEND="memory",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def make_app(url: str, **settings):
    """The application on this database, configured as the benchmark serves it."""
    os.environ["APP_ENV"] = "development"
    from app import create_app
    from app.config import config_from_env

    base = config_from_env()
    values = {
        "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(url),
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "REDIS_URL": None,
        "MAIL_BACKEND": "memory",
    }
    values.update(settings)
    return create_app(type("BenchConfig", (base,), values))


def tables(app) -> dict:
    """The application's tables by name (products, variants, stock_records, ...)."""
    return app.extensions["sqlalchemy"].metadata.tables


def engine(app):
    with app.app_context():
        return app.extensions["sqlalchemy"].engine


def migrate(url: str) -> float:
    """Build the schema with the project's Alembic migrations; returns the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=app_env(url),
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def verify_stock(url: str) -> tuple[bool, str]:
    """Run the app's own `flask stock verify` on this database: (passed, its last line)."""
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "stock", "verify"],
        cwd=ROOT,
        env=app_env(url),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode == 0, (lines[-1] if lines else f"exit status {done.returncode}")


# PostgreSQL administration (trust auth on 127.0.0.1): scratch databases.


def _pg_parts(url: str) -> tuple[str, str]:
    """(URL of the maintenance database, name of the database) of a PostgreSQL URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(sqlalchemy_url(url))
    admin = parsed.set(drivername="postgresql", database=PG_ADMIN_DATABASE)
    return admin.render_as_string(hide_password=False), parsed.database


def pg_database_exists(url: str) -> bool:
    import psycopg

    admin, name = _pg_parts(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def pg_create_database(url: str, *, replace: bool) -> None:
    """Create the database (dropping it first when ``replace``)."""
    import psycopg
    from psycopg import sql

    admin, name = _pg_parts(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        if replace:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def has_products(url: str) -> bool:
    """Whether the database exists and has a products table with rows in it."""
    from sqlalchemy import create_engine, inspect, text

    if is_sqlite(url):
        if not sqlite_path(url).exists():
            return False
    elif not pg_database_exists(url):
        return False
    eng = create_engine(sqlalchemy_url(url))
    try:
        with eng.connect() as conn:
            if not inspect(conn).has_table("products"):
                return False
            return conn.execute(text("SELECT 1 FROM products LIMIT 1")).first() is not None
    finally:
        eng.dispose()


# Accent folding, as the catalog does it (reimplemented here: app internals are off limits).

_WORD = re.compile(r"[^\W_]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
NAME_SEPARATOR = "|"


def fold(text: str) -> str:
    """Lower case without accents, đ as d: "Yến sào" → "yen sao"."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def search_document(name_words: list[str], other_words: list[str]) -> str:
    """The products.search_text of a product: " name words | other words "."""
    return " " + " ".join([*name_words, NAME_SEPARATOR, *other_words]) + " "


def slugify(text: str, max_length: int = 120) -> str:
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


@contextmanager
def timed(label: str, timings: dict[str, float], *, quiet: bool = False):
    """Time a step, print it and remember it."""
    started = time.perf_counter()
    yield
    timings[label] = time.perf_counter() - started
    if not quiet:
        print(f"  {label:<42} {timings[label]:7.1f} s", flush=True)
