"""sen support records and assess-plan-do-review cycles

Revision ID: 0021_sen_support
Revises: 0014_background_work
Create Date: 2026-12-03 06:51:48.493572
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0021_sen_support"
down_revision = "0014_background_work"
branch_labels = None
depends_on = None


def upgrade():

    op.create_table(
        "sen_support_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("primary_need", sa.String(length=4), nullable=False),
        sa.Column("secondary_need", sa.String(length=4), server_default="", nullable=False),
        sa.Column("placed_on_support", sa.Date(), nullable=False),
        sa.Column("eal", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("fsm", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("deleted_by_id", sa.Integer(), nullable=True),
        sa.Column("pupil_ref", sa.String(length=20), nullable=False),
        sa.Column("year_group", sa.String(length=2), nullable=False),
        sa.Column("sen_status", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("deleted_reason", sa.Text(), nullable=False),
        sa.Column("looked_after", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("child_in_need", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("child_protection", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_sen_support_record_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["deleted_by_id"],
            ["user_account.id"],
            name=op.f("fk_sen_support_record_deleted_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_sen_support_record_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sen_support_record")),
    )
    with op.batch_alter_table("sen_support_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sen_support_record_school_live", ["school_id", "deleted_at"], unique=False
        )
        batch_op.create_index(
            "uq_sen_support_record_live",
            ["school_id", "pupil_ref"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "support_cycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("pupil_views", sa.Text(), server_default="", nullable=False),
        sa.Column("parent_views", sa.Text(), server_default="", nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("review_decision", sa.String(length=20), server_default="", nullable=False),
        sa.Column("review_note", sa.Text(), server_default="", nullable=False),
        sa.Column("reviewed_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_support_cycle_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["sen_support_record.id"],
            name=op.f("fk_support_cycle_record_id_sen_support_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["school.id"],
            name=op.f("fk_support_cycle_school_id_school"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_cycle")),
    )
    with op.batch_alter_table("support_cycle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_cycle_record_id"), ["record_id"], unique=False)

    op.create_table(
        "cycle_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("assessor", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_cycle_assessment_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["support_cycle.id"],
            name=op.f("fk_cycle_assessment_cycle_id_support_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_assessment")),
    )
    with op.batch_alter_table("cycle_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycle_assessment_cycle_id"), ["cycle_id"], unique=False
        )

    op.create_table(
        "cycle_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("corrected_on", sa.Date(), nullable=False),
        sa.Column("correction", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_cycle_correction_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["support_cycle.id"],
            name=op.f("fk_cycle_correction_cycle_id_support_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_correction")),
    )
    with op.batch_alter_table("cycle_correction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycle_correction_cycle_id"), ["cycle_id"], unique=False
        )

    op.create_table(
        "cycle_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("progress", sa.Text(), server_default="", nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_cycle_outcome_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["support_cycle.id"],
            name=op.f("fk_cycle_outcome_cycle_id_support_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_outcome")),
    )
    with op.batch_alter_table("cycle_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cycle_outcome_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "cycle_provision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("intervention", sa.String(length=200), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("sessions_per_week", sa.Integer(), nullable=False),
        sa.Column("minutes_per_session", sa.Integer(), nullable=False),
        sa.Column("staff", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("weekly_cost", sa.Numeric(precision=9, scale=2), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_cycle_provision_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["support_cycle.id"],
            name=op.f("fk_cycle_provision_cycle_id_support_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["provision_offer.id"],
            name=op.f("fk_cycle_provision_offer_id_provision_offer"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_provision")),
    )
    with op.batch_alter_table("cycle_provision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cycle_provision_cycle_id"), ["cycle_id"], unique=False)


def downgrade():

    with op.batch_alter_table("cycle_provision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_provision_cycle_id"))

    op.drop_table("cycle_provision")
    with op.batch_alter_table("cycle_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_outcome_cycle_id"))

    op.drop_table("cycle_outcome")
    with op.batch_alter_table("cycle_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_correction_cycle_id"))

    op.drop_table("cycle_correction")
    with op.batch_alter_table("cycle_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_assessment_cycle_id"))

    op.drop_table("cycle_assessment")
    with op.batch_alter_table("support_cycle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_cycle_record_id"))

    op.drop_table("support_cycle")
    with op.batch_alter_table("sen_support_record", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_sen_support_record_live",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index("ix_sen_support_record_school_live")

    op.drop_table("sen_support_record")
