"""Back office: an outlet's short name for shoppers; shipments found by hand-over time for the reports.

Revision ID: 0008_back_office
Revises: 0007_sellers_desk
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008_back_office"
down_revision = "0007_sellers_desk"
branch_labels = None
depends_on = None


def upgrade():
    # outlets.short_name comes with 0009_outlet_choice.
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipments_completed_at"), ["completed_at"], unique=False)


def downgrade():
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipments_completed_at"))
