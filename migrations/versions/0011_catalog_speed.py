"""Catalog speed: products' sort keys (lowest price on sale, rating rank) and the indexes that let
every listing, filter and sort stop after one page.

Revision ID: 0011_catalog_speed
Revises: 0008_back_office
Create Date: 2026-11-30 18:00:00

Columns are added with plain ADD COLUMN (no table copy on SQLite, so the products table keeps its
search-index triggers) and filled from the variants and ratings with the SQL of
app/catalog/sort_keys.py, which keeps them up to date from then on. The single-column indexes on
products.status, products.created_at, variants.product_id and stock_records.outlet_id are
replaced by composite indexes that start with the same column.
"""

import sqlalchemy as sa
from alembic import op

from app.catalog.search_index import install

# revision identifiers, used by Alembic.
revision = "0011_catalog_speed"
down_revision = "0008_back_office"
branch_labels = None
depends_on = None

SORT_KEYS = ["created_at", "sold_count", "min_price_vnd", "rating_rank", "rating_count", "id"]
PRICE_REST = ["created_at", "sold_count", "rating_rank", "rating_count"]
RATING_REST = ["created_at", "sold_count", "min_price_vnd"]
PRODUCT_INDEXES = {
    "ix_products_newest": ["status", "is_hidden", "created_at", "id", "seller_id"],
    "ix_products_best_selling": ["status", "is_hidden", "sold_count", "id", "seller_id"],
    "ix_products_featured": ["status", "is_hidden", "is_featured", "sold_count", "id", "seller_id"],
    "ix_products_price": ["status", "is_hidden", "min_price_vnd", "id", "seller_id", *PRICE_REST],
    "ix_products_rating": ["status", "is_hidden", "rating_rank", "rating_count", "id", "seller_id", *RATING_REST],
    "ix_products_category_listing": ["status", "is_hidden", "category_id", "seller_id", *SORT_KEYS],
    "ix_products_seller_listing": ["status", "is_hidden", "seller_id", *SORT_KEYS],
    "ix_products_ocop_listing": ["status", "is_hidden", "ocop_stars", "seller_id", *SORT_KEYS],
}


def upgrade():
    op.add_column("products", sa.Column("min_price_vnd", sa.Integer(), nullable=True))
    op.add_column("products", sa.Column("rating_rank", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        "UPDATE products SET min_price_vnd = (SELECT min(variants.price_vnd) FROM variants "
        "WHERE variants.product_id = products.id AND variants.is_active = true)"
    )
    op.execute("UPDATE products SET rating_rank = rating_sum * 1000 / rating_count WHERE rating_count > 0")
    op.drop_index("ix_products_status", table_name="products")
    op.drop_index("ix_products_created_at", table_name="products")
    for name, columns in PRODUCT_INDEXES.items():
        op.create_index(name, "products", columns, unique=False)
    op.drop_index("ix_variants_product_id", table_name="variants")
    op.create_index("ix_variants_product_active", "variants", ["product_id", "is_active", "price_vnd"], unique=False)
    op.drop_index("ix_stock_records_outlet_id", table_name="stock_records")
    op.create_index(
        "ix_stock_records_outlet_available",
        "stock_records",
        ["outlet_id", "variant_id", "on_hand", "reserved"],
        unique=False,
    )
    op.create_index("ix_product_certifications_code", "product_certifications", ["code", "product_id"], unique=False)


def downgrade():
    op.drop_index("ix_product_certifications_code", table_name="product_certifications")
    op.drop_index("ix_stock_records_outlet_available", table_name="stock_records")
    op.create_index("ix_stock_records_outlet_id", "stock_records", ["outlet_id"], unique=False)
    op.drop_index("ix_variants_product_active", table_name="variants")
    op.create_index("ix_variants_product_id", "variants", ["product_id"], unique=False)
    for name in reversed(PRODUCT_INDEXES):
        op.drop_index(name, table_name="products")
    op.create_index("ix_products_created_at", "products", ["created_at"], unique=False)
    op.create_index("ix_products_status", "products", ["status"], unique=False)
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("rating_rank")
        batch_op.drop_column("min_price_vnd")
    install(op.get_bind())  # a table copy on SQLite drops the search triggers: put them back
