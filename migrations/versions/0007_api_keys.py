"""API keys for machine clients

Revision ID: 0007_api_keys
Revises: 0006_security_events
Create Date: 2026-11-24 21:05:49.872343
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0007_api_keys"
down_revision = "0006_security_events"
branch_labels = None
depends_on = None


def upgrade():

    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("access", sa.String(length=12), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_api_key_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_api_key_partnership_id_partnership"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by_id"],
            ["user_account.id"],
            name=op.f("fk_api_key_revoked_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_key_token_hash")),
    )


def downgrade():

    op.drop_table("api_key")
