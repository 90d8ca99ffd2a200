"""Shared fixtures: an application per test on a fresh database, a client, a runner, auth."""

from __future__ import annotations

import os
import sqlite3

import psycopg
import pytest


def _database_of_this_worker() -> None:
    """Under pytest-xdist (`make test` runs two workers) each worker has a PostgreSQL database of its
    own, named after TEST_DATABASE_URL's with the worker's id; done before the test configuration
    reads TEST_DATABASE_URL."""
    worker, url = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get("TEST_DATABASE_URL", "")
    if not worker or not url.startswith("postgres"):
        return
    base, _, name = url.rpartition("/")
    name = f"{name.split('?')[0]}_{worker}"
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["TEST_DATABASE_URL"] = f"{base}/{name}"


_database_of_this_worker()
from flask import g
from jinja2 import BytecodeCache
from sqlalchemy import text
from werkzeug.routing.rules import Rule

from app import create_app
from app.config import TestConfig
from app.core.extensions import db
from app.core.mail import OUTBOX

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")
_schema_ready = False


def _reset_postgres() -> None:
    """Create the schema once per run; empty every table after each test (fast on PostgreSQL)."""
    global _schema_ready
    if not _schema_ready:
        db.drop_all()
        db.create_all()
        _schema_ready = True


# What a test left behind: the tables holding a row, and the id sequences that moved (a rolled-back insert
# leaves its table empty but its sequence on). Deleting a few rows and resetting a few sequences is much
# cheaper than TRUNCATE, which replaces every table's and index's files.
_MOVED_SEQUENCES = "SELECT schemaname || '.' || sequencename FROM pg_sequences WHERE last_value IS NOT NULL"


def _empty_postgres() -> None:
    tables = db.metadata.sorted_tables
    holding = " UNION ALL ".join(f'SELECT {i} WHERE EXISTS (SELECT 1 FROM "{t.name}")' for i, t in enumerate(tables))
    written = set(db.session.execute(text(holding)).scalars())
    for index in sorted(written, reverse=True):  # children before parents
        db.session.execute(tables[index].delete())
    for sequence in db.session.execute(text(_MOVED_SEQUENCES)).scalars().all():
        db.session.execute(text("SELECT setval(:sequence, 1, false)"), {"sequence": sequence})
    db.session.commit()


class _TemplatesOfThisRun(BytecodeCache):
    """Each test's app has a Jinja environment of its own, which would parse and compile every
    template again; compiled templates are kept for the run instead (keyed by name and source
    checksum, as Jinja's own file cache is)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _TemplatesOfThisRun()
_BUILDERS: dict[tuple, object] = {}
_compile_builder = Rule._compile_builder


def _builder_of_this_run(self, append_unknown: bool = True):
    """Werkzeug compiles two URL builder functions per rule for every app (most of an app's
    creation). A builder depends only on the rule's parsed parts and defaults, and takes the rule
    as its first argument, so the same rule's builder is made once per run."""
    key = (self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())), append_unknown)
    if (builder := _BUILDERS.get(key)) is None:
        builder = _BUILDERS[key] = _compile_builder(self, append_unknown)
    return builder


Rule._compile_builder = _builder_of_this_run


_sqlite_schema: sqlite3.Connection | None = None


def _create_sqlite_schema() -> None:
    """The test's in-memory database gets the empty schema copied in (SQLite's backup), made by
    create_all once per run: issuing every CREATE again costs more than the average test."""
    global _sqlite_schema
    if _sqlite_schema is None:
        db.create_all()
        _sqlite_schema = sqlite3.connect(":memory:", check_same_thread=False)
        with db.engine.connect() as conn:
            conn.connection.driver_connection.backup(_sqlite_schema)
        return
    with db.engine.connect() as conn:
        _sqlite_schema.backup(conn.connection.driver_connection)


def _fresh_request_state() -> None:
    for key in ("_login_user", "_flask_babel", "csrf_token"):
        g.pop(key, None)


@pytest.fixture
def app(tmp_path):
    class Config(TestConfig):
        MEDIA_ROOT = str(tmp_path / "media")

    application = create_app(Config)
    application.jinja_env.bytecode_cache = _TEMPLATES
    # Test code holds one app context around many requests, so `g` outlives a request here;
    # drop the per-request caches (signed-in user, locale) as a fresh request context would.
    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    OUTBOX.clear()
    with application.app_context():
        if ON_POSTGRES:
            _reset_postgres()
        else:
            _create_sqlite_schema()
        yield application
        db.session.remove()
        if ON_POSTGRES:
            _empty_postgres()
        db.engine.dispose()  # an in-memory SQLite database goes with its connection


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, identifier: str = "shopper@example.vn", password: str = "mat-khau-tot-1", **extra):
        return self._client.post(
            "/dang-nhap", data={"identifier": identifier, "password": password, **extra}, follow_redirects=True
        )

    def logout(self):
        return self._client.post("/dang-xuat", follow_redirects=True)


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def outbox():
    return OUTBOX
