"""Pairing: an adviser records that one school supports another on a standard; both schools,
the partnership's advisers and its leads follow it; the outcome is next year's rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Exists, exists, or_, select
from sqlalchemy.orm import aliased, joinedload

from inclusion.area_partnerships.models import SupportCapacity, SupportPairing
from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.support import (
    NOT_YET_KNOWN,
    STATUSES,
    check_standard,
    check_status,
    check_text,
    rating_label,
)
from inclusion.audit.models import Audit, Framework, SnapshotRating, Standard
from inclusion.auth.models import User
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.round import events
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.versioning import StaleVersion, compare_and_set


@dataclass(frozen=True)
class PairingInput:
    supporting_urn: str
    supported_urn: str
    standard_code: str
    start_date: date | None
    planned_end_date: date | None
    status: str = "planned"
    notes: str = ""


# ---- recording and changing ------------------------------------------------------------


def record_pairing(scope: Scope, given: PairingInput, user: User) -> SupportPairing:
    """An adviser records that one school supports another, in the scope's year."""
    supporting = _school_for(given.supporting_urn, "supporting_urn")
    supported = _school_for(given.supported_urn, "supported_urn")
    check_standard(scope.year, given.standard_code)
    _check_schools(scope, supporting, supported)
    _check_supporter(scope, supporting, given.standard_code.strip())
    _check_dates(given.start_date, given.planned_end_date)
    check_status(given.status)
    check_text(given.notes, "notes", "Notes")
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
    check_status(status)
    check_text(notes, "notes", "Notes")
    values = {"status": status, "notes": notes.strip()}
    if not compare_and_set(SupportPairing, pairing.id, based_on, values):
        db.session.rollback()
        raise StaleVersion("pairing", field="status")
    db.session.commit()
    db.session.refresh(pairing)


def _school_for(urn: str, field: str) -> School:
    role = "supporting" if field == "supporting_urn" else "supported"
    cleaned = (urn or "").strip()
    school = db.session.scalar(select(School).where(School.urn == cleaned)) if cleaned else None
    if school is None:
        raise InvalidInput(f"Select the {role} school from the list", field=field)
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


def _check_dates(start: date | None, planned_end: date | None) -> None:
    if start is None:
        raise InvalidInput("Enter the start date", field="start_date")
    if planned_end is None:
        raise InvalidInput("Enter the planned end date", field="planned_end_date")
    if planned_end <= start:
        raise InvalidInput(
            "The planned end date must be after the start date", field="planned_end_date"
        )


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
    return _rows(_in_partnership(partnership))


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
        SupportPairing.id == pairing_id, _in_partnership(partnership)
    )
    pairing = db.session.scalar(query)
    if pairing is None:
        raise NotFound("There is no such pairing in this partnership.")
    return pairing


def _in_partnership(partnership: AreaInclusionPartnership) -> ColumnElement:
    return or_(
        _member_then(SupportPairing.supporting_school_id, partnership),
        _member_then(SupportPairing.supported_school_id, partnership),
    )


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
        pairing_id: rating_label(rating, not_applicable)
        for pairing_id, rating, not_applicable in db.session.execute(query)
    }
