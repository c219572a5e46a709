"""form tokens already used, so a form sent twice makes one record

Revision ID: 0018_form_submissions
Revises: 0012_audit_round
Create Date: 2026-12-03 07:00:00
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0018_form_submissions"
down_revision = "0012_audit_round"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "form_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_form_submission_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_submission")),
        sa.UniqueConstraint("user_id", "token", name=op.f("uq_form_submission_user_id")),
    )
    op.create_index(
        op.f("ix_form_submission_created_at"), "form_submission", ["created_at"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_form_submission_created_at"), table_name="form_submission")
    op.drop_table("form_submission")
