"""Assess, plan, do, review: the cycles of a pupil's SEN support.

A cycle is open until it is reviewed. While open, assessments, outcomes and provision are added
and the views edited; each addition moves the cycle's version on through the shared
compare-and-set, which also refuses it once the cycle is reviewed. A reviewed cycle changes only
by dated corrections, kept and shown beside it. Every change is in the history.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import Conflict, InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.graduated_response.history import record_changes
from inclusion.graduated_response.models import ProvisionOffer
from inclusion.graduated_response.records import check_text
from inclusion.graduated_response.sen_support_models import (
    CycleAssessment,
    CycleCorrection,
    CycleOutcome,
    CycleProvision,
    SenSupportRecord,
    SupportCycle,
)
from inclusion.graduated_response.sen_vocab import AssessmentSource, ReviewDecision
from inclusion.ui.once import claim, refuse_if_sent
from inclusion.versioning import StaleVersion, compare_and_set

RECORD_TYPE = "support_cycle"
MONEY = re.compile(r"^£?\s*(\d{1,6}(?:,\d{3})*|\d{1,7})(\.\d{1,2})?$")
LARGEST_GROUP = 40
SHORT = 200
MOST_SESSIONS = 35
LONGEST_SESSION = 390
REVIEWED = "This cycle has been reviewed, so it cannot be changed. Add a dated correction instead."


@dataclass(frozen=True)
class AssessmentInput:
    source: str
    assessor: str
    what: str
    assessed_on: date | None


@dataclass(frozen=True)
class OutcomeInput:
    description: str
    measure: str
    target_date: date | None


@dataclass(frozen=True)
class ProvisionInput:
    intervention: str
    group_size: int | None
    sessions_per_week: int | None
    minutes_per_session: int | None
    staff: str
    start_date: date | None
    weekly_cost: str
    end_date: date | None = None
    offer_id: int | None = None


@dataclass(frozen=True)
class ReviewInput:
    review_date: date | None
    decision: str
    note: str
    progress: dict[int, str]


class CycleReviewed(Conflict):
    def __init__(self) -> None:
        super().__init__(REVIEWED)


def open_cycle(
    record: SenSupportRecord, start_date: date | None, user: User, once: str | None = None
) -> SupportCycle:
    refuse_if_sent(once, user.id)
    if start_date is None:
        raise InvalidInput("Enter the date the cycle starts", field="start_date")
    if start_date < record.placed_on_support:
        raise InvalidInput(
            "A cycle cannot start before the pupil was placed on SEN support", field="start_date"
        )
    if start_date > date.today():
        raise InvalidInput("A cycle cannot start in the future", field="start_date")
    if any(not c.is_reviewed for c in record.cycles):
        raise InvalidInput(
            "Review the current cycle before starting the next one", field="start_date"
        )
    cycle = SupportCycle(
        record_id=record.id,
        school_id=record.school_id,
        start_date=start_date,
        created_by_id=user.id,
    )
    db.session.add(cycle)
    db.session.flush()
    claim(once, user.id, RECORD_TYPE, cycle.id)
    record_changes(record.school_id, RECORD_TYPE, cycle.id, {}, {"cycle_started": start_date}, user)
    db.session.commit()
    return cycle


def cycle_of(record: SenSupportRecord, cycle_id: int) -> SupportCycle:
    cycle = db.session.get(SupportCycle, cycle_id)
    if cycle is None or cycle.record_id != record.id:
        raise NotFound("That cycle does not exist.")
    return cycle


def add_assessment(
    cycle: SupportCycle, given: AssessmentInput, user: User, once: str | None = None
) -> CycleAssessment:
    refuse_if_sent(once, user.id)
    if given.source not in set(AssessmentSource):
        raise InvalidInput("Select who made the assessment", field="source")
    _require(given.what, "what", "Say what was assessed")
    _require(given.assessor, "assessor", "Say who made the assessment", SHORT)
    if given.assessed_on is None:
        raise InvalidInput("Enter the date of the assessment", field="assessed_on")
    if given.assessed_on > date.today():
        raise InvalidInput("The assessment date cannot be in the future", field="assessed_on")
    values = _stripped(given)
    return _add_part(cycle, CycleAssessment(**values), "assessment", values, user, once)


def add_outcome(
    cycle: SupportCycle, given: OutcomeInput, user: User, once: str | None = None
) -> CycleOutcome:
    refuse_if_sent(once, user.id)
    _require(given.description, "description", "Describe the outcome sought")
    _require(
        given.measure,
        "measure",
        "Say how progress towards this outcome will be measured: an outcome needs a measure",
    )
    if given.target_date is None:
        raise InvalidInput("Enter the date by which the outcome should be met", "target_date")
    if given.target_date <= cycle.start_date:
        raise InvalidInput("The target date must be after the cycle starts", field="target_date")
    values = _stripped(given)
    return _add_part(cycle, CycleOutcome(**values), "outcome", values, user, once)


def add_provision(
    cycle: SupportCycle, given: ProvisionInput, user: User, once: str | None = None
) -> CycleProvision:
    refuse_if_sent(once, user.id)
    _check_provision(given, cycle)
    values = _stripped(given) | {"weekly_cost": money(given.weekly_cost)}
    return _add_part(cycle, CycleProvision(**values), "provision", values, user, once)


def _check_provision(given: ProvisionInput, cycle: SupportCycle) -> None:
    _require(given.intervention, "intervention", "Name the intervention", SHORT)
    _bounded(given.group_size, "group_size", "the group size", 1, LARGEST_GROUP)
    _bounded(given.sessions_per_week, "sessions_per_week", "sessions a week", 1, MOST_SESSIONS)
    _bounded(
        given.minutes_per_session, "minutes_per_session", "minutes a session", 1, LONGEST_SESSION
    )
    _require(given.staff, "staff", "Say who delivers the provision", SHORT)
    if given.start_date is None:
        raise InvalidInput("Enter the date the provision starts", field="start_date")
    if given.end_date is not None and given.end_date < given.start_date:
        raise InvalidInput("The end date cannot be before the start date", field="end_date")
    if given.offer_id is not None:
        offer = db.session.get(ProvisionOffer, given.offer_id)
        if offer is None or offer.school_id != cycle.school_id:
            raise InvalidInput("Select provision from your school's offer, or none", "offer_id")


def _bounded(value: int | None, field: str, name: str, lowest: int, highest: int) -> None:
    if value is None or value < lowest:
        raise InvalidInput(
            f"Enter {name} as a whole number of at least {lowest}: provision with no time "
            "is not provision",
            field=field,
        )
    if value > highest:
        raise InvalidInput(f"Enter {name} as {highest} or fewer", field=field)


def money(text: str) -> Decimal:
    """An amount in pounds and pence, like 45, 45.50 or £1,200.00: anything else is refused."""
    cleaned = (text or "").strip()
    match = MONEY.match(cleaned)
    try:
        amount = Decimal(cleaned.lstrip("£").strip().replace(",", "")) if match else None
    except InvalidOperation:
        amount = None
    if amount is None:
        raise InvalidInput(
            "Enter the weekly cost in pounds and pence, like 45.50", field="weekly_cost"
        )
    return amount.quantize(Decimal("0.01"))


def save_views(
    cycle: SupportCycle, pupil_views: str, parent_views: str, based_on: int, user: User
) -> None:
    check_text(pupil_views, "pupil_views")
    check_text(parent_views, "parent_views")
    values = {"pupil_views": pupil_views.strip(), "parent_views": parent_views.strip()}
    old = {name: getattr(cycle, name) for name in values}
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return
    _compare_and_set(cycle, based_on, changed)
    record_changes(cycle.school_id, RECORD_TYPE, cycle.id, old, changed, user)
    db.session.commit()
    db.session.refresh(cycle)


def review_cycle(cycle: SupportCycle, given: ReviewInput, based_on: int, user: User) -> None:
    _check_review(cycle, given)
    values = {
        "review_date": given.review_date,
        "review_decision": given.decision,
        "review_note": given.note.strip(),
    }
    _compare_and_set(cycle, based_on, values | {"reviewed_at": utcnow()})
    for outcome in cycle.outcomes:
        outcome.progress = given.progress[outcome.id].strip()
    shown = values | _progress_fields(cycle, given)
    record_changes(cycle.school_id, RECORD_TYPE, cycle.id, {}, shown, user)
    db.session.commit()
    db.session.refresh(cycle)


def _check_review(cycle: SupportCycle, given: ReviewInput) -> None:
    if cycle.is_reviewed:
        raise CycleReviewed()
    if given.review_date is None:
        raise InvalidInput("Enter the date of the review", field="review_date")
    if given.review_date < cycle.start_date:
        raise InvalidInput("The review cannot be before the cycle started", field="review_date")
    if given.review_date > date.today():
        raise InvalidInput("The review date cannot be in the future", field="review_date")
    if given.decision not in set(ReviewDecision):
        raise InvalidInput("Select what the review decided", field="decision")
    _check_progress(cycle, given)
    check_text(given.note, "review_note")


def _check_progress(cycle: SupportCycle, given: ReviewInput) -> None:
    if not cycle.outcomes:
        raise InvalidInput("Add the outcomes sought before reviewing the cycle", "review_date")
    for outcome in cycle.outcomes:
        if not given.progress.get(outcome.id, "").strip():
            raise InvalidInput(
                f"Describe the progress towards “{outcome.description[:60]}”",
                field=f"progress-{outcome.id}",
            )
        check_text(given.progress[outcome.id], f"progress-{outcome.id}")


def _progress_fields(cycle: SupportCycle, given: ReviewInput) -> dict[str, str]:
    return {f"progress_{n}": given.progress[o.id].strip() for n, o in enumerate(cycle.outcomes, 1)}


def add_correction(
    cycle: SupportCycle, corrected_on: date | None, text: str, user: User, once: str | None = None
) -> CycleCorrection:
    refuse_if_sent(once, user.id)
    if not cycle.is_reviewed:
        raise InvalidInput("The cycle is still open: change it directly", field="correction")
    if corrected_on is None:
        raise InvalidInput("Enter the date of the correction", field="corrected_on")
    if corrected_on > date.today() or corrected_on < cycle.review_date:
        raise InvalidInput(
            "The correction's date must be between the review and today", field="corrected_on"
        )
    _require(text, "correction", "Say what is corrected and why")
    correction = CycleCorrection(
        cycle_id=cycle.id, corrected_on=corrected_on, correction=text.strip(), created_by_id=user.id
    )
    db.session.add(correction)
    db.session.flush()
    claim(once, user.id, "cycle correction", cycle.id)
    change = {"correction": f"{corrected_on.isoformat()}: {text.strip()}"}
    record_changes(cycle.school_id, RECORD_TYPE, cycle.id, {}, change, user)
    db.session.commit()
    return correction


def _add_part(cycle: SupportCycle, part, kind: str, values: dict, user: User, once: str | None):
    """Add an assessment, outcome or provision to an open cycle, moving its version on."""
    _compare_and_set(cycle, cycle.version, {})
    part.cycle_id = cycle.id
    part.created_by_id = user.id
    db.session.add(part)
    db.session.flush()
    claim(once, user.id, f"cycle {kind}", cycle.id)
    shown = {f"{kind}_{name}": value for name, value in values.items() if name != "offer_id"}
    record_changes(cycle.school_id, RECORD_TYPE, cycle.id, {}, shown, user)
    db.session.commit()
    db.session.refresh(cycle)
    return part


def _compare_and_set(cycle: SupportCycle, based_on: int, values: dict[str, Any]) -> None:
    if cycle.is_reviewed:
        raise CycleReviewed()
    model = SupportCycle
    if not compare_and_set(model, cycle.id, based_on, values, model.reviewed_at.is_(None)):
        db.session.rollback()
        raise StaleVersion("cycle")


def _require(value: str, field: str, message: str, limit: int | None = None) -> None:
    if not (value or "").strip():
        raise InvalidInput(message, field=field)
    if limit is not None and len(value.strip()) > limit:
        raise InvalidInput(f"Keep this to {limit} characters or fewer", field=field)
    check_text(value, field)


def _stripped(given) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in asdict(given).items()}
