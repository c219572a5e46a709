"""Placing a new school in its Area Inclusion Partnership, by its former district.

Memberships are an editable table, so a district's partnership is read from it first: the
partnership most of that district's schools belong to in the year. A district with no school
placed yet takes the seeded default (`seeds/partnerships.csv`). Schools are placed for the
current academic year and any later year the portal already has; a school with a membership
for a year keeps it.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.seeding import PARTNERSHIPS_FILE


@dataclass
class Placement:
    placed: dict[str, str] = field(default_factory=dict)  # URN -> partnership code
    unplaced: list[str] = field(default_factory=list)  # URNs whose district has no partnership


def years_to_place() -> list[AcademicYear]:
    """The current academic year and any later one."""
    current = db.session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    if current is None:
        return []
    return list(
        db.session.scalars(
            select(AcademicYear)
            .where(AcademicYear.start_date >= current.start_date)
            .order_by(AcademicYear.start_date)
        )
    )


def district_partnerships(year: AcademicYear) -> dict[str, AreaInclusionPartnership]:
    """District code -> its partnership in `year`: where most of its schools are, else the seed."""
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    query = (
        select(School.district_code, PartnershipMembership.partnership_id)
        .join(PartnershipMembership, PartnershipMembership.school_id == School.id)
        .where(PartnershipMembership.academic_year_id == year.id, School.district_code.is_not(None))
    )
    for district, partnership_id in db.session.execute(query):
        counts[district][partnership_id] += 1
    partnerships = {p.id: p for p in db.session.scalars(select(AreaInclusionPartnership))}
    by_code = {p.code: p for p in partnerships.values()}
    found = {
        district: by_code[code] for district, code in _seeded_defaults().items() if code in by_code
    }
    found |= {
        district: partnerships[tally.most_common(1)[0][0]] for district, tally in counts.items()
    }
    return found


def place(schools: list[School], *, write: bool = True) -> Placement:
    """Place each school (by its district) for the current and later years; report where."""
    placement = Placement()
    years = years_to_place()
    for year in years:
        by_district = district_partnerships(year)
        placed = _placed_in(year, schools) if write else set()
        for school in schools:
            partnership = by_district.get(school.district_code or "")
            if partnership is None:
                if school.urn not in placement.unplaced:
                    placement.unplaced.append(school.urn)
                continue
            placement.placed.setdefault(school.urn, partnership.code)
            if write and school.id not in placed:
                db.session.add(
                    PartnershipMembership(
                        school_id=school.id, partnership_id=partnership.id, academic_year_id=year.id
                    )
                )
    if write:
        db.session.flush()
    return placement


def _placed_in(year: AcademicYear, schools: list[School]) -> set[int]:
    ids = [school.id for school in schools]
    return set(
        db.session.scalars(
            select(PartnershipMembership.school_id).where(
                PartnershipMembership.academic_year_id == year.id,
                PartnershipMembership.school_id.in_(ids),
            )
        )
    )


def _seeded_defaults() -> dict[str, str]:
    """District code -> partnership code, from the seed file (the default by former district)."""
    with PARTNERSHIPS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return {row["district_code"]: row["code"] for row in csv.DictReader(handle)}
