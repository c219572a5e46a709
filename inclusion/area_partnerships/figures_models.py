"""Maintained dashboard figures: summaries of the source tables, kept true in the same transaction.

Per school and academic year for pupils' records (a school's suspensions do not depend on its
partnership); per academic year, partnership and phase for audit figures (ratings, area scores,
training needs), which a council dashboard would otherwise count over millions of rows. Counts
are stored exact; suppression is applied when they are read, as for the source tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db

YEAR_FK = "academic_year.id"
SCHOOL_FK = "school.id"
PARTNERSHIP_FK = "partnership.id"


class FiguresSchoolExclusions(db.Model):
    """One school's suspensions and permanent exclusions that started in one academic year."""

    __tablename__ = "figures_school_exclusions"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey(SCHOOL_FK, ondelete="CASCADE"), primary_key=True, index=True
    )
    suspensions: Mapped[int]
    pupils_suspended: Mapped[int]
    permanent: Mapped[int]
    autumn: Mapped[int]
    spring: Mapped[int]
    summer: Mapped[int]


class FiguresSchoolSen(db.Model):
    """One school's suspensions in one academic year by the pupil's SEN status."""

    __tablename__ = "figures_school_sen"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey(SCHOOL_FK, ondelete="CASCADE"), primary_key=True, index=True
    )
    sen_status: Mapped[str] = mapped_column(String(12), primary_key=True)
    suspensions: Mapped[int]


class FiguresSchoolTrend(db.Model):
    """One school's suspensions and permanent exclusions in a DfE year (from 1 August)."""

    __tablename__ = "figures_school_trend"

    school_id: Mapped[int] = mapped_column(
        ForeignKey(SCHOOL_FK, ondelete="CASCADE"), primary_key=True
    )
    start_year: Mapped[int] = mapped_column(primary_key=True)
    suspensions: Mapped[int]
    permanent: Mapped[int]


class FiguresGroup(db.Model):
    """A partnership's figures for one year: locked while refreshed; when they were last made."""

    __tablename__ = "figures_group"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey(PARTNERSHIP_FK, ondelete="CASCADE"), primary_key=True
    )
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FiguresAreaScore(db.Model):
    """How many of a partnership's schools of one phase have an area score (latest snapshot)."""

    __tablename__ = "figures_area_score"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey(PARTNERSHIP_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    score: Mapped[float] = mapped_column(Float, primary_key=True)
    schools: Mapped[int]


class FiguresRating(db.Model):
    """How many of a partnership's schools of one phase gave a standard a rating.

    The year is the membership's; the audit's year is that year or the one before (a
    dashboard compares this year's schools with their own ratings last year).
    """

    __tablename__ = "figures_rating"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey(PARTNERSHIP_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    # No foreign keys on these two: checking each of a rebuild's rows costs a third of it, and
    # the rows go with their year (its key above) or are rewritten from the sources.
    audit_year_id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(primary_key=True)
    rating: Mapped[int] = mapped_column(primary_key=True)
    schools: Mapped[int]


class FiguresTraining(db.Model):
    """A training topic in a partnership's schools of one phase: schools, and needs by source."""

    __tablename__ = "figures_training"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey(PARTNERSHIP_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    topic_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    schools: Mapped[int]
    requested: Mapped[int]
    derived: Mapped[int]


class FiguresCouncilAreaScore(db.Model):
    """The council's area score counts by phase: the partnerships' summed."""

    __tablename__ = "figures_council_area_score"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    score: Mapped[float] = mapped_column(Float, primary_key=True)
    schools: Mapped[int]


class FiguresCouncilRating(db.Model):
    """The council's rating counts by phase: the partnerships' summed."""

    __tablename__ = "figures_council_rating"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    # No foreign keys on these two: checking each of a rebuild's rows costs a third of it, and
    # the rows go with their year (its key above) or are rewritten from the sources.
    audit_year_id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(primary_key=True)
    rating: Mapped[int] = mapped_column(primary_key=True)
    schools: Mapped[int]


class FiguresCouncilTraining(db.Model):
    """The council's training topics by phase: the partnerships' summed."""

    __tablename__ = "figures_council_training"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    topic_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    schools: Mapped[int]
    requested: Mapped[int]
    derived: Mapped[int]


class FiguresCompliance(db.Model):
    """How many of a partnership's schools of one phase answered "not met" or "partly met" to a
    website checklist item that counts for them (binding their setting, not marked N/A)."""

    __tablename__ = "figures_compliance"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey(PARTNERSHIP_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    schools: Mapped[int]  # not met


class FiguresComplianceSchools(db.Model):
    """A partnership's schools of one phase, and how many are fully compliant on their website."""

    __tablename__ = "figures_compliance_schools"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey(PARTNERSHIP_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    schools: Mapped[int]
    fully_compliant: Mapped[int]
    not_started: Mapped[int]  # answered no item yet


class FiguresCouncilCompliance(db.Model):
    """The council's schools not meeting each checklist item, by phase."""

    __tablename__ = "figures_council_compliance"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    schools: Mapped[int]


class FiguresCouncilComplianceSchools(db.Model):
    """The council's schools by phase, and how many are fully compliant."""

    __tablename__ = "figures_council_compliance_schools"

    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey(YEAR_FK, ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(String(20), primary_key=True)
    schools: Mapped[int]
    fully_compliant: Mapped[int]
    not_started: Mapped[int]  # answered no item yet


GROUP_TABLES = (
    FiguresAreaScore,
    FiguresRating,
    FiguresTraining,
    FiguresCompliance,
    FiguresComplianceSchools,
)
COUNCIL_TABLES = {
    FiguresAreaScore: FiguresCouncilAreaScore,
    FiguresRating: FiguresCouncilRating,
    FiguresTraining: FiguresCouncilTraining,
    FiguresCompliance: FiguresCouncilCompliance,
    FiguresComplianceSchools: FiguresCouncilComplianceSchools,
}
SCHOOL_TABLES = (FiguresSchoolExclusions, FiguresSchoolSen)
