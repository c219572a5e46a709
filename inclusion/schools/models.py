"""Schools, academic years and Area Inclusion Partnerships."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint, false, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.extensions import db
from inclusion.schools.phases import Phase


class School(db.Model):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    urn: Mapped[str] = mapped_column(String(6), unique=True)
    laestab: Mapped[str | None] = mapped_column(String(7), index=True)
    name: Mapped[str] = mapped_column(String(200))
    establishment_type_code: Mapped[int | None]
    establishment_type: Mapped[str | None] = mapped_column(String(120))
    phase: Mapped[str] = mapped_column(String(20), index=True)
    is_open: Mapped[bool] = mapped_column(default=True, server_default=true())
    pupils_on_roll: Mapped[int | None]
    statutory_low_age: Mapped[int | None]
    statutory_high_age: Mapped[int | None]
    website: Mapped[str | None] = mapped_column(String(500))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(100))
    district_code: Mapped[str | None] = mapped_column(String(9), index=True)
    district_name: Mapped[str | None] = mapped_column(String(100))
    easting: Mapped[int | None]
    northing: Mapped[int | None]
    trust_name: Mapped[str | None] = mapped_column(String(200))
    # The school's own week: "full time" for part-time timetables (DfE minimum 32.5 hours).
    weekly_hours: Mapped[Decimal] = mapped_column(
        Numeric(4, 1), default=Decimal("32.5"), server_default=text("32.5")
    )

    memberships: Mapped[list[PartnershipMembership]] = relationship(back_populates="school")

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def status_label(self) -> str:
        return "Open" if self.is_open else "Closed"

    def __repr__(self) -> str:
        return f"<School {self.urn} {self.name}>"


class AcademicYear(db.Model):
    __tablename__ = "academic_year"
    # At most one current year: a partial unique index on the true flag.
    __table_args__ = (
        Index(
            "uq_academic_year_one_current",
            "is_current",
            unique=True,
            sqlite_where=text("is_current = 1"),
            postgresql_where=text("is_current"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(7), unique=True)
    start_date: Mapped[date]
    end_date: Mapped[date]
    is_current: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The annual round, set by administrators (`inclusion/round/window.py`); empty until set.
    audit_opens_on: Mapped[date | None]
    audit_due_on: Mapped[date | None]
    checklist_opens_on: Mapped[date | None]
    checklist_due_on: Mapped[date | None]

    @property
    def dfe_code(self) -> str:
        """DfE files write 2025/26 as 202526."""
        return self.label.replace("/", "")

    def __repr__(self) -> str:
        return f"<AcademicYear {self.label}>"


class AreaInclusionPartnership(db.Model):
    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    memberships: Mapped[list[PartnershipMembership]] = relationship(back_populates="partnership")

    def __repr__(self) -> str:
        return f"<AreaInclusionPartnership {self.code}>"


class PartnershipMembership(db.Model):
    """A school belongs to one partnership in a given academic year; it may move next year."""

    __tablename__ = "partnership_membership"
    __table_args__ = (UniqueConstraint("school_id", "academic_year_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    academic_year_id: Mapped[int] = mapped_column(
        ForeignKey("academic_year.id", ondelete="CASCADE"), index=True
    )

    school: Mapped[School] = relationship(back_populates="memberships")
    partnership: Mapped[AreaInclusionPartnership] = relationship(back_populates="memberships")
    academic_year: Mapped[AcademicYear] = relationship()
