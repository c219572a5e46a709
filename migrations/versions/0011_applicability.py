"""which kinds of setting a checklist item or audit standard applies to; not applicable status

Revision ID: 0011_applicability
Revises: 0010_notifications
Create Date: 2026-12-02 17:19:43.353156
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_applicability"
down_revision = "0010_notifications"
branch_labels = None
depends_on = None


def upgrade():
    # "not_applicable" is longer than the 12 characters the status column had.
    with op.batch_alter_table("checklist_answer", schema=None) as batch_op:
        batch_op.alter_column(
            "status",
            existing_type=sa.VARCHAR(length=12),
            type_=sa.String(length=20),
            existing_nullable=False,
        )

    for table in ("checklist_item", "standard"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("applies_to", sa.JSON(), nullable=True))
            batch_op.add_column(
                sa.Column(
                    "applies_to_source", sa.String(length=300), server_default="", nullable=False
                )
            )


def downgrade():
    for table in ("standard", "checklist_item"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("applies_to_source")
            batch_op.drop_column("applies_to")

    # Not-applicable answers do not fit the old column; they become "not_met".
    op.execute("UPDATE checklist_answer SET status = 'not_met' WHERE status = 'not_applicable'")
    with op.batch_alter_table("checklist_answer", schema=None) as batch_op:
        batch_op.alter_column(
            "status",
            existing_type=sa.String(length=20),
            type_=sa.VARCHAR(length=12),
            existing_nullable=False,
        )
