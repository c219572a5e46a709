"""Demo SEN support records at the first demo schools: a handful of pupils in realistic states
(newly placed, mid-cycle, reviewed and continuing, support ended, an EHC needs assessment
requested after two cycles with specialist advice). SEN-002 meets the council's criteria and its
evidence pack is produced at each school, the council agreeing at the first, refusing at the
second and not yet deciding at the third; SEN-003, one cycle reviewed, does not yet meet them.
Deterministic and idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.graduated_response import cycles, ehc_requests, sen_support
from inclusion.graduated_response.sen_support_models import SenSupportRecord, SupportCycle
from inclusion.schools.models import School

CYCLE_WEEKS = 10
# The council's decision on SEN-002's request at each demo school, in order (None: waiting).
EHC_DECISIONS = ("agreed", "refused", None)


@dataclass(frozen=True)
class DemoPupil:
    ref: str
    year_group: str
    primary: str
    secondary: str
    decisions: tuple[str, ...]  # one per reviewed cycle
    open_cycle: bool
    specialist: str = "ep"


# PTT-001 shares its reference with the school's first part-time timetable, so the record
# shows the link between them.
PUPILS = (
    DemoPupil("PTT-001", "4", "SEMH", "SLCN", ("change",), True, "camhs"),
    DemoPupil("SEN-002", "3", "SPLD", "", ("continue", "request_assessment"), False),
    DemoPupil("SEN-003", "5", "SLCN", "ASD", ("continue",), True, "salt"),
    DemoPupil("SEN-004", "2", "MLD", "", ("end",), False, "specialist_teacher"),
    DemoPupil("SEN-005", "1", "NSA", "", (), False),
)


def seed_demo_sen_support(schools: list[School], user: User, today: date) -> int:
    added = 0
    for index, school in enumerate(schools):
        if _keeps_records(school):
            continue
        for pupil in PUPILS[: 5 if index == 0 else 3]:
            record = _add_pupil(school, pupil, user, today)
            added += 1
            if pupil.decisions[-1:] == ("request_assessment",) and index < len(EHC_DECISIONS):
                _request_assessment(record, school, user, today, EHC_DECISIONS[index])
    return added


def _request_assessment(
    record: SenSupportRecord, school: School, user: User, today: date, decision: str | None
) -> None:
    made, _ = ehc_requests.produce_pack(
        record, school, user, today - timedelta(weeks=2), draft=False
    )
    if decision:
        given = ehc_requests.DecisionInput(decision, today - timedelta(days=2))
        ehc_requests.record_decision(made, given, user, today)


def _keeps_records(school: School) -> bool:
    found = db.session.scalar(
        select(func.count(SenSupportRecord.id)).where(SenSupportRecord.school_id == school.id)
    )
    return found > 0


def _add_pupil(school: School, pupil: DemoPupil, user: User, today: date) -> SenSupportRecord:
    cycle_count = len(pupil.decisions) + int(pupil.open_cycle)
    placed = today - timedelta(weeks=CYCLE_WEEKS * cycle_count + 3)
    given = sen_support.SupportInput(
        pupil_ref=pupil.ref,
        year_group=pupil.year_group,
        sen_status="sen_support",
        primary_need=pupil.primary,
        secondary_need=pupil.secondary,
        placed_on_support=placed,
        fsm=pupil.ref.endswith(("1", "3")),
        eal=pupil.ref.endswith("3"),
    )
    record = sen_support.create_support_record(school, given, user)
    start = placed + timedelta(weeks=1)
    for number, decision in enumerate(pupil.decisions, 1):
        cycle = _planned_cycle(record, start, pupil, number, user)
        _review(cycle, start + timedelta(weeks=CYCLE_WEEKS - 1), decision, user)
        start += timedelta(weeks=CYCLE_WEEKS)
    if pupil.open_cycle:
        _planned_cycle(record, start, pupil, len(pupil.decisions) + 1, user)
    return record


def _planned_cycle(
    record: SenSupportRecord, start: date, pupil: DemoPupil, number: int, user: User
) -> SupportCycle:
    cycle = cycles.open_cycle(record, start, user)
    cycles.add_assessment(cycle, _school_assessment(start), user)
    if number > 1 or pupil.specialist != "ep":
        cycles.add_assessment(cycle, _specialist(pupil.specialist, start), user)
    cycles.add_outcome(cycle, _outcome(pupil.primary, start), user)
    cycles.add_provision(cycle, _provision(pupil.primary, start, number), user)
    if number == len(pupil.decisions) and pupil.decisions[-1] == "request_assessment":
        cycles.add_provision(cycle, _one_to_one(start), user)
    cycles.save_views(cycle, PUPIL_VIEW, PARENT_VIEW, cycle.version, user)
    return cycle


def _review(cycle: SupportCycle, on: date, decision: str, user: User) -> None:
    progress = {o.id: PROGRESS[decision] for o in cycle.outcomes}
    given = cycles.ReviewInput(on, decision, "Reviewed with the pupil and their parents", progress)
    cycles.review_cycle(cycle, given, cycle.version, user)


def _school_assessment(start: date) -> cycles.AssessmentInput:
    return cycles.AssessmentInput(
        "school", "SENCO", "Class teacher's observations and standardised tests", start
    )


SPECIALISTS = {
    "ep": ("Educational psychology service", "Cognitive assessment and consultation"),
    "salt": ("Speech and language therapy service", "Receptive and expressive language"),
    "camhs": ("CAMHS", "Anxiety assessment and advice on classroom strategies"),
    "specialist_teacher": ("Learning support specialist teacher", "Literacy and numeracy"),
}


def _specialist(source: str, start: date) -> cycles.AssessmentInput:
    who, what = SPECIALISTS[source]
    return cycles.AssessmentInput(source, who, what, start + timedelta(days=4))


OUTCOMES = {
    "SEMH": ("Joins the class at the start of the day without distress", "Days a week"),
    "SPLD": ("Reads a passage at age level with support", "Words read correctly a minute"),
    "SLCN": ("Follows a two-step instruction in class", "Lessons a week, teacher's log"),
    "MLD": ("Counts and adds within 20", "Termly standardised maths score"),
}


def _outcome(need: str, start: date) -> cycles.OutcomeInput:
    description, measure = OUTCOMES.get(need, ("Settles to a task for 10 minutes", "Log"))
    return cycles.OutcomeInput(description, measure, start + timedelta(weeks=CYCLE_WEEKS - 2))


def _provision(need: str, start: date, number: int) -> cycles.ProvisionInput:
    sessions = 2 + number
    return cycles.ProvisionInput(
        intervention=f"{need} small-group intervention",
        group_size=4 if number == 1 else 2,
        sessions_per_week=sessions,
        minutes_per_session=30,
        staff="Teaching assistant",
        start_date=start,
        end_date=start + timedelta(weeks=CYCLE_WEEKS - 1),
        weekly_cost=f"{sessions * 9.5:.2f}",
    )


def _one_to_one(start: date) -> cycles.ProvisionInput:
    """Daily one-to-one support: with the group, above the £6,000 notional threshold a year."""
    return cycles.ProvisionInput(
        intervention="One-to-one teaching assistant support",
        group_size=1,
        sessions_per_week=5,
        minutes_per_session=60,
        staff="Teaching assistant",
        start_date=start,
        end_date=start + timedelta(weeks=CYCLE_WEEKS - 1),
        weekly_cost="150.00",
    )


PUPIL_VIEW = "I like working in the small group. I want help with writing."
PARENT_VIEW = "We want to know what we can do at home to help."
PROGRESS = {
    "continue": "Some progress: about half way to the target",
    "change": "Little progress: the approach is changed",
    "end": "Met: the target was reached and kept",
    "request_assessment": "Little progress despite specialist advice and more provision",
}
