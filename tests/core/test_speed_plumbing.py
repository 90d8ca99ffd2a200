"""Bounded statement time and compressed pages."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys

import brotli
import pytest
from flask import Flask
from sqlalchemy import text

from app.config import ROOT
from app.core.extensions import db
from tests.conftest import ON_POSTGRES

SLOW_SQLITE = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) SELECT count(*) FROM n"
)


def _slow_route(app: Flask) -> None:
    @app.get("/_slow")
    def slow():
        sql = "SELECT pg_sleep(3)" if ON_POSTGRES else SLOW_SQLITE
        db.session.execute(text(sql))
        return "finished"


@pytest.fixture
def slow_app(app):
    app.config["STATEMENT_TIMEOUT_MS"] = 300
    _slow_route(app)
    return app


def test_a_statement_that_runs_too_long_is_stopped_with_a_503_page(slow_app):
    response = slow_app.test_client().get("/_slow")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Vui lòng thử lại sau giây lát" in response.get_data(as_text=True)


def test_a_quick_statement_is_not_stopped(slow_app):
    assert db.session.execute(text("SELECT 1")).scalar() == 1


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_pages_are_compressed_for_clients_that_accept_it(client, encoding, decode):
    response = client.get("/", headers={"Accept-Encoding": encoding})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers.get("Vary", "")
    assert "<html" in decode(response.get_data()).decode("utf-8")


def test_pages_are_plain_for_clients_that_do_not_accept_compression(client):
    response = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert "<html" in response.get_data(as_text=True)


def test_the_statement_timeout_bounds_requests_and_never_commands(app, runner):
    """Within a request every statement is bounded by STATEMENT_TIMEOUT_MS; a command (a migration,
    a report) is not, and a connection a command takes back loses the bound."""
    sql = "SELECT pg_sleep(0.8)" if ON_POSTGRES else SLOW_SQLITE.replace("100000000", "3000000")
    app.config["STATEMENT_TIMEOUT_MS"] = 300

    @app.cli.command("slow-task")
    def slow_task():
        db.session.execute(text(sql))
        db.session.remove()
        print("finished")

    assert "finished" in runner.invoke(args=["slow-task"]).output
    _slow_route(app)
    assert app.test_client().get("/_slow").status_code == 503
    db.session.remove()
    assert "finished" in runner.invoke(args=["slow-task"]).output


@pytest.mark.parametrize("encoding, decode", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_stylesheets_are_sent_from_their_compressed_copies(client, encoding, decode):
    """`make static` (run by `make test`, `make run` and `make serve`) writes the copies WhiteNoise sends."""
    plain = client.get("/static/css/site.css", headers={"Accept-Encoding": "identity"})
    packed = client.get("/static/css/site.css", headers={"Accept-Encoding": encoding})
    assert packed.headers["Content-Encoding"] == encoding
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert decode(packed.get_data()) == plain.get_data()


def _run(code_or_args: list[str], tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, APP_ENV="development", DATABASE_URL=f"sqlite:///{tmp_path / 'shop.db'}")
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_web_worker_never_loads_alembic_or_redis(tmp_path):
    done = _run(["-c", "import sys, wsgi; print(sorted({'alembic', 'redis'} & set(sys.modules)))"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_flask_db_still_migrates_with_alembic_loaded_on_demand(tmp_path):
    upgraded = _run(["-m", "flask", "--app", "wsgi", "db", "upgrade"], tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    current = _run(["-m", "flask", "--app", "wsgi", "db", "current"], tmp_path)
    assert current.returncode == 0 and "(head)" in current.stdout
    listed = _run(["-m", "flask", "--app", "wsgi", "db", "--help"], tmp_path)
    assert "upgrade" in listed.stdout and "downgrade" in listed.stdout
