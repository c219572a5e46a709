"""Reading the maintained figures for a scope: a partnership's rows, or the council's.

A partnership's figures come from its own rows; the council's from the council rows (the
partnerships summed as they were written), so a council-wide figure reads hundreds of rows,
not the millions it summarises. Suppression is the caller's, on what it shows.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select

from inclusion.area_partnerships.figures_compliance import ComplianceSummary, items_of
from inclusion.area_partnerships.figures_maintain import settle
from inclusion.area_partnerships.figures_models import (
    COUNCIL_TABLES,
    FiguresAreaScore,
    FiguresCompliance,
    FiguresComplianceSchools,
    FiguresRating,
    FiguresSchoolExclusions,
    FiguresSchoolSen,
    FiguresSchoolTrend,
    FiguresTraining,
)
from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from inclusion.schools.models import School

MINIMUM_FOR_MEDIAN = 5


def scoped(group_table, scope: Scope) -> tuple[type, list[ColumnElement]]:
    table = COUNCIL_TABLES[group_table] if scope.partnership is None else group_table
    filters = [table.academic_year_id == scope.year.id]
    if scope.partnership is not None:
        filters.append(table.partnership_id == scope.partnership.id)
    if scope.phase:
        filters.append(table.phase == scope.phase)
    return table, filters


def area_medians(scope: Scope) -> dict[str, float | None]:
    """Each area's median score over the scope's schools; None below five schools."""
    settle()
    table, filters = scoped(FiguresAreaScore, scope)
    query = (
        select(table.area_code, table.score, func.sum(table.schools))
        .where(*filters)
        .group_by(table.area_code, table.score)
        .order_by(table.area_code, table.score)
    )
    counts: dict[str, list[tuple[float, int]]] = {}
    for code, score, schools in db.session.execute(query):
        counts.setdefault(code, []).append((score, int(schools)))
    return {code: median_of(pairs) for code, pairs in counts.items()}


def median_of(counts: list[tuple[float, int]]) -> float | None:
    """The median of values given with how often each occurs (in ascending order)."""
    total = sum(n for _, n in counts)
    if total < MINIMUM_FOR_MEDIAN:
        return None
    middle = ((total - 1) // 2, total // 2)  # positions of the middle one or two, from 0
    found: list[float] = []
    seen = 0
    for value, n in counts:
        found += [value for position in middle if seen <= position < seen + n]
        seen += n
    return round(sum(found) / 2, 2)


def rating_counts(scope: Scope, audit_year_id: int) -> dict[tuple[int, int], int]:
    """(standard id, rating) -> schools, for the scope's schools' audits of that year."""
    settle()
    table, filters = scoped(FiguresRating, scope)
    query = (
        select(table.standard_id, table.rating, func.sum(table.schools))
        .where(*filters, table.audit_year_id == audit_year_id)
        .group_by(table.standard_id, table.rating)
    )
    return {(sid, rating): int(n) for sid, rating, n in db.session.execute(query)}


def training_counts(scope: Scope) -> dict[str, tuple[int, int, int]]:
    """topic code -> (schools, requested, derived)."""
    settle()
    table, filters = scoped(FiguresTraining, scope)
    query = (
        select(
            table.topic_code,
            func.sum(table.schools),
            func.sum(table.requested),
            func.sum(table.derived),
        )
        .where(*filters)
        .group_by(table.topic_code)
    )
    return {code: (int(s), int(r), int(d)) for code, s, r, d in db.session.execute(query)}


def exclusion_totals(scope: Scope) -> tuple[int, int, int, int, dict[str, int]]:
    """Pupils on roll, suspensions, pupils suspended, permanent exclusions, and suspensions by
    term, over the scope's schools, in one statement."""
    settle()
    f = FiguresSchoolExclusions
    counts = (f.suspensions, f.pupils_suspended, f.permanent, f.autumn, f.spring, f.summer)
    query = (
        select(
            func.coalesce(func.sum(School.pupils_on_roll), 0),
            *(func.coalesce(func.sum(c), 0) for c in counts),
        )
        .select_from(School)
        .outerjoin(f, (f.school_id == School.id) & (f.academic_year_id == scope.year.id))
        .where(School.id.in_(scope.school_ids()))
    )
    roll, s, p, x, autumn, spring, summer = (int(v) for v in db.session.execute(query).one())
    terms = {"autumn": autumn, "spring": spring, "summer": summer}
    return roll, s, p, x, {term: n for term, n in terms.items() if n}


def exclusions_by_school(scope: Scope) -> dict[int, tuple[int, ...]]:
    """school id -> (suspensions, pupils suspended, permanent, autumn, spring, summer)."""
    settle()
    f = FiguresSchoolExclusions
    query = select(
        f.school_id, f.suspensions, f.pupils_suspended, f.permanent, f.autumn, f.spring, f.summer
    ).where(f.academic_year_id == scope.year.id, f.school_id.in_(scope.school_ids()))
    return {row[0]: tuple(row[1:]) for row in db.session.execute(query)}


def suspensions_by_sen(scope: Scope) -> dict[str, int]:
    settle()
    f = FiguresSchoolSen
    query = (
        select(f.sen_status, func.sum(f.suspensions))
        .where(f.academic_year_id == scope.year.id, f.school_id.in_(scope.school_ids()))
        .group_by(f.sen_status)
    )
    return {status: int(n) for status, n in db.session.execute(query)}


def exclusion_trend(scope: Scope) -> list[tuple[str, int, int]]:
    """(academic year, suspensions, permanent exclusions) of the scope's schools, by year."""
    settle()
    f = FiguresSchoolTrend
    query = (
        select(f.start_year, func.sum(f.suspensions), func.sum(f.permanent))
        .where(f.school_id.in_(scope.school_ids()))
        .group_by(f.start_year)
        .order_by(f.start_year)
    )
    return [(f"{y}/{(y + 1) % 100:02d}", int(s), int(p)) for y, s, p in db.session.execute(query)]


def compliance_summary(scope: Scope) -> ComplianceSummary:
    """Schools, fully compliant schools and schools not meeting each item, in the scope."""
    settle()
    schools_table, filters = scoped(FiguresComplianceSchools, scope)
    totals = select(
        func.coalesce(func.sum(schools_table.schools), 0),
        func.coalesce(func.sum(schools_table.fully_compliant), 0),
        func.coalesce(func.sum(schools_table.not_started), 0),
    ).where(*filters)
    schools, fully, not_started = db.session.execute(totals).one()
    table, filters = scoped(FiguresCompliance, scope)
    query = select(table.item_code, func.sum(table.schools)).where(*filters)
    not_met = {code: int(n) for code, n in db.session.execute(query.group_by(table.item_code))}
    summary = ComplianceSummary(items_of(scope.year), int(schools), int(fully), not_met)
    summary.not_started = int(not_started)
    return summary
