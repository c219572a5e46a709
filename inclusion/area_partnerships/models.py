"""Setting-to-setting support: schools offering help on a standard, and recorded pairings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School


class SupportCapacity(db.Model):
    """A school's offer to support others on one standard (by code) in one academic year."""

    __tablename__ = "support_capacity"
    __table_args__ = (UniqueConstraint("school_id", "academic_year_id", "standard_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    academic_year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"))
    standard_code: Mapped[str] = mapped_column(String(20), index=True)
    visits_per_term: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    school: Mapped[School] = relationship()
    academic_year: Mapped[AcademicYear] = relationship()


class SupportPairing(db.Model):
    """An adviser's record that one school supports another on a standard."""

    __tablename__ = "support_pairing"

    id: Mapped[int] = mapped_column(primary_key=True)
    academic_year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"), index=True)
    supporting_school_id: Mapped[int] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), index=True
    )
    supported_school_id: Mapped[int] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), index=True
    )
    standard_code: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date]
    planned_end_date: Mapped[date]
    status: Mapped[str] = mapped_column(
        String(12), default="planned"
    )  # planned|active|completed|ended
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    academic_year: Mapped[AcademicYear] = relationship()
    supporting_school: Mapped[School] = relationship(foreign_keys=[supporting_school_id])
    supported_school: Mapped[School] = relationship(foreign_keys=[supported_school_id])
    created_by: Mapped[User | None] = relationship()
