"""sign-in hardening: the actor of every security event; API keys act through their own account

Revision ID: 0017_sign_in_hardening
Revises: 0018_form_submissions
Create Date: 2026-12-03 06:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_sign_in_hardening"
down_revision = "0018_form_submissions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("security_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("actor", sa.String(length=254), server_default="", nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_security_event_actor_id_user_account"),
            "user_account",
            ["actor_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_security_event_actor_id"), ["actor_id"])
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_api_key", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_api_key_account_id_user_account"),
            "user_account",
            ["account_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_api_key_account_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("account_id")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("is_api_key")
    with op.batch_alter_table("security_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_event_actor_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_security_event_actor_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("actor")
        batch_op.drop_column("actor_id")
