"""Setting-to-setting support: capacity schools offer, matches on a standard, pairings, outcomes.

Every read is a fixed number of aggregate queries; every change is one transaction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Exists, Select, delete, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from inclusion.area_partnerships.models import SupportCapacity, SupportPairing
from inclusion.area_partnerships.scope import Scope
from inclusion.audit.models import Audit, Framework, FrameworkArea, SnapshotRating, Standard
from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.round import events
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.schools.services import URN_PATTERN
from inclusion.versioning import StaleVersion, compare_and_set

STATUSES = {"planned": "Planned", "active": "Active", "completed": "Completed", "ended": "Ended"}
OPEN_STATUSES = ("planned", "active")
RATING_LABELS = {0: "Not yet in place", 1: "Emerging", 2: "Established", 3: "Embedded"}
EMBEDDED = 3
NEEDS_SUPPORT = (0, 1)
MIN_VISITS, MAX_VISITS = 1, 12
TEXT_LIMIT = 2000
NOT_YET_KNOWN = "Not yet known"


# ---- the framework's standards -------------------------------------------------------


def standards_in(year: AcademicYear) -> list[Standard]:
    """The year's standards in framework order."""
    query = (
        select(Standard)
        .join(Framework, Framework.id == Standard.framework_id)
        .join(FrameworkArea, FrameworkArea.id == Standard.area_id)
        .where(Framework.academic_year_id == year.id)
        .order_by(FrameworkArea.position, Standard.position)
    )
    return list(db.session.scalars(query))


def standard_in_year(year: AcademicYear, code: str) -> Standard:
    query = (
        select(Standard)
        .join(Framework, Framework.id == Standard.framework_id)
        .where(Framework.academic_year_id == year.id, Standard.code == (code or "").strip())
    )
    standard = db.session.scalar(query)
    if standard is None:
        raise NotFound(f"{code} is not a standard in the {year.label} framework.")
    return standard


# ---- capacity ------------------------------------------------------------------------


@dataclass(frozen=True)
class CapacityInput:
    standard_codes: list[str]
    visits_per_term: int | None
    note: str = ""


def capacity_of(school: School, year: AcademicYear) -> list[SupportCapacity]:
    query = (
        select(SupportCapacity)
        .where(SupportCapacity.school_id == school.id, SupportCapacity.academic_year_id == year.id)
        .order_by(SupportCapacity.standard_code)
    )
    return list(db.session.scalars(query))


def declare_capacity(school: School, year: AcademicYear, given: CapacityInput, user: User) -> None:
    """The school's offer for the year becomes exactly these standards (none: no offer)."""
    codes = _checked_capacity(year, given)
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


def _checked_capacity(year: AcademicYear, given: CapacityInput) -> list[str]:
    known = [standard.code for standard in standards_in(year)]
    if not known:
        raise InvalidInput(f"The council has not published a framework for {year.label} yet.")
    codes = sorted(set(given.standard_codes))
    if set(codes) - set(known):
        raise InvalidInput(
            f"Select standards from the {year.label} framework", field="standard_codes"
        )
    visits = given.visits_per_term
    if codes and (visits is None or not MIN_VISITS <= visits <= MAX_VISITS):
        raise InvalidInput(
            f"Enter the number of visits or sessions a term, from {MIN_VISITS} to {MAX_VISITS}",
            field="visits_per_term",
        )
    _check_text(given.note, "note", "What you can offer")
    return codes


# ---- matches -------------------------------------------------------------------------


@dataclass(frozen=True)
class Supporter:
    school: School
    partnership_id: int
    partnership_name: str
    visits_per_term: int
    load: int  # pairings planned or active this year, as the supporting school


@dataclass(frozen=True)
class Candidate:
    supporter: Supporter
    same_partnership: bool
    distance_km: float | None
    phase_match: bool

    def rank(self) -> tuple:
        """Same partnership first; nearer first (no coordinates last); same phase first."""
        distance = round(self.distance_km, 1) if self.distance_km is not None else 0.0
        return (
            not self.same_partnership,
            self.distance_km is None,
            distance,
            not self.phase_match,
            self.supporter.school.name,
        )


@dataclass(frozen=True)
class Need:
    school: School
    rating: int
    candidates: list[Candidate]

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.rating, str(self.rating))


@dataclass(frozen=True)
class Matches:
    standard: Standard
    supporters: list[Supporter]
    needing: list[Need]


def matches(scope: Scope, standard_code: str) -> Matches:
    """Embedded schools with capacity (council-wide), matched to the scope's schools in need."""
    standard = standard_in_year(scope.year, standard_code)
    supporters = _supporters(scope, standard)
    needing = [
        Need(school, rating, ranked_candidates(school, partnership_id, supporters))
        for school, rating, partnership_id, _ in db.session.execute(
            _rated(scope, standard).where(SnapshotRating.rating.in_(NEEDS_SUPPORT))
        )
    ]
    return Matches(standard, supporters, needing)


def ranked_candidates(
    school: School, partnership_id: int, supporters: list[Supporter]
) -> list[Candidate]:
    candidates = [
        Candidate(
            supporter,
            supporter.partnership_id == partnership_id,
            distance_km(school, supporter.school),
            supporter.school.phase == school.phase,
        )
        for supporter in supporters
        if supporter.school.id != school.id
    ]
    return sorted(candidates, key=Candidate.rank)


def distance_km(a: School, b: School) -> float | None:
    """Straight-line distance from Ordnance Survey eastings and northings (metres)."""
    if None in (a.easting, a.northing, b.easting, b.northing):
        return None
    return math.hypot(a.easting - b.easting, a.northing - b.northing) / 1000


def _rated(scope: Scope, standard: Standard) -> Select:
    """Schools in scope with their latest rating of `standard` and this year's partnership."""
    return (
        select(
            School,
            SnapshotRating.rating,
            AreaInclusionPartnership.id,
            AreaInclusionPartnership.name,
        )
        .join(Audit, Audit.school_id == School.id)
        .join(SnapshotRating, SnapshotRating.snapshot_id == Audit.latest_snapshot_id)
        .join(
            PartnershipMembership,
            (PartnershipMembership.school_id == School.id)
            & (PartnershipMembership.academic_year_id == scope.year.id),
        )
        .join(AreaInclusionPartnership)
        .where(
            School.id.in_(scope.school_ids()),
            Audit.academic_year_id == scope.year.id,
            SnapshotRating.standard_id == standard.id,
        )
        .order_by(School.name)
    )


def _supporters(scope: Scope, standard: Standard) -> list[Supporter]:
    query = (
        _rated(scope.council(), standard)
        .add_columns(SupportCapacity.visits_per_term)
        .join(SupportCapacity, SupportCapacity.school_id == School.id)
        .where(
            SnapshotRating.rating == EMBEDDED,
            SupportCapacity.academic_year_id == scope.year.id,
            SupportCapacity.standard_code == standard.code,
        )
    )
    rows = db.session.execute(query).all()
    loads = current_loads(scope.year, [row[0].id for row in rows])
    return [
        Supporter(school, partnership_id, name, visits, loads.get(school.id, 0))
        for school, _, partnership_id, name, visits in rows
    ]


def current_loads(year: AcademicYear, school_ids: list[int]) -> dict[int, int]:
    """Pairings planned or active in the year, by supporting school."""
    if not school_ids:
        return {}
    query = (
        select(SupportPairing.supporting_school_id, func.count())
        .where(
            SupportPairing.supporting_school_id.in_(school_ids),
            SupportPairing.academic_year_id == year.id,
            SupportPairing.status.in_(OPEN_STATUSES),
        )
        .group_by(SupportPairing.supporting_school_id)
    )
    return dict(db.session.execute(query).all())


# ---- pairings ------------------------------------------------------------------------


@dataclass(frozen=True)
class PairingInput:
    supporting_urn: str
    supported_urn: str
    standard_code: str
    start_date: date | None
    planned_end_date: date | None
    status: str = "planned"
    notes: str = ""


def record_pairing(scope: Scope, given: PairingInput, user: User) -> SupportPairing:
    """An adviser records that one school supports another, in the scope's year."""
    supporting = _school_for(given.supporting_urn, "supporting_urn")
    supported = _school_for(given.supported_urn, "supported_urn")
    _check_standard(scope.year, given.standard_code)
    _check_schools(scope, supporting, supported)
    _check_supporter(scope, supporting, given.standard_code.strip())
    _check_dates(given.start_date, given.planned_end_date)
    _check_status(given.status)
    _check_text(given.notes, "notes", "Notes")
    pairing = SupportPairing(
        academic_year_id=scope.year.id,
        supporting_school_id=supporting.id,
        supported_school_id=supported.id,
        standard_code=given.standard_code.strip(),
        start_date=given.start_date,
        planned_end_date=given.planned_end_date,
        status=given.status,
        notes=given.notes.strip(),
        created_by_id=user.id,
    )
    db.session.add(pairing)
    db.session.commit()
    events.pairing_recorded(supporting, supported, pairing.standard_code, pairing.start_date)
    return pairing


def update_pairing(
    pairing: SupportPairing, status: str, notes: str, based_on: int, user: User
) -> None:
    """Change the status and notes, if nobody saved since version `based_on`."""
    _check_status(status)
    _check_text(notes, "notes", "Notes")
    values = {"status": status, "notes": notes.strip()}
    if not compare_and_set(SupportPairing, pairing.id, based_on, values):
        db.session.rollback()
        raise StaleVersion("pairing", field="status")
    db.session.commit()
    db.session.refresh(pairing)


def _school_for(urn: str, field: str) -> School:
    role = "supporting" if field == "supporting_urn" else "supported"
    cleaned = (urn or "").strip()
    if not URN_PATTERN.match(cleaned):
        raise InvalidInput(f"Enter the {role} school's URN as 6 digits, like 123456", field=field)
    school = db.session.scalar(select(School).where(School.urn == cleaned))
    if school is None:
        raise InvalidInput(
            f"There is no school with URN {cleaned}: check the {role} school's URN", field=field
        )
    return school


def _check_schools(scope: Scope, supporting: School, supported: School) -> None:
    if supporting.id == supported.id:
        raise InvalidInput(
            "The supporting school and the supported school must be different",
            field="supported_urn",
        )
    in_scope = scope.school_ids().where(School.id == supported.id).exists()
    if not db.session.scalar(select(in_scope)):
        raise InvalidInput(
            f"{supported.name} is not in {scope.label} in {scope.year.label}: "
            "record the pairing from its own partnership's page",
            field="supported_urn",
        )


def _check_supporter(scope: Scope, supporting: School, code: str) -> None:
    """A school in the adviser's own scope may be asked; one in another partnership only when
    it has offered support on that standard this year (the offer is its consent), so that no
    adviser commits another partnership's school without it."""
    if db.session.scalar(select(scope.school_ids().where(School.id == supporting.id).exists())):
        return
    offered = (
        select(SupportCapacity.id)
        .where(
            SupportCapacity.school_id == supporting.id,
            SupportCapacity.academic_year_id == scope.year.id,
            SupportCapacity.standard_code == code,
            SupportCapacity.school_id.in_(scope.council().school_ids()),
        )
        .exists()
    )
    if not db.session.scalar(select(offered)):
        raise InvalidInput(
            f"{supporting.name} is not in {scope.label} and has not offered support on {code} "
            f"in {scope.year.label}: ask its own partnership's adviser",
            field="supporting_urn",
        )


def _check_standard(year: AcademicYear, code: str) -> None:
    try:
        standard_in_year(year, code)
    except NotFound:
        raise InvalidInput(
            f"Select a standard from the {year.label} framework", field="standard_code"
        ) from None


def _check_dates(start: date | None, planned_end: date | None) -> None:
    if start is None:
        raise InvalidInput("Enter the start date", field="start_date")
    if planned_end is None:
        raise InvalidInput("Enter the planned end date", field="planned_end_date")
    if planned_end <= start:
        raise InvalidInput(
            "The planned end date must be after the start date", field="planned_end_date"
        )


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise InvalidInput("Select a status: planned, active, completed or ended", field="status")


def _check_text(value: str, field: str, label: str) -> None:
    if len((value or "").strip()) > TEXT_LIMIT:
        raise InvalidInput(f"{label} must be {TEXT_LIMIT:,} characters or fewer", field=field)


# ---- listing pairings, with their outcomes ---------------------------------------------


@dataclass(frozen=True)
class PairingRow:
    pairing: SupportPairing
    standard_title: str
    outcome: str

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.pairing.status, self.pairing.status)


def pairings_in(partnership: AreaInclusionPartnership) -> list[PairingRow]:
    """Pairings where either school was in the partnership in the pairing's year."""
    return _rows(
        or_(
            _member_then(SupportPairing.supporting_school_id, partnership),
            _member_then(SupportPairing.supported_school_id, partnership),
        )
    )


def pairings_of(school: School) -> list[PairingRow]:
    """The school's pairings, as supporting or supported school, every year."""
    return _rows(
        or_(
            SupportPairing.supporting_school_id == school.id,
            SupportPairing.supported_school_id == school.id,
        )
    )


def pairing_in(partnership: AreaInclusionPartnership, pairing_id: int) -> SupportPairing:
    query = select(SupportPairing).where(
        SupportPairing.id == pairing_id,
        or_(
            _member_then(SupportPairing.supporting_school_id, partnership),
            _member_then(SupportPairing.supported_school_id, partnership),
        ),
    )
    pairing = db.session.scalar(query)
    if pairing is None:
        raise NotFound("There is no such pairing in this partnership.")
    return pairing


def _member_then(school_id: ColumnElement, partnership: AreaInclusionPartnership) -> Exists:
    return exists().where(
        PartnershipMembership.school_id == school_id,
        PartnershipMembership.academic_year_id == SupportPairing.academic_year_id,
        PartnershipMembership.partnership_id == partnership.id,
    )


def _rows(condition: ColumnElement) -> list[PairingRow]:
    query = (
        select(SupportPairing, Standard.title)
        .join(AcademicYear, AcademicYear.id == SupportPairing.academic_year_id)
        .outerjoin(Framework, Framework.academic_year_id == SupportPairing.academic_year_id)
        .outerjoin(
            Standard,
            (Standard.framework_id == Framework.id)
            & (Standard.code == SupportPairing.standard_code),
        )
        .where(condition)
        .options(
            joinedload(SupportPairing.supporting_school),
            joinedload(SupportPairing.supported_school),
            joinedload(SupportPairing.academic_year),
        )
        .order_by(AcademicYear.start_date.desc(), SupportPairing.start_date, SupportPairing.id)
    )
    found = db.session.execute(query).all()
    known = outcomes([pairing.id for pairing, _ in found])
    return [
        PairingRow(pairing, title or pairing.standard_code, known.get(pairing.id, NOT_YET_KNOWN))
        for pairing, title in found
    ]


def outcomes(pairing_ids: list[int]) -> dict[int, str]:
    """The supported school's rating of the successor standard in the next year's audit."""
    if not pairing_ids:
        return {}
    then, successor = aliased(Standard), aliased(Standard)
    query = (
        select(SupportPairing.id, SnapshotRating.rating, SnapshotRating.not_applicable)
        .join(Framework, Framework.academic_year_id == SupportPairing.academic_year_id)
        .join(
            then, (then.framework_id == Framework.id) & (then.code == SupportPairing.standard_code)
        )
        .join(successor, successor.predecessor_id == then.id)
        .join(
            Audit,
            (Audit.school_id == SupportPairing.supported_school_id)
            & (Audit.framework_id == successor.framework_id),
        )
        .join(
            SnapshotRating,
            (SnapshotRating.snapshot_id == Audit.latest_snapshot_id)
            & (SnapshotRating.standard_id == successor.id),
        )
        .where(SupportPairing.id.in_(pairing_ids))
    )
    return {
        pairing_id: _rating_text(rating, not_applicable)
        for pairing_id, rating, not_applicable in db.session.execute(query)
    }


def _rating_text(rating: int | None, not_applicable: bool) -> str:
    if not_applicable:
        return "Not applicable"
    return RATING_LABELS.get(rating, NOT_YET_KNOWN) if rating is not None else NOT_YET_KNOWN
