"""official data: DfE school-level SEN provision and pupil absence figures

Revision ID: 0009_official_data
Revises: 0008_records_by_the_book
Create Date: 2026-12-02 17:22:18.913968
"""

import sqlalchemy as sa
from alembic import op

import inclusion.db_types

revision = "0009_official_data"
down_revision = "0008_records_by_the_book"
branch_labels = None
depends_on = None

COUNT = sa.Numeric(precision=12, scale=2)
RATE = sa.Numeric(precision=12, scale=5)
FIGURES = {
    "official_sen_figure": [
        ("total_pupils", COUNT),
        ("sen_support", COUNT),
        ("sen_support_percent", RATE),
        ("ehc_plan", COUNT),
        ("ehc_plan_percent", RATE),
    ],
    "official_absence_figure": [
        ("enrolments", COUNT),
        ("sess_possible", COUNT),
        ("sess_overall", COUNT),
        ("sess_overall_percent", RATE),
        ("enrolments_pa_10_exact", COUNT),
        ("enrolments_pa_10_exact_percent", RATE),
    ],
}


def upgrade():
    for table, figures in FIGURES.items():
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("urn", sa.String(length=6), nullable=False),
            sa.Column("school_id", sa.Integer(), nullable=True),
            sa.Column("time_period", sa.String(length=6), nullable=False),
            sa.Column("time_identifier", sa.String(length=30), nullable=False),
            sa.Column("la_code", sa.String(length=3), nullable=True),
            sa.Column("school_name", sa.String(length=200), nullable=True),
            sa.Column("phase", sa.String(length=100), nullable=True),
            *(sa.Column(name, kind, nullable=True) for name, kind in figures),
            sa.Column("symbols", sa.JSON(), nullable=False),
            sa.Column("source", sa.String(length=200), nullable=False),
            sa.Column("imported_at", inclusion.db_types.UTCDateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(
                ["school_id"],
                ["school.id"],
                name=op.f(f"fk_{table}_school_id_school"),
                ondelete="SET NULL",
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint(
                "urn", "time_period", "time_identifier", name=op.f(f"uq_{table}_urn")
            ),
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in ("la_code", "school_id", "urn"):
                batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def downgrade():
    for table in reversed(FIGURES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in ("urn", "school_id", "la_code"):
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
