"""background work: council exports and large imports run as jobs people can watch

Revision ID: 0014_background_work
Revises: 0016_check_reasons
Create Date: 2026-12-03 07:10:00
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0014_background_work"
down_revision = "0016_check_reasons"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "background_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.String(length=200), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("import_run_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.String(length=500), nullable=True),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["user_account.id"],
            name=op.f("fk_background_work_requested_by_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_run.id"],
            name=op.f("fk_background_work_import_run_id_import_run"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_background_work")),
    )
    with op.batch_alter_table("background_work", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_background_work_requested_by_id"), ["requested_by_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("background_work", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_background_work_requested_by_id"))
    op.drop_table("background_work")
