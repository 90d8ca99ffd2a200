"""On PostgreSQL, buyers reviewing the same product at once: the product's figures count every one,
and the same line sent twice at once is saved once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from app import create_app
from app.accounts.models import User
from app.config import TestConfig
from app.core.extensions import db
from app.reviews import services
from app.reviews.models import Review
from tests import factories
from tests.conftest import ON_POSTGRES
from tests.orders.factories import reload, stocked_variant
from tests.reviews.factories import bought

WRITERS = 12


class WriterConfig(TestConfig):
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": WRITERS, "max_overflow": 0, "pool_timeout": 60}


def _write_all(jobs: list[tuple[int, int, int]]) -> list[str]:
    """Each job (user id, line id, stars) in its own thread and connection, all started together."""
    writers_app = create_app(WriterConfig)
    start = threading.Barrier(len(jobs))

    def write(job: tuple[int, int, int]) -> str:
        user_id, line_id, stars = job
        with writers_app.app_context(), writers_app.test_request_context():
            user = db.session.get(User, user_id)
            start.wait()
            try:
                services.write_review(user=user, line_id=line_id, data=services.ReviewInput(stars=stars))
                return "saved"
            except services.ReviewError as exc:
                return exc.message
            finally:
                db.session.remove()

    try:
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            return list(pool.map(write, jobs, timeout=120))
    finally:
        with writers_app.app_context():
            db.engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (TEST_DATABASE_URL)")
def test_reviews_written_at_once_are_all_counted(app):
    variant, outlet = stocked_variant(quantity=WRITERS * 2)
    buyers = [factories.user() for _ in range(WRITERS)]
    db.session.commit()
    lines = [bought(b, variant=variant, outlet_obj=outlet) for b in buyers]
    jobs = [(b.id, line.id, 1 + i % 5) for i, (b, line) in enumerate(zip(buyers, lines, strict=True))]
    assert _write_all(jobs) == ["saved"] * WRITERS
    product = reload(variant.product)
    assert (product.rating_count, product.rating_sum) == (WRITERS, sum(stars for _u, _l, stars in jobs))


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (TEST_DATABASE_URL)")
def test_the_same_line_sent_twice_at_once_is_saved_once(app):
    buyer = factories.user()
    db.session.commit()
    line = bought(buyer)
    results = _write_all([(buyer.id, line.id, 5), (buyer.id, line.id, 4)])
    assert sorted(results)[-1] == "saved" and results.count("saved") == 1
    assert db.session.scalar(select(func.count(Review.id))) == 1
    assert reload(line.variant.product).rating_count == 1
