"""The academic years the council's KPIs cover, as one SQL table every KPI query joins.

DfE's academic year runs from 1 August to 31 July and its census terms split at Easter
(`graduated_response/terms.py`). A portal `AcademicYear` may start on another day (1 September),
so the KPIs never use its own dates: each year held becomes a row of literals (id, label, DfE
code, first day, end of autumn term, Easter Sunday, last day), and records are placed in a year
and a term by joining that table. One table of literals keeps every KPI to one statement
whatever the number of years or schools.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import CTE, Date, Integer, String, and_, cast, exists, literal, select, union_all
from sqlalchemy.sql.elements import ColumnElement

from inclusion.extensions import db
from inclusion.graduated_response.terms import term_bounds
from inclusion.schools.models import AcademicYear, PartnershipMembership, School


@dataclass(frozen=True)
class HeldYear:
    id: int
    label: str  # 2025/26
    code: str  # 202526, as DfE's files write it
    first_day: date  # 1 August
    autumn_end: date  # 31 December
    easter: date  # the last day of the spring term
    last_day: date  # 31 July

    @classmethod
    def of(cls, year: AcademicYear) -> HeldYear:
        bounds = term_bounds(year.start_date.year)
        return cls(
            year.id,
            year.label,
            year.dfe_code,
            bounds["autumn"][0],
            bounds["autumn"][1],
            bounds["spring"][1],
            bounds["summer"][1],
        )


def held_years() -> list[HeldYear]:
    """Every academic year the portal holds, oldest first (one statement)."""
    years = db.session.scalars(select(AcademicYear).order_by(AcademicYear.start_date))
    return [HeldYear.of(year) for year in years]


def years_table(years: list[HeldYear]) -> CTE:
    """The years as a common table expression of literals.

    Dates are bound as dates (SQLite would turn CAST('2025-08-01' AS DATE) into 2025);
    the id and code are cast so PostgreSQL knows their types in the UNION."""
    rows = [
        select(
            cast(literal(y.id), Integer).label("id"),
            cast(literal(y.code), String).label("code"),
            literal(y.first_day, Date).label("first_day"),
            literal(y.autumn_end, Date).label("autumn_end"),
            literal(y.easter, Date).label("easter"),
            literal(y.last_day, Date).label("last_day"),
        )
        for y in years
    ]
    return (union_all(*rows) if len(rows) > 1 else rows[0]).cte("kpi_year")


def in_scope(school_id: ColumnElement, year_id: ColumnElement, partnership_id: int | None):
    """The school was an open member of the council (or of the partnership) in that year."""
    query = (
        select(PartnershipMembership.id)
        .join(School, School.id == PartnershipMembership.school_id)
        .where(
            PartnershipMembership.school_id == school_id,
            PartnershipMembership.academic_year_id == year_id,
            School.is_open,
        )
    )
    if partnership_id is not None:
        query = query.where(PartnershipMembership.partnership_id == partnership_id)
    return exists(query)


def within(day: ColumnElement, year: CTE) -> ColumnElement:
    return and_(day >= year.c.first_day, day <= year.c.last_day)
