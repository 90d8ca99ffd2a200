"""Production starts the way the README says: `make serve` with APP_ENV=production migrates and serves
under gunicorn, never seeds demo data, and refuses weak secret keys."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import DEVELOPMENT_SECRET_KEY, ConfigError, ProductionConfig, database_url

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 16 + uuid.uuid4().hex  # 48 bytes
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_dry_run(*args: str, env: dict | None = None) -> str:
    done = subprocess.run(
        ["make", "-n", "serve", *args], cwd=ROOT, capture_output=True, text=True, env=env or os.environ.copy()
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_make
def test_make_serve_in_production_migrates_and_serves_without_seeding():
    commands = make_dry_run("APP_ENV=production")
    assert "db upgrade" in commands and "gunicorn" in commands
    assert "seed" not in commands
    from_environment = make_dry_run(env={**os.environ, "APP_ENV": "production"})
    assert "seed" not in from_environment and "gunicorn" in from_environment


@needs_make
def test_make_serve_never_seeds_and_make_run_does_in_development():
    env = {k: v for k, v in os.environ.items() if k != "APP_ENV"}
    commands = make_dry_run(env=env)
    assert "seed-demo" not in commands and "db upgrade" in commands and "gunicorn" in commands
    assert "seed-demo --if-empty" in make_dry_run("run", env=env)


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("a", "at least 32 bytes"),
        ("s3cret-but-short-31-bytes-long!", "at least 32 bytes"),
        (DEVELOPMENT_SECRET_KEY, "development value"),
    ],
)
def test_production_refuses_a_weak_or_development_secret_key(monkeypatch, key, reason):
    monkeypatch.setenv("SECRET_KEY", key)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/shop")
    with pytest.raises(ConfigError, match=reason):
        create_app(ProductionConfig)


def test_production_accepts_a_key_of_32_bytes(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "é" * 16)  # 16 characters, 32 bytes in UTF-8
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/shop")
    ProductionConfig.check()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def empty_postgres():
    """A brand-new PostgreSQL database next to the suite's own (dropped afterwards)."""
    pg = database_url(os.environ.get("TEST_DATABASE_URL", ""))
    if not pg or not pg.startswith("postgresql"):
        pytest.skip("production runs on PostgreSQL: set TEST_DATABASE_URL")
    name = f"prod_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def wait_for_health(port: int, server: subprocess.Popen, seconds: float = 90) -> tuple[int, dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make serve stopped: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                return response.status, json.loads(response.read())
        except OSError:
            time.sleep(0.5)
    pytest.fail("gunicorn did not answer /healthz in time")


@pytest.mark.postgres
@needs_make
def test_make_serve_runs_gunicorn_in_production_on_a_fresh_database(empty_postgres, tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "SITE_", "REDIS_"))},
        "APP_ENV": "production",
        "SECRET_KEY": STRONG_KEY,
        "DATABASE_URL": empty_postgres,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}", "WORKERS=1", "THREADS=2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # gunicorn and its worker stop with the group below
    )
    try:
        status, body = wait_for_health(port, server)
        assert status == 200 and body["status"] == "ok"
        engine = create_engine(database_url(empty_postgres))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 0  # no demo accounts
            assert conn.execute(text("SELECT count(*) FROM products")).scalar() == 0
        engine.dispose()
    finally:
        # SIGINT is gunicorn's quick stop: no graceful wait for idle keep-alive connections.
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
