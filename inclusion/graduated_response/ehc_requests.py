"""Requests for an EHC needs assessment: producing the evidence pack, and the council's decision.

Producing the pack records a request (who, when, whether the council's criteria were met) under
a pseudonymous number; producing it again before the council decides brings that request up to
date rather than making another. The decision (agreed to assess, or refused) is recorded by the
school or by a council inclusion officer, who sees only the school and the number. Every change
is in the record's history. The child's name is checked here and handed to the writers; it is
never stored, logged or put in an error message.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import Conflict, InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response.ehc_criteria import council_criteria, unmet
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.ehc_pack import EvidencePack, evidence_pack
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.sen_support_models import SenSupportRecord
from inclusion.schools.models import School
from inclusion.versioning import StaleVersion, compare_and_set

RECORD_TYPE = "ehc_request"
NUMBER_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
NAME_LIMIT = 100
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The Code of Practice gives a council six weeks from a request to decide whether to assess.
DECISION_WEEKS = 6


class EhcDecision(StrEnum):
    AGREED = "agreed"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {
    EhcDecision.AGREED: "Agreed to assess",
    EhcDecision.REFUSED: "Refused to assess",
}


@dataclass(frozen=True)
class DecisionInput:
    decision: str
    decided_on: date | None


def new_number() -> str:
    """A request number that says nothing about the pupil, such as EHC-7KQ2-M9XD."""
    letters = "".join(secrets.choice(NUMBER_LETTERS) for _ in range(8))
    return f"EHC-{letters[:4]}-{letters[4:]}"


def check_child_name(name: str) -> str:
    """The name as it goes into the document. Messages never repeat it."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidInput("Enter the child's name to put in the pack", field="child_name")
    if len(cleaned) > NAME_LIMIT or CONTROL.search(name):
        raise InvalidInput(
            f"Enter the child's name in {NAME_LIMIT} characters or fewer", field="child_name"
        )
    return cleaned


def pack_of(record: SenSupportRecord, school: School) -> EvidencePack:
    return evidence_pack(record, school.name, council_criteria())


def produce_pack(
    record: SenSupportRecord, school: School, user: User, today: date, draft: bool
) -> tuple[EhcRequest, EvidencePack]:
    """Check the council's criteria and record that the pack was produced; a pack that does
    not meet them is produced only as a draft the SENCO asked for."""
    pack = pack_of(record, school)
    missing = unmet(pack.criteria)
    if missing and not draft:
        raise InvalidInput(
            "The pack does not meet the council's criteria ("
            + "; ".join(c.label for c in missing)
            + "). Confirm that you want a draft marked as not meeting them",
            field="draft",
        )
    produced = {
        "produced_on": today,
        "produced_by_id": user.id,
        "criteria_met": not missing,
        "criteria_unmet": "\n".join(c.label for c in missing),
    }
    request = _undecided_request(record)
    old = _produced_fields(request) if request else {}
    if request is None:
        request = EhcRequest(
            number=new_number(), school_id=record.school_id, record_id=record.id, **produced
        )
        db.session.add(request)
    else:
        for name, value in produced.items():
            setattr(request, name, value)
        request.version += 1
    db.session.flush()
    record_changes(record.school_id, RECORD_TYPE, request.id, old, _produced_fields(request), user)
    db.session.commit()
    return request, pack


def _produced_fields(request: EhcRequest) -> dict:
    return {
        "request_number": request.number,
        "pack_produced": request.produced_on,
        "criteria_met": request.criteria_met,
    }


def _undecided_request(record: SenSupportRecord) -> EhcRequest | None:
    return db.session.scalar(
        select(EhcRequest).where(EhcRequest.record_id == record.id, EhcRequest.decision == "")
    )


def record_decision(request: EhcRequest, given: DecisionInput, user: User, today: date) -> None:
    _check_decision(request, given, today)
    values = {"decision": given.decision, "decided_on": given.decided_on}
    stamp = {"decision_by_id": user.id, "decision_recorded_at": utcnow()}
    if not compare_and_set(
        EhcRequest, request.id, request.version, values | stamp, EhcRequest.decision == ""
    ):
        db.session.rollback()
        raise StaleVersion("request")
    record_changes(request.school_id, RECORD_TYPE, request.id, {}, values, user)
    db.session.commit()
    db.session.refresh(request)


def _check_decision(request: EhcRequest, given: DecisionInput, today: date) -> None:
    if request.is_decided:
        raise Conflict(
            f"The council's decision on {request.number} is already recorded: "
            f"{EhcDecision(request.decision).label.lower()}"
        )
    if given.decision not in set(EhcDecision):
        raise InvalidInput("Select what the council decided", field="decision")
    if given.decided_on is None:
        raise InvalidInput("Enter the date of the council's decision", field="decided_on")
    if given.decided_on < request.produced_on:
        raise InvalidInput(
            "The decision cannot be before the evidence pack was produced", field="decided_on"
        )
    if given.decided_on > today:
        raise InvalidInput("The decision date cannot be in the future", field="decided_on")


def requests_of(record: SenSupportRecord) -> list[EhcRequest]:
    query = (
        select(EhcRequest)
        .where(EhcRequest.record_id == record.id)
        .options(selectinload(EhcRequest.produced_by))
        .order_by(EhcRequest.produced_on.desc(), EhcRequest.id.desc())
    )
    return list(db.session.scalars(query))


def request_of(record: SenSupportRecord, request_id: int) -> EhcRequest:
    request = db.session.get(EhcRequest, request_id)
    if request is None or request.record_id != record.id:
        raise NotFound("That request does not exist.")
    return request


def council_requests() -> list[EhcRequest]:
    """Every request from a live record, for the council: school and number, never the pupil.
    Undecided first, oldest first, so the officers see what is due."""
    query = (
        select(EhcRequest)
        .join(SenSupportRecord, SenSupportRecord.id == EhcRequest.record_id)
        .where(SenSupportRecord.deleted_at.is_(None))
        .options(selectinload(EhcRequest.school))
        .order_by((EhcRequest.decision != "").asc(), EhcRequest.produced_on, EhcRequest.id)
    )
    return list(db.session.scalars(query))


def council_request(request_id: int) -> EhcRequest:
    request = db.session.get(EhcRequest, request_id)
    if request is None:
        raise NotFound("That request does not exist.")
    return request
