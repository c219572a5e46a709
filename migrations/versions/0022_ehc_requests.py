"""requests for an EHC needs assessment: the evidence pack produced and the council's decision

Revision ID: 0022_ehc_requests
Revises: 0027_checklist_offer
Create Date: 2026-12-03 10:30:00
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0022_ehc_requests"
down_revision = "0027_checklist_offer"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ehc_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("produced_on", sa.Date(), nullable=False),
        sa.Column("produced_by_id", sa.Integer(), nullable=True),
        sa.Column("criteria_met", sa.Boolean(), nullable=False),
        sa.Column("criteria_unmet", sa.Text(), server_default="", nullable=False),
        sa.Column("decision", sa.String(length=12), server_default="", nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "decision_recorded_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_by_id"],
            ["user_account.id"],
            name=op.f("fk_ehc_request_decision_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["produced_by_id"],
            ["user_account.id"],
            name=op.f("fk_ehc_request_produced_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["sen_support_record.id"],
            name=op.f("fk_ehc_request_record_id_sen_support_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_ehc_request_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ehc_request")),
        sa.UniqueConstraint("number", name=op.f("uq_ehc_request_number")),
    )
    with op.batch_alter_table("ehc_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ehc_request_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ehc_request_school_id"), ["school_id"], unique=False)


def downgrade():
    with op.batch_alter_table("ehc_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ehc_request_school_id"))
        batch_op.drop_index(batch_op.f("ix_ehc_request_record_id"))
    op.drop_table("ehc_request")
