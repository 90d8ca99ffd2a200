"""Uploads: a record of each accepted upload (daily quotas per account); photos found by their key.

Revision ID: 0005_trust_uploads
Revises: 0004_trust_accounts
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0005_trust_uploads"
down_revision = "0004_trust_accounts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "upload_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_upload_records_size_not_negative")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_upload_records_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload_records")),
    )
    with op.batch_alter_table("upload_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_upload_records_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_upload_records_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("product_images", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_images_storage_key"), ["storage_key"], unique=False)


def downgrade():
    with op.batch_alter_table("product_images", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_images_storage_key"))

    with op.batch_alter_table("upload_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_upload_records_user_id"))
        batch_op.drop_index(batch_op.f("ix_upload_records_created_at"))

    op.drop_table("upload_records")
