"""Part-time timetables and suspensions: validated, versioned, with history and soft delete."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import Conflict, InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response import rules
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.models import (
    ExclusionIncident,
    PartTimeTimetable,
    TimetableReview,
)
from inclusion.graduated_response.vocab import (
    EXCLUSION_REASONS,
    YEAR_GROUPS,
    ExclusionKind,
    LinkedPlan,
    SenStatus,
    TimetableReason,
)
from inclusion.schools.models import School

PUPIL_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")
LOOKS_LIKE_UPN = re.compile(r"^[A-Za-z]\d{11}[0-9A-Za-z]$")
TEXT_LIMIT = 2000
BEHAVIOUR_WORDS = ("behaviour", "behavior", "manage")
RECORD_TYPES = {"timetable": PartTimeTimetable, "exclusion": ExclusionIncident}


@dataclass(frozen=True)
class PupilFacts:
    pupil_ref: str
    year_group: str
    sen_status: str


@dataclass(frozen=True)
class TimetableInput(PupilFacts):
    reason: str
    start_date: date
    planned_end_date: date
    hours_per_week: Decimal
    reason_other: str = ""
    looked_after: bool = False
    child_in_need: bool = False
    child_protection: bool = False
    parental_agreement_date: date | None = None
    council_notified_date: date | None = None
    linked_plan: str = LinkedPlan.NONE.value
    actual_end_date: date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class ExclusionInput(PupilFacts):
    kind: str
    start_date: date
    sessions: int
    reasons: list[str] = field(default_factory=list)
    council_notified: bool = False
    governors_review_outcome: str = ""


def check_pupil(given: PupilFacts) -> None:
    ref = given.pupil_ref.strip()
    if LOOKS_LIKE_UPN.match(ref):
        raise InvalidInput(
            "This looks like a unique pupil number. Use your school's own reference instead",
            field="pupil_ref",
        )
    if not PUPIL_REF.match(ref):
        raise InvalidInput(
            "Enter a reference of up to 20 letters, numbers or hyphens, with no spaces or names",
            field="pupil_ref",
        )
    if given.year_group not in YEAR_GROUPS:
        raise InvalidInput("Select the pupil's year group", field="year_group")
    if given.sen_status not in set(SenStatus):
        raise InvalidInput("Select the pupil's SEN status", field="sen_status")


def check_timetable(given: TimetableInput) -> None:
    check_pupil(given)
    _check_reason(given)
    if given.linked_plan not in set(LinkedPlan):
        raise InvalidInput("Select a linked plan, or None", field="linked_plan")
    facts = rules.TimetableFacts(
        given.year_group,
        given.start_date,
        given.planned_end_date,
        given.hours_per_week,
        given.reason,
        given.actual_end_date,
    )
    problems = rules.timetable_problems(facts)
    if problems:
        name, message = next(iter(problems.items()))
        raise InvalidInput(message, field=name)
    _check_text(given.outcome, "outcome")


def _check_reason(given: TimetableInput) -> None:
    if given.reason not in set(TimetableReason):
        raise InvalidInput(
            "Select a reason. Managing behaviour is not one: the law does not allow a part-time "
            "timetable to be used to manage behaviour",
            field="reason",
        )
    if given.reason == TimetableReason.OTHER:
        text = given.reason_other.strip().lower()
        if not text:
            raise InvalidInput("Describe the other reason", field="reason_other")
        if any(word in text for word in BEHAVIOUR_WORDS):
            raise InvalidInput(
                "A part-time timetable must not be used to manage behaviour. Record the "
                "pupil's need that the timetable meets",
                field="reason_other",
            )
        _check_text(given.reason_other, "reason_other")


def check_exclusion(given: ExclusionInput) -> None:
    check_pupil(given)
    if given.kind not in set(ExclusionKind):
        raise InvalidInput("Select suspension or permanent exclusion", field="kind")
    if not 1 <= given.sessions <= 90:
        raise InvalidInput(
            "Enter the number of sessions (half days), from 1 to 90", field="sessions"
        )
    if not 1 <= len(given.reasons) <= 3 or not set(given.reasons) <= set(EXCLUSION_REASONS):
        raise InvalidInput("Select between 1 and 3 reasons from the DfE list", field="reasons")
    _check_text(given.governors_review_outcome, "governors_review_outcome")


def _check_text(text: str, name: str) -> None:
    if len(text) > TEXT_LIMIT:
        raise InvalidInput(f"Keep this to {TEXT_LIMIT:,} characters or fewer", field=name)


def _values(given: PupilFacts) -> dict[str, Any]:
    values = asdict(given)
    values["pupil_ref"] = values["pupil_ref"].strip().upper()
    return values


def create_timetable(school: School, given: TimetableInput, user: User) -> PartTimeTimetable:
    check_timetable(given)
    return _create(PartTimeTimetable, "timetable", school, _values(given), user)


def create_exclusion(school: School, given: ExclusionInput, user: User) -> ExclusionIncident:
    check_exclusion(given)
    return _create(ExclusionIncident, "exclusion", school, _values(given), user)


def _create(model, record_type: str, school: School, values: dict, user: User):
    record = model(school_id=school.id, created_by_id=user.id, **values)
    db.session.add(record)
    db.session.flush()
    record_changes(school.id, record_type, record.id, {}, values, user)
    db.session.commit()
    return record


def update_timetable(
    record: PartTimeTimetable, given: TimetableInput, based_on: int, user: User
) -> None:
    check_timetable(given)
    _update(record, "timetable", _values(given), based_on, user)


def update_exclusion(
    record: ExclusionIncident, given: ExclusionInput, based_on: int, user: User
) -> None:
    check_exclusion(given)
    _update(record, "exclusion", _values(given), based_on, user)


def _update(record, record_type: str, values: dict, based_on: int, user: User) -> None:
    old = {name: getattr(record, name) for name in values}
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return
    model = type(record)
    result = db.session.execute(
        update(model)
        .where(model.id == record.id, model.version == based_on, model.deleted_at.is_(None))
        .values(**changed, version=model.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(
            "Someone else changed this record while you were editing it. Reload it and try again."
        )
    record_changes(record.school_id, record_type, record.id, old, changed, user)
    db.session.commit()
    db.session.refresh(record)


def add_review(record: PartTimeTimetable, review_date: date, note: str, user: User) -> None:
    if review_date < record.start_date:
        raise InvalidInput(
            "The review date cannot be before the timetable started", field="review_date"
        )
    if review_date > date.today():
        raise InvalidInput("The review date cannot be in the future", field="review_date")
    _check_text(note, "note")
    db.session.add(
        TimetableReview(
            timetable_id=record.id,
            review_date=review_date,
            note=note.strip(),
            created_by_id=user.id,
        )
    )
    record_changes(record.school_id, "timetable", record.id, {}, {"review": review_date}, user)
    db.session.commit()


def soft_delete(record, record_type: str, reason: str, user: User) -> None:
    if not reason.strip():
        raise InvalidInput("Say why you are deleting this record", field="reason")
    record.deleted_at = utcnow()
    record.deleted_by_id = user.id
    record.deleted_reason = reason.strip()[:TEXT_LIMIT]
    record_changes(record.school_id, record_type, record.id, {}, {"deleted": reason.strip()}, user)
    db.session.commit()


def live_record(record_type: str, school: School, record_id: int):
    model = RECORD_TYPES[record_type]
    record = db.session.get(model, record_id)
    if record is None or record.school_id != school.id or record.deleted_at is not None:
        raise NotFound("That record does not exist.")
    return record


def timetable_facts(record: PartTimeTimetable) -> rules.TimetableFacts:
    last = max((r.review_date for r in record.reviews), default=None)
    return rules.TimetableFacts(
        record.year_group,
        record.start_date,
        record.planned_end_date,
        record.hours_per_week,
        record.reason,
        record.actual_end_date,
        last,
    )


def live_timetables(school: School) -> list[PartTimeTimetable]:
    from sqlalchemy.orm import selectinload

    query = (
        select(PartTimeTimetable)
        .where(PartTimeTimetable.school_id == school.id, PartTimeTimetable.deleted_at.is_(None))
        .options(selectinload(PartTimeTimetable.reviews))
        .order_by(PartTimeTimetable.start_date.desc())
    )
    return list(db.session.scalars(query))


def live_exclusions(school: School) -> list[ExclusionIncident]:
    query = (
        select(ExclusionIncident)
        .where(ExclusionIncident.school_id == school.id, ExclusionIncident.deleted_at.is_(None))
        .order_by(ExclusionIncident.start_date.desc(), ExclusionIncident.id.desc())
    )
    return list(db.session.scalars(query))
