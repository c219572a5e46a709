"""the annual round: audit and checklist windows, email preferences, notices sent once

Revision ID: 0012_audit_round
Revises: 0011_applicability
Create Date: 2026-12-02 18:07:01.187284
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0012_audit_round"
down_revision = "0011_applicability"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "email_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("updated_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_email_preference_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_preference")),
        sa.UniqueConstraint("user_id", "kind", name=op.f("uq_email_preference_user_id")),
    )
    op.create_table(
        "sent_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("subject_key", sa.String(length=120), nullable=False),
        sa.Column("sent_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_sent_notice_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_notice")),
        sa.UniqueConstraint("kind", "user_id", "subject_key", name=op.f("uq_sent_notice_kind")),
    )
    with op.batch_alter_table("academic_year", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_opens_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("audit_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("checklist_opens_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("checklist_due_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("academic_year", schema=None) as batch_op:
        batch_op.drop_column("checklist_due_on")
        batch_op.drop_column("checklist_opens_on")
        batch_op.drop_column("audit_due_on")
        batch_op.drop_column("audit_opens_on")
    op.drop_table("sent_notice")
    op.drop_table("email_preference")
