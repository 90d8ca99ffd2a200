"""Money without holes: refund payout accounts and settlement, bank-feed credits beside statement lines.

Revision ID: 0006_money
Revises: 0005_trust_uploads
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006_money"
down_revision = "0005_trust_uploads"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payout_bank", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("payout_account_no", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("payout_account_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("payout_given_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("settled_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_refunds_settled_by_id_users"), "users", ["settled_by_id"], ["id"])

    with op.batch_alter_table("statement_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=16), nullable=False, server_default="statement")
        )
        batch_op.add_column(sa.Column("provider_transaction_id", sa.String(length=80), nullable=True))
        batch_op.alter_column("statement_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_unique_constraint(
            batch_op.f("uq_statement_lines_provider_transaction_id"), ["provider_transaction_id"]
        )
        batch_op.create_index(batch_op.f("ix_statement_lines_bank_reference"), ["bank_reference"], unique=False)

    with op.batch_alter_table("statement_lines", schema=None) as batch_op:
        batch_op.alter_column("source", existing_type=sa.String(length=16), server_default=None)


def downgrade():
    op.execute("DELETE FROM statement_lines WHERE statement_id IS NULL")
    with op.batch_alter_table("statement_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_lines_bank_reference"))
        batch_op.drop_constraint(batch_op.f("uq_statement_lines_provider_transaction_id"), type_="unique")
        batch_op.alter_column("statement_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("provider_transaction_id")
        batch_op.drop_column("source")

    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_refunds_settled_by_id_users"), type_="foreignkey")
        batch_op.drop_column("settled_by_id")
        batch_op.drop_column("settled_at")
        batch_op.drop_column("payout_given_at")
        batch_op.drop_column("payout_account_name")
        batch_op.drop_column("payout_account_no")
        batch_op.drop_column("payout_bank")
