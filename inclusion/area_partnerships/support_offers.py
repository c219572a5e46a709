"""Offering support: a school says which standards it can help other schools with.

A school may offer only on standards its latest submitted audit rates Embedded (the top of the
framework's scale); the form lists the others with the reason, so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from inclusion.area_partnerships.models import SupportCapacity
from inclusion.area_partnerships.support import (
    EMBEDDED,
    MAX_VISITS,
    MIN_VISITS,
    check_text,
    latest_ratings,
    rating_label,
    standards_in,
)
from inclusion.audit.models import Audit, Standard
from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School


@dataclass(frozen=True)
class CapacityInput:
    standard_codes: list[str]
    visits_per_term: int | None
    note: str = ""


@dataclass(frozen=True)
class Standing:
    """One standard of the year's framework, and whether the school may offer support on it."""

    standard: Standard
    offerable: bool
    reason: str  # why not, when it may not: "rated Established in your 2025/26 audit"


def standings(school: School, year: AcademicYear) -> list[Standing]:
    """Every standard of the year, with whether the school may offer it and why not."""
    rated = {
        standard_id: (rating, not_applicable)
        for _, standard_id, rating, not_applicable in db.session.execute(
            latest_ratings(year).where(Audit.school_id == school.id)
        )
    }
    return [_standing(standard, rated.get(standard.id), year) for standard in standards_in(year)]


def _standing(standard: Standard, rated: tuple | None, year: AcademicYear) -> Standing:
    if rated is None:
        reason = f"not yet rated: your {year.label} audit has not been submitted"
        return Standing(standard, False, reason)
    rating, not_applicable = rated
    if rating == EMBEDDED and not not_applicable:
        return Standing(standard, True, "")
    words = rating_label(rating, not_applicable)
    return Standing(standard, False, f"rated {words} in your {year.label} audit")


def capacity_of(school: School, year: AcademicYear) -> list[SupportCapacity]:
    query = (
        select(SupportCapacity)
        .where(SupportCapacity.school_id == school.id, SupportCapacity.academic_year_id == year.id)
        .order_by(SupportCapacity.standard_code)
    )
    return list(db.session.scalars(query))


def declare_capacity(school: School, year: AcademicYear, given: CapacityInput, user: User) -> None:
    """The school's offer for the year becomes exactly these standards (none: no offer)."""
    codes = _checked_capacity(school, year, given)
    existing = {row.standard_code: row for row in capacity_of(school, year)}
    for code, row in existing.items():
        if code not in codes:
            db.session.delete(row)
    for code in codes:
        row = existing.get(code) or SupportCapacity(
            school_id=school.id, academic_year_id=year.id, standard_code=code
        )
        row.visits_per_term = given.visits_per_term or MIN_VISITS
        row.note = given.note.strip()
        row.updated_at = utcnow()
        row.updated_by_id = user.id
        db.session.add(row)
    db.session.commit()


def remove_capacity(school: School, year: AcademicYear, standard_code: str) -> None:
    db.session.execute(
        delete(SupportCapacity).where(
            SupportCapacity.school_id == school.id,
            SupportCapacity.academic_year_id == year.id,
            SupportCapacity.standard_code == standard_code,
        )
    )
    db.session.commit()


def _checked_capacity(school: School, year: AcademicYear, given: CapacityInput) -> list[str]:
    known = {s.standard.code: s for s in standings(school, year)}
    if not known:
        raise InvalidInput(f"The council has not published a framework for {year.label} yet.")
    codes = sorted(set(given.standard_codes))
    if set(codes) - set(known):
        raise InvalidInput(
            f"Select standards from the {year.label} framework", field="standard_codes"
        )
    _check_offerable([known[code] for code in codes])
    _check_visits(given.visits_per_term, bool(codes))
    check_text(given.note, "note", "What you can offer")
    return codes


def _check_offerable(chosen: list[Standing]) -> None:
    """Advisers match schools only on standards rated Embedded: an offer on any other would
    be counted nowhere, so it is refused with the reason rather than kept."""
    for standing in chosen:
        if not standing.offerable:
            raise InvalidInput(
                f"You cannot offer support on {standing.standard.code}: {standing.reason}",
                field="standard_codes",
            )


def _check_visits(visits: int | None, offering: bool) -> None:
    if offering and (visits is None or not MIN_VISITS <= visits <= MAX_VISITS):
        raise InvalidInput(
            f"Enter the number of visits or sessions a term, from {MIN_VISITS} to {MAX_VISITS}",
            field="visits_per_term",
        )
