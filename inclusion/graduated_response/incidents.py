"""Suspensions, lunchtime suspensions and permanent exclusions: checks, saving and the limit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from inclusion.auth.models import User
from inclusion.errors import Conflict, InvalidInput
from inclusion.extensions import db
from inclusion.graduated_response import exclusion_rules
from inclusion.graduated_response.models import ExclusionIncident, SuspensionLimitOverride
from inclusion.graduated_response.records import (
    PupilFacts,
    check_pupil,
    check_pupil_ref,
    check_text,
    create_record,
    update_record,
    values_of,
)
from inclusion.graduated_response.terms import academic_year_of
from inclusion.graduated_response.vocab import (
    ALL_EXCLUSION_REASONS,
    EXCLUSION_REASONS,
    ExclusionKind,
    PermanentOutcome,
)
from inclusion.schools.models import School
from inclusion.security import events
from inclusion.security.events import EventKind
from inclusion.ui.once import refuse_if_sent

MAX_SESSIONS = 90  # 45 school days: no single suspension can be longer


@dataclass(frozen=True)
class ExclusionInput(PupilFacts):
    kind: str
    start_date: date
    sessions: int
    reasons: list[str] = field(default_factory=list)
    looked_after: bool = False
    child_in_need: bool = False
    child_protection: bool = False
    misses_public_exam: bool = False
    permanent_outcome: str = ""
    governors_review_outcome: str = ""


class DuplicateIncident(Conflict):
    """The same incident (pupil, start date, type) is already recorded."""

    def __init__(self, existing_id: int) -> None:
        super().__init__(
            "This incident is already recorded for this pupil, with the same start date and "
            "type. Open the existing record to change it",
            field="pupil_ref",
        )
        self.existing_id = existing_id


def normalised(given: ExclusionInput) -> ExclusionInput:
    """A lunchtime suspension is one session (half a day); a permanent exclusion has none."""
    if given.kind == ExclusionKind.LUNCHTIME:
        return replace(given, sessions=1, permanent_outcome="")
    if given.kind == ExclusionKind.PERMANENT:
        return replace(given, sessions=0, misses_public_exam=False)
    return replace(given, permanent_outcome="")


def check_exclusion(given: ExclusionInput, kept_reasons: frozenset[str] = frozenset()) -> None:
    check_pupil(given)
    if given.kind not in set(ExclusionKind):
        raise InvalidInput(
            "Select suspension, lunchtime suspension or permanent exclusion", field="kind"
        )
    if given.kind == ExclusionKind.SUSPENSION and not 1 <= given.sessions <= MAX_SESSIONS:
        raise InvalidInput(
            f"Enter the number of sessions (half days), from 1 to {MAX_SESSIONS}",
            field="sessions",
        )
    _check_reasons(given.reasons, kept_reasons)
    _check_outcome(given)
    check_text(given.governors_review_outcome, "governors_review_outcome")


def _check_reasons(reasons: list[str], kept: frozenset[str]) -> None:
    # A retired code (OT Other) stays readable on an old record but cannot be newly chosen.
    allowed = set(EXCLUSION_REASONS) | (kept & set(ALL_EXCLUSION_REASONS))
    if not 1 <= len(reasons) <= 3 or not set(reasons) <= allowed:
        raise InvalidInput("Select between 1 and 3 reasons from the DfE list", field="reasons")


def _check_outcome(given: ExclusionInput) -> None:
    if given.kind != ExclusionKind.PERMANENT:
        return
    if given.permanent_outcome not in set(PermanentOutcome):
        raise InvalidInput(
            "Select what became of the permanent exclusion", field="permanent_outcome"
        )


def create_exclusion(
    school: School, given: ExclusionInput, user: User, once: str | None = None
) -> ExclusionIncident:
    refuse_if_sent(once, user.id)
    given = normalised(given)
    check_exclusion(given)
    values = values_of(given)
    _refuse_duplicate(school, values)
    _refuse_past_limit(school, values)
    try:
        return create_record(ExclusionIncident, "exclusion", school, values, user, once)
    except IntegrityError:
        # Two submissions at once: the unique index let one through.
        db.session.rollback()
        _refuse_duplicate(school, values)
        raise


def update_exclusion(
    record: ExclusionIncident, given: ExclusionInput, based_on: int, user: User
) -> None:
    given = normalised(given)
    check_exclusion(given, kept_reasons=frozenset(record.reasons))
    values = values_of(given)
    _refuse_duplicate(record.school, values, record.id)
    _refuse_past_limit(record.school, values, record.id)
    update_record(record, "exclusion", values, based_on, user)


def _refuse_duplicate(school: School, values: dict, own_id: int | None = None) -> None:
    existing = db.session.scalar(
        select(ExclusionIncident.id).where(
            ExclusionIncident.school_id == school.id,
            ExclusionIncident.pupil_ref == values["pupil_ref"],
            ExclusionIncident.start_date == values["start_date"],
            ExclusionIncident.kind == values["kind"],
            ExclusionIncident.deleted_at.is_(None),
            ExclusionIncident.id != (own_id or 0),
        )
    )
    if existing is not None:
        raise DuplicateIncident(existing)


def _refuse_past_limit(school: School, values: dict, own_id: int | None = None) -> None:
    new = _incident(values)
    year = academic_year_of(new.start_date)
    others = incidents_of(_pupil_incidents(school, new.pupil_ref, own_id))
    message = exclusion_rules.limit_breach(others, new)
    if message and not _override_exists(school, new.pupil_ref, year):
        raise InvalidInput(message, field="sessions")


def _pupil_incidents(school: School, pupil_ref: str, own_id: int | None):
    return db.session.scalars(
        select(ExclusionIncident).where(
            ExclusionIncident.school_id == school.id,
            ExclusionIncident.pupil_ref == pupil_ref,
            ExclusionIncident.deleted_at.is_(None),
            ExclusionIncident.id != (own_id or 0),
        )
    ).all()


INCIDENT_FIELDS = ("pupil_ref", "kind", "start_date", "sessions", "misses_public_exam")


def _incident(values: dict) -> exclusion_rules.Incident:
    return exclusion_rules.Incident(
        values["pupil_ref"],
        values["kind"],
        values["start_date"],
        values["sessions"],
        values.get("misses_public_exam", False),
    )


def incidents_of(records: list[ExclusionIncident]) -> list[exclusion_rules.Incident]:
    # Read through the attributes, not the instance __dict__: an expired attribute (after
    # a commit) is missing from __dict__ until loaded.
    return [_incident({name: getattr(r, name) for name in INCIDENT_FIELDS}) for r in records]


def _override_exists(school: School, pupil_ref: str, academic_year: str) -> bool:
    return (
        db.session.scalar(
            select(SuspensionLimitOverride.id).where(
                SuspensionLimitOverride.school_id == school.id,
                SuspensionLimitOverride.pupil_ref == pupil_ref,
                SuspensionLimitOverride.academic_year == academic_year,
            )
        )
        is not None
    )


ACADEMIC_YEAR = re.compile(r"^20\d\d/\d\d$")


def grant_limit_override(
    school: School, pupil_ref: str, academic_year: str, reason: str, admin: User
) -> SuspensionLimitOverride:
    """A council administrator allows one pupil's records past the 45-day limit, with a reason."""
    ref = pupil_ref.strip().upper()
    check_pupil_ref(ref)
    if not ACADEMIC_YEAR.match(academic_year.strip()):
        raise InvalidInput("Enter the academic year like 2026/27", field="academic_year")
    if not reason.strip():
        raise InvalidInput("Say why the record is allowed", field="reason")
    check_text(reason, "reason")
    if _override_exists(school, ref, academic_year.strip()):
        raise Conflict("That pupil already has an override for that year.", field="pupil_ref")
    override = SuspensionLimitOverride(
        school_id=school.id,
        pupil_ref=ref,
        academic_year=academic_year.strip(),
        reason=reason.strip(),
        granted_by_id=admin.id,
    )
    db.session.add(override)
    events.record(
        EventKind.SUSPENSION_LIMIT_OVERRIDDEN, admin, school=school.urn, year=academic_year
    )
    db.session.commit()
    return override
