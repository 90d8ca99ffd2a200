"""Fixtures of the catalog tests that run with the cache switched on."""

from __future__ import annotations

import pytest

from app.core.extensions import cache
from tests.catalog.factories import shop


@pytest.fixture
def cached(app):
    """The test app with the in-memory cache switched on (the tests' default is NullCache)."""
    app.config["CACHE_TYPE"] = "SimpleCache"
    cache.init_app(app)
    cache.clear()
    return app


@pytest.fixture
def catalog(cached):
    return shop()
