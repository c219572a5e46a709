"""A pupil's SEN support record ready (or not) for an EHC needs assessment request."""

from __future__ import annotations

from datetime import date, timedelta

from inclusion.auth.models import User
from inclusion.graduated_response import cycles, sen_support
from inclusion.graduated_response.sen_support_models import SenSupportRecord
from inclusion.schools.models import School
from tests.graduated_response.sen_factories import (
    assessment_input,
    outcome_input,
    provision_input,
    support_input,
)

TODAY = date.today()
FIRST = TODAY - timedelta(weeks=30)
SECOND = TODAY - timedelta(weeks=18)


def reviewed_cycle(
    record: SenSupportRecord,
    user: User,
    start: date,
    sources: tuple[str, ...] = ("school",),
    weekly_cost: str = "12.50",
    decision: str = "continue",
    offer_id: int | None = None,
):
    cycle = cycles.open_cycle(record, start, user)
    for source in sources:
        given = assessment_input(
            source=source, assessed_on=start + timedelta(days=3), what=f"Assessed by {source}"
        )
        cycles.add_assessment(cycle, given, user)
    target = start + timedelta(weeks=8)
    cycles.add_outcome(
        cycle,
        outcome_input(description=f"Outcome from {start.isoformat()}", target_date=target),
        user,
    )
    cycles.add_provision(
        cycle,
        provision_input(
            intervention=f"Support from {start.isoformat()}",
            start_date=start,
            weekly_cost=weekly_cost,
            offer_id=offer_id,
        ),
        user,
    )
    cycles.save_views(cycle, "I like the group", "Reading at home is easier", cycle.version, user)
    progress = {o.id: "Now in 3 of 5 lessons" for o in cycle.outcomes}
    review = cycles.ReviewInput(target, decision, "Reviewed with the family", progress)
    cycles.review_cycle(cycle, review, cycle.version, user)
    return cycle


def ready_record(school: School, user: User, **changes) -> SenSupportRecord:
    """Two reviewed cycles, the second with educational psychology advice and one-to-one
    support at £170 a week (£6,460 over 38 weeks): every default criterion met."""
    placed = TODAY - timedelta(weeks=40)
    given = support_input(placed_on_support=placed, **changes)
    record = sen_support.create_support_record(school, given, user)
    reviewed_cycle(record, user, FIRST, ("school", "early_help"))
    reviewed_cycle(record, user, SECOND, ("ep",), "170.00", "request_assessment")
    return record


def unready_record(school: School, user: User, **changes) -> SenSupportRecord:
    """One reviewed cycle, the school's own assessment only, £12.50 a week: no criterion met."""
    placed = TODAY - timedelta(weeks=40)
    given = support_input(placed_on_support=placed, **changes)
    record = sen_support.create_support_record(school, given, user)
    reviewed_cycle(record, user, FIRST)
    return record
