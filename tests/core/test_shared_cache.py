"""The cache in Redis: two app servers share the cached pages and the catalog version, so a change
committed through one is seen by the other on the next request; a Redis that does not answer
only means pages are rendered afresh."""

from __future__ import annotations

import logging
import os
import re
import uuid

import pytest
import redis

from app import create_app
from app.config import TestConfig
from app.core.extensions import db
from tests.catalog.factories import shop
from tests.helpers import recorded_queries

SHARED_REDIS = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/13"
CLOSED_REDIS = "redis://127.0.0.1:9/2"  # nothing listens on port 9 (discard) here


def answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False


def without_tokens(response) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', "", response.get_data(as_text=True))


def server(tmp_path, redis_url: str, prefix: str):
    """One app server of the shop: its own process state, the shared database and Redis."""

    class ServerConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'shared.db'}"  # never the shared PostgreSQL one
        REDIS_URL = redis_url
        CACHE_TYPE = "RedisCache"
        CACHE_REDIS_URL = redis_url
        CACHE_KEY_PREFIX = prefix
        MEDIA_ROOT = str(tmp_path / "media")

    return create_app(ServerConfig)


@pytest.mark.skipif(not answers(SHARED_REDIS), reason=f"needs a Redis that answers at {SHARED_REDIS} (TEST_REDIS_URL)")
def test_a_change_committed_through_one_server_is_seen_by_the_other(tmp_path):
    prefix = f"test-{uuid.uuid4().hex}:"
    one, other = server(tmp_path, SHARED_REDIS, prefix), server(tmp_path, SHARED_REDIS, prefix)
    with one.app_context():
        db.create_all()
        mango_slug = shop().mango.slug
    url = f"/san-pham/{mango_slug}"
    try:
        first = other.test_client().get(url)
        assert "60.000\xa0₫" in first.get_data(as_text=True)
        with other.app_context(), recorded_queries() as sent:
            from_redis = one.test_client().get(url)  # the page the other server kept, served by this one
        assert without_tokens(from_redis) == without_tokens(first) and sent == []  # each visitor has her own token

        with one.app_context():
            from app.catalog.models import Product  # noqa: PLC0415 (only this test writes through the model)

            product = db.session.scalar(db.select(Product).where(Product.slug == mango_slug))
            product.variants[0].price_vnd = 66_000
            db.session.commit()  # this server's write makes a new catalog version in Redis

        again = other.test_client().get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 200 and "66.000\xa0₫" in again.get_data(as_text=True)
    finally:
        client = redis.Redis.from_url(SHARED_REDIS)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
        for app in (one, other):
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def test_pages_are_rendered_afresh_when_the_cache_does_not_answer(tmp_path, caplog):
    app = server(tmp_path, CLOSED_REDIS, "test-closed:")
    with app.app_context():
        db.create_all()
        catalog = shop()
        client = app.test_client()
        with caplog.at_level(logging.WARNING, logger="app.core.cache"):
            pages = [client.get(url) for url in ("/", f"/san-pham/{catalog.mango.slug}", "/api/v1/products")]
        assert [p.status_code for p in pages] == [200, 200, 200]
        assert "Xoài cát Hòa Lộc" in pages[1].get_data(as_text=True)
        assert any("Cache unreachable" in r.getMessage() for r in caplog.records)
        db.session.remove()
        db.drop_all()
