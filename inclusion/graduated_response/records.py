"""Pupil records: part-time timetables here (suspensions in incidents.py); validated,
versioned, with history and soft delete."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response import rules
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.models import (
    ExclusionIncident,
    PartTimeTimetable,
    TimetableReview,
)
from inclusion.graduated_response.vocab import (
    YEAR_GROUPS,
    LinkedPlan,
    SenStatus,
    TimetableReason,
)
from inclusion.schools.models import School
from inclusion.ui.once import claim, refuse_if_sent
from inclusion.versioning import StaleVersion, compare_and_set

PUPIL_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")
LOOKS_LIKE_UPN = re.compile(r"^[A-Za-z]\d{11}[0-9A-Za-z]$")
# Capitalised words run together or joined by hyphens ("JohnSmith", "Muhammad-Ali", "Smith"):
# a school's own reference has digits or is written in capitals.
LOOKS_LIKE_NAME = re.compile(r"^(?:[A-Z][a-z']+)(?:-?[A-Z][a-z']+)*$")
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
    planned_end_date: date | None
    hours_per_week: Decimal
    reason_other: str = ""
    looked_after: bool = False
    child_in_need: bool = False
    child_protection: bool = False
    social_worker_involved: bool = False
    virtual_school_involved: bool = False
    below_compulsory_school_age: bool = False
    parental_agreement_date: date | None = None
    linked_plan: str = LinkedPlan.NONE.value
    actual_end_date: date | None = None
    outcome: str = ""


def check_pupil(given: PupilFacts) -> None:
    check_pupil_ref(given.pupil_ref)
    if given.year_group not in YEAR_GROUPS:
        raise InvalidInput("Select the pupil's year group", field="year_group")
    if given.sen_status not in set(SenStatus):
        raise InvalidInput("Select the pupil's SEN status", field="sen_status")


def check_pupil_ref(value: str) -> None:
    ref = value.strip()
    if LOOKS_LIKE_UPN.match(ref):
        raise InvalidInput(
            "This looks like a unique pupil number. Use your school's own reference instead",
            field="pupil_ref",
        )
    if LOOKS_LIKE_NAME.match(ref):
        raise InvalidInput(
            "This looks like a name. Use your school's own reference, such as PTT-014: the "
            "council's copy of these records must not identify the pupil",
            field="pupil_ref",
        )
    if not PUPIL_REF.match(ref):
        raise InvalidInput(
            "Enter a reference of up to 20 letters, numbers or hyphens, with no spaces or names",
            field="pupil_ref",
        )


def check_timetable(given: TimetableInput, school: School) -> None:
    check_pupil(given)
    _check_reason(given)
    if given.linked_plan not in set(LinkedPlan):
        raise InvalidInput("Select a linked plan, or None", field="linked_plan")
    problems = rules.timetable_problems(facts_from(given, school.weekly_hours))
    if problems:
        name, message = next(iter(problems.items()))
        raise InvalidInput(message, field=name)
    check_text(given.outcome, "outcome")


# Fields the rules read straight from a form's input or a stored record.
_FACT_FIELDS = tuple(
    f.name
    for f in fields(rules.TimetableFacts)
    if f.name not in ("last_review", "school_week_hours")
)


def facts_from(given, school_week_hours: Decimal, last_review: date | None = None):
    """The rules' view of a timetable, from a form's input or a stored record."""
    return rules.TimetableFacts(
        **{name: getattr(given, name) for name in _FACT_FIELDS},
        last_review=last_review,
        school_week_hours=school_week_hours,
    )


def _check_reason(given: TimetableInput) -> None:
    if given.reason not in set(TimetableReason):
        raise InvalidInput(
            "Select a reason. Managing behaviour is not one: the guidance says a part-time "
            "timetable must not be used to manage behaviour",
            field="reason",
        )
    if given.reason == TimetableReason.OTHER:
        text = given.reason_other.strip().lower()
        if not text:
            raise InvalidInput("Describe the other reason", field="reason_other")
        if any(word in text for word in BEHAVIOUR_WORDS):
            raise InvalidInput(
                "The guidance says a part-time timetable must not be used to manage behaviour. "
                "Record the pupil's need that the timetable meets",
                field="reason_other",
            )
        check_text(given.reason_other, "reason_other")


def check_text(text: str, name: str) -> None:
    if len(text) > TEXT_LIMIT:
        raise InvalidInput(f"Keep this to {TEXT_LIMIT:,} characters or fewer", field=name)


def values_of(given: PupilFacts) -> dict[str, Any]:
    values = asdict(given)
    values["pupil_ref"] = values["pupil_ref"].strip().upper()
    return values


def create_timetable(
    school: School, given: TimetableInput, user: User, once: str | None = None
) -> PartTimeTimetable:
    refuse_if_sent(once, user.id)
    check_timetable(given, school)
    values = values_of(given)
    return create_record(PartTimeTimetable, "timetable", school, values, user, once)


def create_record(
    model, record_type: str, school: School, values: dict, user: User, once: str | None = None
):
    """Add the record; `once` is the form's token, so a form sent twice makes one record."""
    record = model(school_id=school.id, created_by_id=user.id, **values)
    db.session.add(record)
    db.session.flush()
    claim(once, user.id, record_type, record.id)
    record_changes(school.id, record_type, record.id, {}, values, user)
    db.session.commit()
    return record


def update_timetable(
    record: PartTimeTimetable, given: TimetableInput, based_on: int, user: User
) -> None:
    check_timetable(given, record.school)
    update_record(record, "timetable", values_of(given), based_on, user)


def update_record(record, record_type: str, values: dict, based_on: int, user: User) -> None:
    old = {name: getattr(record, name) for name in values}
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return
    model = type(record)
    if not compare_and_set(model, record.id, based_on, changed, model.deleted_at.is_(None)):
        db.session.rollback()
        raise StaleVersion("record")
    record_changes(record.school_id, record_type, record.id, old, changed, user)
    db.session.commit()
    db.session.refresh(record)


def add_review(
    record: PartTimeTimetable, review_date: date, note: str, user: User, once: str | None = None
) -> None:
    if review_date < record.start_date:
        raise InvalidInput(
            "The review date cannot be before the timetable started", field="review_date"
        )
    if review_date > date.today():
        raise InvalidInput("The review date cannot be in the future", field="review_date")
    check_text(note, "note")
    review = TimetableReview(
        timetable_id=record.id, review_date=review_date, note=note.strip(), created_by_id=user.id
    )
    db.session.add(review)
    db.session.flush()
    claim(once, user.id, "timetable review", record.id)
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
    return facts_from(record, record.school.weekly_hours, last)


def live_timetables(school: School) -> list[PartTimeTimetable]:
    from sqlalchemy.orm import joinedload, selectinload

    query = (
        select(PartTimeTimetable)
        .where(PartTimeTimetable.school_id == school.id, PartTimeTimetable.deleted_at.is_(None))
        .options(selectinload(PartTimeTimetable.reviews), joinedload(PartTimeTimetable.school))
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
