"""Shared fixtures: an application per test on a fresh database, a client, a runner, auth."""

from __future__ import annotations

import os

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
from sqlalchemy import text

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


def _empty_postgres() -> None:
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.session.commit()


def _fresh_request_state() -> None:
    for key in ("_login_user", "_flask_babel", "csrf_token"):
        g.pop(key, None)


@pytest.fixture
def app(tmp_path):
    class Config(TestConfig):
        MEDIA_ROOT = str(tmp_path / "media")

    application = create_app(Config)
    # Test code holds one app context around many requests, so `g` outlives a request here;
    # drop the per-request caches (signed-in user, locale) as a fresh request context would.
    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    OUTBOX.clear()
    with application.app_context():
        if ON_POSTGRES:
            _reset_postgres()
        else:
            db.create_all()
        yield application
        db.session.remove()
        if ON_POSTGRES:
            _empty_postgres()
        else:
            db.drop_all()
        db.engine.dispose()


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
