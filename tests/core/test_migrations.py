"""Migrations build the whole schema on an empty database, go down and come back up,
and agree with the models (autogenerate finds nothing left to do)."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.catalog.search_index import is_search_index_object
from app.config import TestConfig, database_url
from app.core.extensions import db


@contextmanager
def empty_database(tmp_path):
    """A brand-new database: a SQLite file, or a fresh PostgreSQL database when the suite runs on one."""
    pg = database_url(os.environ.get("TEST_DATABASE_URL", ""))
    if not pg or not pg.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    name = f"migr_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migration_app(tmp_path):
    with empty_database(tmp_path) as url:

        class Config(TestConfig):
            SQLALCHEMY_DATABASE_URI = url
            MEDIA_ROOT = str(tmp_path / "media")

        application = create_app(Config)
        with application.app_context():
            yield application
            db.session.remove()
            db.engine.dispose()


def table_names() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(migration_app):
    upgrade()
    tables = table_names()
    assert {"users", "sellers", "products", "variants", "outlets", "stock_records", "orders", "payments"} <= tables
    downgrade(revision="base")
    assert table_names() == set()
    upgrade()
    assert table_names() == tables


def keep_name(name, type_, parent_names) -> bool:
    """The search index lives outside the model metadata (see app/catalog/search_index.py)."""
    return not is_search_index_object(name, type_, parent_names)


def test_migrations_match_the_models(migration_app):
    upgrade()
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True, "include_name": keep_name}), db.metadata
        )
    assert diff == []
