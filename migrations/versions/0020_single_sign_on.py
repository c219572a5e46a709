"""single sign-on: each provider identity (issuer, subject) linked to one account

Revision ID: 0020_single_sign_on
Revises: 0021_sen_support
Create Date: 2026-12-03 07:05:00
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0020_single_sign_on"
down_revision = "0021_sen_support"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sso_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("linked_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_sso_identity_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_identity")),
        sa.UniqueConstraint("issuer", "subject", name="uq_sso_identity_issuer_subject"),
        sa.UniqueConstraint("user_id", "issuer", name="uq_sso_identity_user_id_issuer"),
    )


def downgrade():
    op.drop_table("sso_identity")
