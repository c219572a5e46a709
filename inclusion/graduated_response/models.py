"""Graduated-response records kept by a school, and official DfE figures imported beside them.

Pupil-level records carry a pseudonymous reference chosen by the school, never a name or UPN.
They are soft-deleted (kept, hidden from the school, listed for administrators).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import School


class RecordMixin:
    """Who made and changed a record, its version for optimistic locking, and soft deletion."""

    pupil_ref: Mapped[str] = mapped_column(String(20))
    year_group: Mapped[str] = mapped_column(String(2))
    sen_status: Mapped[str] = mapped_column(String(12))
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_reason: Mapped[str] = mapped_column(Text, default="")


class SafeguardingFlags:
    """Looked after, child in need, child protection plan: the same on every pupil record."""

    looked_after: Mapped[bool] = mapped_column(default=False, server_default=false())
    child_in_need: Mapped[bool] = mapped_column(default=False, server_default=false())
    child_protection: Mapped[bool] = mapped_column(default=False, server_default=false())


class PartTimeTimetable(RecordMixin, SafeguardingFlags, db.Model):
    __tablename__ = "part_time_timetable"
    __table_args__ = (Index("ix_part_time_timetable_school_live", "school_id", "deleted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    reason_other: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date]
    planned_end_date: Mapped[date | None]
    hours_per_week: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    below_compulsory_school_age: Mapped[bool] = mapped_column(default=False, server_default=false())
    social_worker_involved: Mapped[bool] = mapped_column(default=False, server_default=false())
    virtual_school_involved: Mapped[bool] = mapped_column(default=False, server_default=false())
    parental_agreement_date: Mapped[date | None]
    council_notified_date: Mapped[date | None]
    linked_plan: Mapped[str] = mapped_column(String(20), default="none")
    actual_end_date: Mapped[date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    school: Mapped[School] = relationship()
    reviews: Mapped[list[TimetableReview]] = relationship(
        order_by="TimetableReview.review_date", cascade="all, delete-orphan"
    )


class TimetableReview(db.Model):
    __tablename__ = "timetable_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    timetable_id: Mapped[int] = mapped_column(
        ForeignKey("part_time_timetable.id", ondelete="CASCADE"), index=True
    )
    review_date: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExclusionIncident(RecordMixin, SafeguardingFlags, db.Model):
    """One suspension or permanent exclusion, counted in sessions (half days)."""

    __tablename__ = "exclusion_incident"
    __table_args__ = (
        Index("ix_exclusion_incident_school_live", "school_id", "deleted_at"),
        # One live record per incident: a second submission of the same one is refused.
        Index(
            "uq_exclusion_incident_live",
            "school_id",
            "pupil_ref",
            "start_date",
            "kind",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    start_date: Mapped[date] = mapped_column(index=True)
    sessions: Mapped[int]
    reasons: Mapped[list[str]] = mapped_column(JSON)
    misses_public_exam: Mapped[bool] = mapped_column(default=False, server_default=false())
    permanent_outcome: Mapped[str] = mapped_column(String(30), default="", server_default="")
    council_notified: Mapped[bool] = mapped_column(default=False, server_default=false())
    governors_review_outcome: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    school: Mapped[School] = relationship()


class ProvisionOffer(db.Model):
    """What a school ordinarily provides for one area of need at one level."""

    __tablename__ = "provision_offer"
    __table_args__ = (UniqueConstraint("school_id", "need", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    need: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(12))
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class RecordChange(db.Model):
    """The history of every graduated-response record: who changed what, and when."""

    __tablename__ = "record_change"
    __table_args__ = (Index("ix_record_change_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    changed_by: Mapped[User | None] = relationship()


class OfficialExclusionFigure(db.Model):
    """A row of DfE's school-level suspensions and permanent exclusions file.

    Kept apart from school-recorded figures, never mixed. A DfE symbol (c, x, z, low, u, :, ~)
    becomes a missing value with the symbol kept in `symbols`.
    """

    __tablename__ = "official_exclusion_figure"
    __table_args__ = (UniqueConstraint("urn", "time_period", "time_identifier"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    urn: Mapped[str] = mapped_column(String(6), index=True)
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True
    )
    time_period: Mapped[str] = mapped_column(String(6))
    time_identifier: Mapped[str] = mapped_column(String(20))
    la_code: Mapped[str | None] = mapped_column(String(3), index=True)
    school_name: Mapped[str | None] = mapped_column(String(200))
    headcount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    perm_excl: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    perm_excl_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 5))
    suspension: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    susp_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 5))
    one_plus_susp: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    one_plus_susp_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 5))
    symbols: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImportRun(db.Model):
    """A record of each import of official data: what it read, wrote and set aside."""

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(200))
    dry_run: Mapped[bool] = mapped_column(default=False, server_default=false())
    succeeded: Mapped[bool] = mapped_column(default=False, server_default=false())
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CouncilNotification(db.Model):
    """A school telling the council of a suspension, exclusion or part-time timetable.

    `details` is what the council was told, frozen at that moment (pseudonymous reference,
    dates, reasons, flags): the council's copy does not change when the school edits later.
    """

    __tablename__ = "council_notification"
    __table_args__ = (Index("ix_council_notification_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    record_version: Mapped[int]
    change: Mapped[str] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    notified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    school: Mapped[School] = relationship()
    notified_by: Mapped[User | None] = relationship(foreign_keys=[notified_by_id])


class TimetableReturn(db.Model):
    """A school's half-termly return of part-time timetables to the council (nil returns too)."""

    __tablename__ = "timetable_return"
    __table_args__ = (UniqueConstraint("school_id", "academic_year", "half_term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    academic_year: Mapped[str] = mapped_column(String(7))
    half_term: Mapped[int]
    timetables: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def is_nil(self) -> bool:
        return self.timetables == 0


class SuspensionLimitOverride(db.Model):
    """A council administrator's recorded permission to pass the 45-day limit for one pupil."""

    __tablename__ = "suspension_limit_override"
    __table_args__ = (UniqueConstraint("school_id", "pupil_ref", "academic_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    pupil_ref: Mapped[str] = mapped_column(String(20))
    academic_year: Mapped[str] = mapped_column(String(7))
    reason: Mapped[str] = mapped_column(Text)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school: Mapped[School] = relationship()
