"""DATABASE_REPLICA_URL: the public catalog and the API read the replica; carts, orders, accounts
and every write stay on the primary."""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import insert, select, text, update

from app import create_app
from app.catalog.models import Product
from app.config import TestConfig
from app.core.extensions import db
from app.core.replica import replica_engine
from tests import factories


@pytest.fixture
def two_databases(tmp_path):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'primary.db'}"
        DATABASE_REPLICA_URL = f"sqlite:///{tmp_path / 'replica.db'}"
        MEDIA_ROOT = str(tmp_path / "media")

    application = create_app(Config)
    with application.app_context():
        db.create_all()
        db.metadata.create_all(replica_engine(application))
        product = factories.product(name="Rau muống sạch")
        db.session.commit()
        # The replica is a copy of the primary, a moment behind: the product's name has not reached it yet.
        with db.engine.connect() as source, replica_engine(application).begin() as target:
            for table in db.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in source.execute(select(table))]
                if rows:
                    target.execute(insert(table), rows)
        db.session.execute(update(Product).where(Product.id == product.id).values(name="Rau muống hữu cơ"))
        db.session.commit()
        world = application, product.slug, product.variants[0].id
    yield world  # each request opens its own app context, and so its own session, as in production
    with application.app_context():
        db.engine.dispose()
        replica_engine(application).dispose()


def test_catalog_pages_and_the_api_read_the_replica(two_databases):
    app, slug, _ = two_databases
    client = app.test_client()
    assert "Rau muống sạch" in client.get(f"/san-pham/{slug}").get_data(as_text=True)
    assert client.get(f"/api/v1/products/{slug}").get_json()["name"] == "Rau muống sạch"


def test_the_cart_reads_the_primary(two_databases):
    app, _, variant_id = two_databases
    client = app.test_client()
    client.post("/gio-hang/them", data={"variant_id": variant_id, "quantity": 1})
    page = client.get("/gio-hang").get_data(as_text=True)
    assert "Rau muống hữu cơ" in page
    assert "Rau muống sạch" not in page


def test_writes_during_a_replica_page_go_to_the_primary(two_databases):
    app, slug, _ = two_databases
    with app.test_request_context(f"/san-pham/{slug}"):
        app.preprocess_request()  # the request's own hooks send its reads to the replica
        assert g.read_replica is True
        product = db.session.scalars(select(Product)).one()
        assert product.name == "Rau muống sạch"  # read from the replica
        product.summary = "Hái sáng nay"
        db.session.commit()  # the flush goes to the primary
        db.session.execute(text("UPDATE products SET sold_count = 7"))
        db.session.commit()
    with app.app_context(), db.engine.connect() as primary, replica_engine(app).connect() as replica:
        assert primary.execute(text("SELECT summary, sold_count FROM products")).one() == ("Hái sáng nay", 7)
        assert replica.execute(text("SELECT sold_count FROM products")).scalar() == 0


def test_health_reports_the_replica(two_databases):
    app, _, _ = two_databases
    body = app.test_client().get("/healthz").get_json()
    assert body["checks"]["replica"] == "ok"


def test_without_a_replica_every_page_reads_the_primary(app, client):
    product = factories.product(name="Cải bó xôi")
    db.session.commit()
    assert replica_engine(app) is None
    assert "Cải bó xôi" in client.get(f"/san-pham/{product.slug}").get_data(as_text=True)
