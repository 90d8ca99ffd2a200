"""catalog search index: FTS5 on SQLite, pg_trgm on PostgreSQL; backfill search_text

Revision ID: 0002_catalog_search
Revises: 0001_initial
Create Date: 2026-11-29 16:00:00

The statements are those of app/catalog/search_index.py (tests create the schema with
create_all, which installs the same index through a metadata event).
"""
from alembic import op
import sqlalchemy as sa

from app.catalog.search_index import install, uninstall
from app.core.text import search_document


# revision identifiers, used by Alembic.
revision = "0002_catalog_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _backfill(connection) -> None:
    """Compute search_text for products saved before the index existed."""
    categories = {
        row.id: row
        for row in connection.execute(sa.text("SELECT id, parent_id, name_vi, name_en FROM categories"))
    }
    products = connection.execute(
        sa.text("SELECT id, name, summary, description, category_id FROM products")
    ).all()
    for row in products:
        names, category, depth = [], categories.get(row.category_id), 0
        while category is not None and depth < 8:
            names += [category.name_vi, category.name_en]
            category, depth = categories.get(category.parent_id), depth + 1
        document = search_document(row.name or "", row.summary or "", row.description or "", *names)
        connection.execute(
            sa.text("UPDATE products SET search_text = :document WHERE id = :id"),
            {"document": document, "id": row.id},
        )


def upgrade():
    connection = op.get_bind()
    _backfill(connection)
    install(connection)


def downgrade():
    uninstall(op.get_bind())
