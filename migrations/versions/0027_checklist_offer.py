"""checklist items name the parts of the provision offer they are written from

Revision ID: 0027_checklist_offer
Revises: 0013_figures
Create Date: 2026-12-03 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_checklist_offer"
down_revision = "0013_figures"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("checklist_item") as batch:
        batch.add_column(sa.Column("draws_on_offer", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("checklist_item") as batch:
        batch.drop_column("draws_on_offer")
