"""Outlet choice and forgiving search: outlets' short names, the account's remembered pickup
outlet, and the vocabulary of indexed words that corrects misspelt queries.

Revision ID: 0009_outlet_choice
Revises: 0006_money
"""

from alembic import op
import sqlalchemy as sa

from app.catalog.search_index import rebuild_words


# revision identifiers, used by Alembic.
revision = "0009_outlet_choice"
down_revision = "0006_money"
branch_labels = None
depends_on = None

LONG_NAME = "Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp "


def _short_names(connection) -> None:
    """The place at the end of the union's long outlet names becomes the short name."""
    for row in connection.execute(sa.text("SELECT id, name FROM outlets")).all():
        if row.name.startswith(LONG_NAME) and row.name[len(LONG_NAME) :].strip():
            connection.execute(
                sa.text("UPDATE outlets SET short_name = :short WHERE id = :id"),
                {"short": row.name[len(LONG_NAME) :].strip()[:60], "id": row.id},
            )


def upgrade():
    with op.batch_alter_table("outlets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("short_name", sa.String(length=60), nullable=False, server_default=""))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pickup_outlet_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_users_pickup_outlet_id_outlets"), "outlets", ["pickup_outlet_id"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "search_words",
        sa.Column("word", sa.String(length=40), nullable=False),
        sa.Column("stem", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_words")),
    )
    with op.batch_alter_table("search_words", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_words_stem"), ["stem"], unique=False)
    connection = op.get_bind()
    _short_names(connection)
    rebuild_words(connection)


def downgrade():
    with op.batch_alter_table("search_words", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_words_stem"))
    op.drop_table("search_words")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_users_pickup_outlet_id_outlets"), type_="foreignkey")
        batch_op.drop_column("pickup_outlet_id")
    with op.batch_alter_table("outlets", schema=None) as batch_op:
        batch_op.drop_column("short_name")
