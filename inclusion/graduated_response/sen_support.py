"""SEN support records: one per pupil on the school's SEN register, validated, versioned, with
history and links to the same pupil's part-time timetables and suspensions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from inclusion.auth.models import User
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable, RecordChange
from inclusion.graduated_response.records import check_pupil_ref
from inclusion.graduated_response.sen_support_models import SenSupportRecord, SupportCycle
from inclusion.graduated_response.sen_vocab import NEED_CODES, REGISTER_STATUSES
from inclusion.graduated_response.vocab import YEAR_GROUPS
from inclusion.schools.models import School
from inclusion.ui.once import claim, refuse_if_sent
from inclusion.versioning import StaleVersion, compare_and_set, insert_first

RECORD_TYPE = "sen_support"


@dataclass(frozen=True)
class SupportInput:
    pupil_ref: str
    year_group: str
    sen_status: str
    primary_need: str
    placed_on_support: date | None
    secondary_need: str = ""
    looked_after: bool = False
    child_in_need: bool = False
    child_protection: bool = False
    eal: bool = False
    fsm: bool = False


@dataclass(frozen=True)
class LinkedRecords:
    timetables: list[PartTimeTimetable]
    exclusions: list[ExclusionIncident]


def check_support(given: SupportInput, today: date) -> None:
    check_pupil_ref(given.pupil_ref)
    if given.year_group not in YEAR_GROUPS:
        raise InvalidInput("Select the pupil's year group", field="year_group")
    if given.sen_status not in REGISTER_STATUSES:
        raise InvalidInput(
            "Select SEN support or EHC plan: the census records a type of need only for pupils "
            "with one of them",
            field="sen_status",
        )
    _check_needs(given)
    if given.placed_on_support is None:
        raise InvalidInput(
            "Enter the date the pupil was placed on SEN support", "placed_on_support"
        )
    if given.placed_on_support > today:
        raise InvalidInput(
            "The date placed on SEN support cannot be in the future", field="placed_on_support"
        )


def _check_needs(given: SupportInput) -> None:
    if given.primary_need not in NEED_CODES:
        raise InvalidInput("Select the pupil's primary type of need", field="primary_need")
    if not given.secondary_need:
        return
    if given.secondary_need not in NEED_CODES or given.secondary_need == "NSA":
        raise InvalidInput(
            "Select a secondary type of need from the list, or none", field="secondary_need"
        )
    if given.secondary_need == given.primary_need:
        raise InvalidInput(
            "The secondary need must differ from the primary need", field="secondary_need"
        )
    if given.primary_need == "NSA":
        raise InvalidInput(
            "A pupil with no specialist assessment of need (NSA) has no secondary need",
            field="secondary_need",
        )


def values_of(given: SupportInput) -> dict[str, Any]:
    values = asdict(given)
    values["pupil_ref"] = values["pupil_ref"].strip().upper()
    return values


def create_support_record(
    school: School, given: SupportInput, user: User, once: str | None = None
) -> SenSupportRecord:
    refuse_if_sent(once, user.id)
    check_support(given, date.today())
    values = values_of(given)
    if _live_with_ref(school.id, values["pupil_ref"]) is not None:
        raise InvalidInput(
            f"{values['pupil_ref']} already has a SEN support record: open it from the list",
            field="pupil_ref",
        )
    record = SenSupportRecord(school_id=school.id, created_by_id=user.id, **values)
    if not insert_first(record):
        raise InvalidInput(f"{values['pupil_ref']} already has a SEN support record", "pupil_ref")
    claim(once, user.id, RECORD_TYPE, record.id)
    record_changes(school.id, RECORD_TYPE, record.id, {}, values, user)
    db.session.commit()
    return record


def update_support_record(
    record: SenSupportRecord, given: SupportInput, based_on: int, user: User
) -> None:
    check_support(given, date.today())
    values = values_of(given)
    old = {name: getattr(record, name) for name in values}
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return
    other = _live_with_ref(record.school_id, values["pupil_ref"])
    if other is not None and other.id != record.id:
        raise InvalidInput(f"{values['pupil_ref']} already has a SEN support record", "pupil_ref")
    model = SenSupportRecord
    if not compare_and_set(model, record.id, based_on, changed, model.deleted_at.is_(None)):
        db.session.rollback()
        raise StaleVersion("record")
    record_changes(record.school_id, RECORD_TYPE, record.id, old, changed, user)
    db.session.commit()
    db.session.refresh(record)


def _live_with_ref(school_id: int, pupil_ref: str) -> SenSupportRecord | None:
    return db.session.scalar(
        select(SenSupportRecord).where(
            SenSupportRecord.school_id == school_id,
            SenSupportRecord.pupil_ref == pupil_ref,
            SenSupportRecord.deleted_at.is_(None),
        )
    )


def support_record(school: School, record_id: int) -> SenSupportRecord:
    record = db.session.get(SenSupportRecord, record_id)
    if record is None or record.school_id != school.id or record.deleted_at is not None:
        raise NotFound("That record does not exist.")
    return record


def support_register(school: School) -> list[SenSupportRecord]:
    """Every live record of the school with its cycles: two statements however many pupils."""
    query = (
        select(SenSupportRecord)
        .where(SenSupportRecord.school_id == school.id, SenSupportRecord.deleted_at.is_(None))
        .options(selectinload(SenSupportRecord.cycles))
        .order_by(SenSupportRecord.pupil_ref)
    )
    return list(db.session.scalars(query))


def register_count(school: School) -> int:
    return db.session.scalar(
        select(func.count(SenSupportRecord.id)).where(
            SenSupportRecord.school_id == school.id, SenSupportRecord.deleted_at.is_(None)
        )
    )


def linked_records(record: SenSupportRecord) -> LinkedRecords:
    """The same pupil's live part-time timetables and suspensions: same school, same reference."""
    timetables = db.session.scalars(
        select(PartTimeTimetable)
        .where(
            PartTimeTimetable.school_id == record.school_id,
            PartTimeTimetable.pupil_ref == record.pupil_ref,
            PartTimeTimetable.deleted_at.is_(None),
        )
        .order_by(PartTimeTimetable.start_date.desc())
    )
    exclusions = db.session.scalars(
        select(ExclusionIncident)
        .where(
            ExclusionIncident.school_id == record.school_id,
            ExclusionIncident.pupil_ref == record.pupil_ref,
            ExclusionIncident.deleted_at.is_(None),
        )
        .order_by(ExclusionIncident.start_date.desc())
    )
    return LinkedRecords(list(timetables), list(exclusions))


def history_of(record: SenSupportRecord) -> list[RecordChange]:
    """Changes to the record, to every one of its cycles and to its EHC needs assessment
    requests, newest first."""
    cycle_ids = select(SupportCycle.id).where(SupportCycle.record_id == record.id)
    request_ids = select(EhcRequest.id).where(EhcRequest.record_id == record.id)
    query = (
        select(RecordChange)
        .where(
            ((RecordChange.record_type == RECORD_TYPE) & (RecordChange.record_id == record.id))
            | (
                (RecordChange.record_type == "support_cycle")
                & RecordChange.record_id.in_(cycle_ids)
            )
            | (
                (RecordChange.record_type == "ehc_request")
                & RecordChange.record_id.in_(request_ids)
            )
        )
        .options(selectinload(RecordChange.changed_by))
        .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
    )
    return list(db.session.scalars(query))
