"""Redis stops answering: sign-in and the API keep working on in-memory limits; /healthz says so."""

from __future__ import annotations

import logging
import os
import uuid

import pytest

from app import create_app
from app.config import TestConfig
from app.core.extensions import db, limiter
from tests import factories

CLOSED_REDIS = "redis://127.0.0.1:9/2"  # nothing listens on port 9 (discard) here


def make_app(tmp_path, redis_url: str, **extra):
    class RedisConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # its own database: never the shared PostgreSQL one
        REDIS_URL = redis_url
        RATELIMIT_ENABLED = True
        RATELIMIT_STORAGE_URI = redis_url
        RATELIMIT_KEY_PREFIX = f"test-{uuid.uuid4().hex}"
        LOGIN_RATE_LIMIT = "3 per minute"
        MEDIA_ROOT = str(tmp_path / "media")

    for key, value in extra.items():
        setattr(RedisConfig, key, value)
    return create_app(RedisConfig)


@pytest.fixture
def redis_down(tmp_path):
    application = make_app(tmp_path, CLOSED_REDIS)
    with application.app_context():
        db.create_all()
        factories.user(email="lan@example.vn")
        db.session.commit()
        yield application
        db.session.remove()
        db.drop_all()
    limiter._storage_dead = False  # the limiter is one object for every app the tests build


def test_sign_in_works_and_the_fall_back_is_logged_when_redis_is_down(redis_down, caplog):
    client = redis_down.test_client()
    with caplog.at_level(logging.WARNING, logger="flask-limiter"):
        response = client.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": "mat-khau-tot-1"})
    assert response.status_code == 302
    assert any("falling back to in-memory storage" in r.getMessage() for r in caplog.records)


def test_the_login_limit_still_holds_in_memory_when_redis_is_down(redis_down):
    client = redis_down.test_client()
    form = {"identifier": "lan@example.vn", "password": "sai-mat-khau"}
    statuses = [client.post("/dang-nhap", data=form).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_api_answers_when_redis_is_down(redis_down):
    client = redis_down.test_client()
    assert client.get("/api/v1/products").status_code == 200
    assert client.get("/api/v1/categories").status_code == 200


def test_healthz_names_redis_as_unavailable(redis_down):
    response = redis_down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "unavailable", "storage": "ok"},
    }


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL (a Redis that answers)")
def test_healthz_says_ok_with_a_redis_that_answers(tmp_path):
    application = make_app(tmp_path, os.environ["TEST_REDIS_URL"])
    with application.app_context():
        db.create_all()
        response = application.test_client().get("/healthz")
        db.drop_all()
    assert response.status_code == 200
    assert response.get_json()["checks"] == {"database": "ok", "redis": "ok", "storage": "ok"}


def test_healthz_names_the_storage_when_it_cannot_be_written(app, client, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    app.config["MEDIA_ROOT"] = str(blocked / "media")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "storage": "unavailable"}
