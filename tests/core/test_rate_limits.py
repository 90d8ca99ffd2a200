"""Rate limits: on by default, a friendly 429 page, counters in Redis when configured."""

from __future__ import annotations

import os
import uuid

import pytest

from app import create_app
from app.config import Config, TestConfig
from app.core.extensions import db


@pytest.fixture
def limited_client(tmp_path):
    class Limited(TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # its own database: never the shared PostgreSQL one
        RATELIMIT_ENABLED = True
        RATELIMIT_STORAGE_URI = os.environ.get("TEST_REDIS_URL") or "memory://"
        RATELIMIT_KEY_PREFIX = f"test-{uuid.uuid4().hex}"
        LOGIN_RATE_LIMIT = "3 per minute"
        MEDIA_ROOT = str(tmp_path)

    application = create_app(Limited)
    with application.app_context():
        db.create_all()
        yield application.test_client()
        db.session.remove()
        db.drop_all()


def test_rate_limits_are_on_unless_switched_off():
    assert Config.RATELIMIT_ENABLED is (os.environ.get("RATELIMIT_ENABLED", "true").lower() != "false")


def test_too_many_login_attempts_get_a_429_page_in_vietnamese(limited_client):
    form = {"identifier": "lan@example.vn", "password": "sai-mat-khau"}
    statuses = [limited_client.post("/dang-nhap", data=form).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    page = limited_client.post("/dang-nhap", data=form)
    assert "Bạn đã gửi quá nhiều yêu cầu" in page.get_data(as_text=True)


def test_reading_the_login_page_is_not_limited(limited_client):
    assert all(limited_client.get("/dang-nhap").status_code == 200 for _ in range(6))
