"""One school's suspensions and part-time timetables by census term and SEN status.

Aggregate SQL only, and every table is passed through the one suppression module
(`area_partnerships.suppression`) with the publication threshold before anyone sees it: a
governors' report leaves the portal, so it is published like a dashboard export (rule S2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from inclusion.area_partnerships.suppression import SuppressedTable, suppress_table
from inclusion.extensions import db
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.graduated_response.terms import term_bounds
from inclusion.graduated_response.vocab import ExclusionKind, SenStatus
from inclusion.schools.models import AcademicYear, School

TERMS = ("autumn", "spring", "summer")
SEN_STATUSES = tuple(SenStatus)
# Our own words: `SenStatus.NONE.label` reads "None", because another vocabulary's "none"
# shares its key in `vocab.LABELS` (string enums with equal values are one dict key).
SEN_LABELS = {
    SenStatus.NONE: "No SEN",
    SenStatus.SEN_SUPPORT: "SEN support",
    SenStatus.EHC_PLAN: "EHC plan",
}


@dataclass(frozen=True)
class TermTable:
    """Rows are SEN statuses, columns the three census terms; figures already suppressed."""

    table: SuppressedTable
    row_labels: list[str]
    column_labels: list[str]

    @property
    def rows(self) -> list[tuple[str, list]]:
        labels = [*self.row_labels]
        if self.table.column_totals is not None:
            labels.append("All pupils")
        return list(zip(labels, self.table.as_rows(), strict=True))


def suspensions_by_term(school: School, year: AcademicYear, threshold: int) -> TermTable:
    """Suspensions (not lunchtime ones, as DfE counts) started in each census term."""
    bounds = term_bounds(year.start_date.year)
    start = ExclusionIncident.start_date
    term = case(
        (start <= bounds["autumn"][1], "autumn"),
        (start <= bounds["spring"][1], "spring"),
        else_="summer",
    )
    query = (
        select(ExclusionIncident.sen_status, term, func.count())
        .where(
            ExclusionIncident.school_id == school.id,
            ExclusionIncident.deleted_at.is_(None),
            ExclusionIncident.kind == ExclusionKind.SUSPENSION,
            start.between(year.start_date, year.end_date),
        )
        .group_by(ExclusionIncident.sen_status, term)
    )
    counts = {(sen, name): n for sen, name, n in db.session.execute(query)}
    return _table(counts, threshold, row_totals=True)


def timetables_by_term(
    school: School, year: AcademicYear, threshold: int, today: date
) -> TermTable:
    """Part-time timetables running at any time in each term (to today for the current one).

    One timetable can run across terms, so a row is not added up across the terms; each
    term's column total is the number of pupils on one in that term.
    """
    counts: dict[tuple[str, str], int] = {}
    for name, (first, last) in term_bounds(year.start_date.year).items():
        if first > today:
            continue
        query = (
            select(PartTimeTimetable.sen_status, func.count())
            .where(
                PartTimeTimetable.school_id == school.id,
                PartTimeTimetable.deleted_at.is_(None),
                PartTimeTimetable.start_date <= min(last, today),
                PartTimeTimetable.actual_end_date.is_(None)
                | (PartTimeTimetable.actual_end_date >= first),
            )
            .group_by(PartTimeTimetable.sen_status)
        )
        counts.update({(sen, name): n for sen, n in db.session.execute(query)})
    return _table(counts, threshold, row_totals=False)


def _table(counts: dict[tuple[str, str], int], threshold: int, *, row_totals: bool) -> TermTable:
    rows = [[counts.get((sen.value, term), 0) for term in TERMS] for sen in SEN_STATUSES]
    table = suppress_table(rows, threshold, row_totals=row_totals, column_totals=True)
    return TermTable(
        table,
        [SEN_LABELS[sen] for sen in SEN_STATUSES],
        [term.capitalize() for term in TERMS],
    )
