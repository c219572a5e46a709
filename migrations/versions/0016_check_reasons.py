"""website checks record, in words, what they could not read and why

Revision ID: 0016_check_reasons
Revises: 0017_sign_in_hardening
Create Date: 2026-12-03 06:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_check_reasons"
down_revision = "0017_sign_in_hardening"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("website_check") as batch:
        batch.add_column(sa.Column("reasons", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("website_check") as batch:
        batch.drop_column("reasons")
