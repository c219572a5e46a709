"""Verbs on schools, academic years and partnerships; one transaction per use case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from flask import g, has_request_context
from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager

from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)

URN_PATTERN = re.compile(r"^\d{6}$")
PARTNERSHIP_CODE_PATTERN = re.compile(r"^[A-Z0-9-]{2,20}$")


def current_year() -> AcademicYear | None:
    """The current academic year, read once per request."""
    if has_request_context() and "current_year" in g:
        return g.current_year
    year = db.session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    if has_request_context():
        g.current_year = year
    return year


def school_by_urn(urn: str) -> School:
    if not URN_PATTERN.match(urn or ""):
        raise NotFound("No school has that URN.")
    school = db.session.scalar(select(School).where(School.urn == urn))
    if school is None:
        raise NotFound("No school has that URN.")
    return school


def partnership_by_code(code: str) -> AreaInclusionPartnership:
    partnership = db.session.scalar(
        select(AreaInclusionPartnership).where(AreaInclusionPartnership.code == code.upper())
    )
    if partnership is None:
        raise NotFound("No partnership has that code.")
    return partnership


@dataclass(frozen=True)
class SchoolFilter:
    search: str = ""
    phase: str = ""
    partnership_code: str = ""
    include_closed: bool = False


def filter_schools(query: Select, criteria: SchoolFilter, year: AcademicYear | None) -> Select:
    if criteria.search:
        pattern = f"%{criteria.search.strip().lower()}%"
        query = query.where(func.lower(School.name).like(pattern) | School.urn.like(pattern))
    if criteria.phase:
        query = query.where(School.phase == criteria.phase)
    if not criteria.include_closed:
        query = query.where(School.is_open)
    if criteria.partnership_code and year is not None:
        query = query.where(School.id.in_(_member_ids(criteria.partnership_code, year)))
    return query


def _member_ids(code: str, year: AcademicYear) -> Select:
    return (
        select(PartnershipMembership.school_id)
        .join(AreaInclusionPartnership)
        .where(
            AreaInclusionPartnership.code == code.upper(),
            PartnershipMembership.academic_year_id == year.id,
        )
    )


def members_of(partnership: AreaInclusionPartnership, year: AcademicYear) -> list[School]:
    query = (
        select(School)
        .join(PartnershipMembership)
        .where(
            PartnershipMembership.partnership_id == partnership.id,
            PartnershipMembership.academic_year_id == year.id,
        )
        .order_by(School.name)
    )
    return list(db.session.scalars(query))


def partnership_of(school: School, year: AcademicYear | None) -> AreaInclusionPartnership | None:
    if year is None:
        return None
    query = (
        select(AreaInclusionPartnership)
        .join(PartnershipMembership)
        .where(
            PartnershipMembership.school_id == school.id,
            PartnershipMembership.academic_year_id == year.id,
        )
    )
    return db.session.scalar(query)


def member_counts(year: AcademicYear | None) -> dict[int, int]:
    if year is None:
        return {}
    query = (
        select(PartnershipMembership.partnership_id, func.count())
        .where(PartnershipMembership.academic_year_id == year.id)
        .group_by(PartnershipMembership.partnership_id)
    )
    return dict(db.session.execute(query).all())


def move_school(school: School, partnership: AreaInclusionPartnership, year: AcademicYear) -> None:
    """Put `school` in `partnership` for `year`, replacing any membership it had that year."""
    membership = db.session.scalar(
        select(PartnershipMembership).where(
            PartnershipMembership.school_id == school.id,
            PartnershipMembership.academic_year_id == year.id,
        )
    )
    if membership is None:
        membership = PartnershipMembership(school=school, academic_year=year)
        db.session.add(membership)
    membership.partnership = partnership
    db.session.commit()


def create_partnership(code: str, name: str) -> AreaInclusionPartnership:
    code = code.strip().upper()
    if not PARTNERSHIP_CODE_PATTERN.match(code):
        raise InvalidInput(
            "Enter a code of 2 to 20 capital letters, digits or hyphens", field="code"
        )
    if db.session.scalar(
        select(AreaInclusionPartnership).where(AreaInclusionPartnership.code == code)
    ):
        raise InvalidInput(f"A partnership with the code {code} already exists", field="code")
    partnership = AreaInclusionPartnership(code=code, name=name.strip())
    db.session.add(partnership)
    db.session.commit()
    return partnership


def rename_partnership(partnership: AreaInclusionPartnership, name: str) -> None:
    partnership.name = name.strip()
    db.session.commit()


def year_by_label(label: str) -> AcademicYear:
    year = db.session.scalar(select(AcademicYear).where(AcademicYear.label == label))
    if year is None:
        raise NotFound(f"There is no academic year {label}.")
    return year


def memberships_with_partnership(year: AcademicYear, school_ids: list[int]) -> dict[int, str]:
    """School id -> partnership name for `year`, in one query."""
    query = (
        select(PartnershipMembership)
        .join(PartnershipMembership.partnership)
        .options(contains_eager(PartnershipMembership.partnership))
        .where(
            PartnershipMembership.academic_year_id == year.id,
            PartnershipMembership.school_id.in_(school_ids),
        )
    )
    return {m.school_id: m.partnership.name for m in db.session.scalars(query)}


MINIMUM_EXPECTED_WEEK = Decimal("32.5")  # DfE "Length of the school week" (2023)


def set_school_week(school: School, hours: Decimal) -> str:
    """Record the school's own week: what "full time" means for its part-time timetables."""
    if not Decimal("10") <= hours <= Decimal("50"):
        raise InvalidInput("Enter the hours in the school's week, from 10 to 50")
    school.weekly_hours = hours
    db.session.commit()
    if hours < MINIMUM_EXPECTED_WEEK:
        return (
            f"The school's week is now {hours:g} hours. DfE expects mainstream schools to "
            f"open for at least {MINIMUM_EXPECTED_WEEK:g} hours a week"
        )
    return f"The school's week is now {hours:g} hours"
