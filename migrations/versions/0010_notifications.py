"""Outbound email and its history; set-password link purpose

Revision ID: 0010_notifications
Revises: 0009_official_data
Create Date: 2026-12-02 17:20:23.805297
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0010_notifications"
down_revision = "0009_official_data"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outbound_email",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("personalisation", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("retry_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("backend", sa.String(length=12), nullable=False),
        sa.Column("provider_reference", sa.String(length=200), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_outbound_email_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_email")),
    )
    with op.batch_alter_table("outbound_email", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbound_email_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbound_email_kind"), ["kind"], unique=False)
        batch_op.create_index(
            "ix_outbound_email_status_retry_at", ["status", "retry_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outbound_email_to_address"), ["to_address"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbound_email_user_id"), ["user_id"], unique=False)

    op.create_table(
        "email_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email_id", sa.Integer(), nullable=False),
        sa.Column("at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["email_id"],
            ["outbound_email.id"],
            name=op.f("fk_email_attempt_email_id_outbound_email"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_attempt")),
    )
    with op.batch_alter_table("email_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_attempt_email_id"), ["email_id"], unique=False)

    with op.batch_alter_table("set_password_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purpose", sa.String(length=12), server_default="invitation", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("set_password_link", schema=None) as batch_op:
        batch_op.drop_column("purpose")

    with op.batch_alter_table("email_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_email_attempt_email_id"))

    op.drop_table("email_attempt")
    with op.batch_alter_table("outbound_email", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbound_email_user_id"))
        batch_op.drop_index(batch_op.f("ix_outbound_email_to_address"))
        batch_op.drop_index("ix_outbound_email_status_retry_at")
        batch_op.drop_index(batch_op.f("ix_outbound_email_kind"))
        batch_op.drop_index(batch_op.f("ix_outbound_email_created_at"))

    op.drop_table("outbound_email")
