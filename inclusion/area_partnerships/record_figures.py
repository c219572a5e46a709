"""Suspensions, exclusions and part-time timetables for a partnership or the council.

Aggregate SQL only; these counts come from pupil-level records, so every figure shown is
passed through the suppression module before anyone sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Row, func, select

from inclusion.area_partnerships import figures_read, figures_store, official_exclusions
from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from inclusion.graduated_response.models import (
    PartTimeTimetable,
    TimetableReview,
)
from inclusion.graduated_response.rules import REVIEW_INTERVAL
from inclusion.schools.models import School

TERMS = ("autumn", "spring", "summer")
_counted_permanent = figures_store.counted_permanent  # the KPIs count the same way


@dataclass
class ExclusionLine:
    """One school's (or a group's) figures for the year."""

    label: str
    headcount: int
    suspensions: int = 0
    pupils_suspended: int = 0
    permanent: int = 0
    by_term: dict[str, int] = field(default_factory=dict)
    official_suspensions: float | None = None
    official_permanent: float | None = None
    official_pupils_suspended: float | None = None
    official_symbols: dict = field(default_factory=dict)
    official_basis: str | None = None  # "Academic year", or the terms summed
    school: School | Row | None = None  # a row of its id, urn, name and roll, or a School

    def rate(self, count: int | None) -> float | None:
        if count is None or not self.headcount:
            return None
        return round(100 * count / self.headcount, 2)


def exclusion_lines(scope: Scope) -> list[ExclusionLine]:
    """Per school: school-recorded figures (maintained) beside DfE's official ones, for the year."""
    schools = {
        s.id: ExclusionLine(s.name, s.pupils_on_roll or 0, school=s)
        for s in db.session.execute(scope.school_rows(School.pupils_on_roll))
    }
    for school_id, figures in figures_read.exclusions_by_school(scope).items():
        line = schools[school_id]
        line.suspensions, line.pupils_suspended, line.permanent = figures[:3]
        line.by_term = {term: n for term, n in zip(TERMS, figures[3:], strict=True) if n}
    _add_official(scope, schools)
    return list(schools.values())


def exclusion_total(scope: Scope) -> ExclusionLine:
    """The whole scope as one line, from the maintained figures (no school read)."""
    roll, suspensions, pupils, permanent, by_term = figures_read.exclusion_totals(scope)
    total = ExclusionLine(scope.label, roll)
    total.suspensions, total.pupils_suspended, total.permanent = suspensions, pupils, permanent
    total.by_term = by_term
    return total


def _add_official(scope: Scope, lines: dict[int, ExclusionLine]) -> None:
    """DfE's figures for the year: its "Academic year" row, else the sum of its terms."""
    for school_id, official in official_exclusions.by_school(scope).items():
        line = lines[school_id]
        line.official_suspensions = official.suspensions
        line.official_permanent = official.permanent
        line.official_pupils_suspended = official.pupils_suspended
        line.official_symbols = official.symbols
        line.official_basis = official.basis


def by_sen_status(scope: Scope) -> dict[str, int]:
    """Suspensions in the year by the pupil's SEN status."""
    return figures_read.suspensions_by_sen(scope)


@dataclass
class TimetableFigures:
    current: int
    by_sen_status: dict[str, int]
    by_reason: dict[str, int]
    average_planned_days: float | None
    overdue_reviews: int
    not_notified: int


def timetable_figures(scope: Scope, today: date) -> TimetableFigures:
    """Timetables running today, in one statement: a few thousand rows council-wide."""
    last_review = (
        select(TimetableReview.timetable_id, func.max(TimetableReview.review_date).label("last"))
        .group_by(TimetableReview.timetable_id)
        .subquery()
    )
    query = (
        select(
            PartTimeTimetable.sen_status,
            PartTimeTimetable.reason,
            PartTimeTimetable.council_notified_date.is_(None),
            PartTimeTimetable.start_date,
            PartTimeTimetable.planned_end_date,
            last_review.c.last,
        )
        .outerjoin(last_review, last_review.c.timetable_id == PartTimeTimetable.id)
        .where(
            PartTimeTimetable.school_id.in_(scope.school_ids()),
            PartTimeTimetable.deleted_at.is_(None),
            PartTimeTimetable.start_date <= today,
            (PartTimeTimetable.actual_end_date.is_(None))
            | (PartTimeTimetable.actual_end_date >= today),
        )
    )
    return _counted(db.session.execute(query).all(), today)


def _counted(rows: list, today: date) -> TimetableFigures:
    by_sen: dict[str, int] = {}
    by_reason: dict[str, int] = {}
    planned = [(end - start).days for _, _, _, start, end, _ in rows if end is not None]
    for sen, reason, *_ in rows:
        by_sen[sen] = by_sen.get(sen, 0) + 1
        by_reason[reason] = by_reason.get(reason, 0) + 1
    due = today - REVIEW_INTERVAL
    return TimetableFigures(
        current=len(rows),
        by_sen_status=by_sen,
        by_reason=by_reason,
        average_planned_days=round(sum(planned) / len(planned), 1) if planned else None,
        overdue_reviews=sum(1 for *_, start, _, last in rows if (last or start) < due),
        not_notified=sum(1 for _, _, unnotified, *_ in rows if unnotified),
    )


def timetables_by_school(scope: Scope, today: date) -> dict[int, int]:
    """Part-time timetables running today, per school (for triangulation, never shown)."""
    query = (
        select(PartTimeTimetable.school_id, func.count())
        .where(
            PartTimeTimetable.school_id.in_(scope.school_ids()),
            PartTimeTimetable.deleted_at.is_(None),
            PartTimeTimetable.start_date <= today,
            (PartTimeTimetable.actual_end_date.is_(None))
            | (PartTimeTimetable.actual_end_date >= today),
        )
        .group_by(PartTimeTimetable.school_id)
    )
    return dict(db.session.execute(query).all())


def exclusion_trend(scope: Scope) -> list[tuple[str, int, int]]:
    """(academic year, suspensions, permanent exclusions) recorded in the portal, by year."""
    return figures_read.exclusion_trend(scope)
