"""A database built by the migrations (not create_all) searches the same way."""

from __future__ import annotations

from flask_migrate import upgrade

from app.catalog import search_index
from app.catalog.listing import Filters, browse
from app.core.extensions import db
from tests import factories
from tests.core.test_migrations import migration_app  # noqa: F401  (fixture)


def test_search_works_on_a_migrated_database(migration_app):  # noqa: F811
    upgrade()
    assert search_index.capabilities().fts5 or search_index.capabilities().trigram
    factories.product(name="Yến sào Bình Phước hộp 100g")
    db.session.commit()
    assert [p.name for p in browse(Filters(q="YẾN SAO")).items] == ["Yến sào Bình Phước hộp 100g"]
    assert [p.name for p in browse(Filters(q="yen sap")).items] == ["Yến sào Bình Phước hộp 100g"]
