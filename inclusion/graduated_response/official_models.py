"""Official DfE school-level figures beside the exclusions: SEN provision and pupil absence.

These are the denominators the council's measures need (pupils with SEN support or an EHC
plan per school; persistent absence). Like `OfficialExclusionFigure`, each row is one school's
row of DfE's file for one period, stored only for schools the portal knows; a DfE symbol
(c, x, z, low, u, :, ~) becomes a missing value with the symbol kept in `symbols`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db


class OfficialFigureMixin:
    """The identity every DfE school-level row shares: school, period and where it came from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    urn: Mapped[str] = mapped_column(String(6), index=True)
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True
    )
    time_period: Mapped[str] = mapped_column(String(6))
    time_identifier: Mapped[str] = mapped_column(String(30))
    la_code: Mapped[str | None] = mapped_column(String(3), index=True)
    school_name: Mapped[str | None] = mapped_column(String(200))
    phase: Mapped[str | None] = mapped_column(String(100))
    symbols: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _count() -> Mapped[Decimal | None]:
    return mapped_column(Numeric(12, 2))


def _rate() -> Mapped[Decimal | None]:
    return mapped_column(Numeric(12, 5))


class OfficialSenFigure(OfficialFigureMixin, db.Model):
    """A school's pupils by SEN provision, from DfE's "Special educational needs in England"
    (January school census)."""

    __tablename__ = "official_sen_figure"
    __table_args__ = (UniqueConstraint("urn", "time_period", "time_identifier"),)

    total_pupils: Mapped[Decimal | None] = _count()
    sen_support: Mapped[Decimal | None] = _count()
    sen_support_percent: Mapped[Decimal | None] = _rate()
    ehc_plan: Mapped[Decimal | None] = _count()
    ehc_plan_percent: Mapped[Decimal | None] = _rate()


class OfficialAbsenceFigure(OfficialFigureMixin, db.Model):
    """A school's absence and persistent absence, from DfE's "Pupil absence in schools in
    England" (school census, pupils aged 5 to 15)."""

    __tablename__ = "official_absence_figure"
    __table_args__ = (UniqueConstraint("urn", "time_period", "time_identifier"),)

    enrolments: Mapped[Decimal | None] = _count()
    sess_possible: Mapped[Decimal | None] = _count()
    sess_overall: Mapped[Decimal | None] = _count()
    sess_overall_percent: Mapped[Decimal | None] = _rate()
    enrolments_pa_10_exact: Mapped[Decimal | None] = _count()
    enrolments_pa_10_exact_percent: Mapped[Decimal | None] = _rate()
