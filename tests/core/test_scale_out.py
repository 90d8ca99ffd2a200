"""Several app processes behind one load balancer: they share the database and Redis, so a limit
counted by one process holds in the other, and a catalog change made anywhere is seen by both at
once (the cached pages and the catalog version are in Redis).

Two gunicorn processes are started on one SQLite file and the Redis of TEST_REDIS_URL (the test is
skipped, visibly, when no Redis is given).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from sqlalchemy import select

from app import create_app
from app.catalog.models import Product, Variant
from app.config import TestConfig
from app.core.extensions import db
from tests import factories
from tests.core.test_production_start import free_port, wait_for_health

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("TEST_REDIS_URL")

pytestmark = pytest.mark.skipif(not REDIS, reason="needs TEST_REDIS_URL (a Redis both processes share)")


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale-out")
    url = f"sqlite:///{folder / 'shop.db'}"

    class Schema(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        MEDIA_ROOT = str(folder / "media")

    prefix = f"scale-out-{uuid.uuid4().hex[:8]}:"

    class Writer(Schema):  # a third process of the shop (here: the test's), writing to the catalog
        CACHE_TYPE = "RedisCache"
        REDIS_URL = REDIS
        CACHE_KEY_PREFIX = prefix

    writer = create_app(Writer)
    with writer.app_context():
        db.create_all()
        product = factories.product(name="Rau muống sạch", price=25000)
        db.session.commit()
        slug = product.slug
        db.session.remove()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "SITE_", "REDIS_", "DATABASE_"))},
        "APP_ENV": "development",
        "DATABASE_URL": url,
        "REDIS_URL": REDIS,
        "MEDIA_ROOT": str(folder / "media"),
        "RATELIMIT_ENABLED": "true",
        "LOGIN_RATE_LIMIT": "100 per minute",
        "ACCOUNT_RATE_LIMIT": "3 per minute",
        "CACHE_KEY_PREFIX": prefix,
    }
    servers, ports = [], []
    try:
        for _ in range(2):
            port = free_port()
            server = subprocess.Popen(
                [str(ROOT / ".venv/bin/gunicorn"), "--workers", "1", "--threads", "2", "--bind", f"127.0.0.1:{port}"]
                + ["wsgi:app"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            servers.append(server)
            ports.append(port)
        for port, server in zip(ports, servers, strict=True):
            wait_for_health(port, server)
        yield ports, writer, slug
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


class Browser:
    """One visitor: her cookies go to whichever process the load balancer picks."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, port: int, path: str) -> str:
        with self.opener.open(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.read().decode()

    def post(self, port: int, path: str, form: dict) -> int:
        body = urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(f"http://127.0.0.1:{port}{path}", data=body, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def test_failed_sign_ins_are_counted_across_both_processes(two_processes):
    (first, second), _, _ = two_processes
    browser = Browser()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', browser.get(first, "/dang-nhap"))
    assert token, "the sign-in form carries a CSRF token"
    form = {"identifier": f"lan-{uuid.uuid4().hex[:8]}@example.vn", "password": "sai-mat-khau", "csrf_token": token[1]}
    # Three wrong passwords for one account, spread over both processes; the fourth is refused by either.
    answers = [browser.post(port, "/dang-nhap", form) for port in (first, second, first)]
    assert answers == [200, 200, 200]  # the form again, with its message
    assert browser.post(second, "/dang-nhap", form) == 429
    assert browser.post(first, "/dang-nhap", form) == 429


def test_a_price_changed_anywhere_shows_at_once_in_both_processes(two_processes):
    (first, second), writer, slug = two_processes
    visitor = Browser()
    for port in (first, second, first, second):
        assert "25.000" in visitor.get(port, f"/san-pham/{slug}")
    with writer.app_context():  # the page is kept in Redis, under this shop's prefix
        prefix = writer.config["CACHE_KEY_PREFIX"]
        assert any(b"page:" in key for key in redis.Redis.from_url(REDIS).keys(f"{prefix}*"))
    with writer.app_context():
        variant = db.session.scalar(select(Variant).join(Product).where(Product.slug == slug))
        variant.price_vnd = 31000
        db.session.commit()
        db.session.remove()
    # Well within the entries' 5 seconds: only the shared catalog version can make both pages new.
    for port in (second, first):
        page = visitor.get(port, f"/san-pham/{slug}")
        assert "31.000" in page and "25.000" not in page
