"""Assess-plan-do-review cycles: lifecycle, history, closing at review, corrections, bad input."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from inclusion.auth.roles import Role
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.graduated_response import cycles, sen_support
from inclusion.graduated_response.models import RecordChange
from inclusion.graduated_response.sen_support_models import SupportCycle
from inclusion.ui.once import AlreadySubmitted, new_token
from inclusion.versioning import StaleVersion
from tests.auth.factories import UserFactory
from tests.graduated_response.sen_factories import (
    CYCLE_START,
    assessment_input,
    outcome_input,
    provision_input,
    record_with_cycle,
    review_input,
)
from tests.schools.factories import SchoolFactory


@pytest.fixture
def senco(session):
    return UserFactory.with_role(Role.SENCO, school=SchoolFactory())


def _school_of(user):
    from inclusion.schools.models import School

    return db.session.get(School, next(iter(user.school_ids())))


def _planned(user):
    record, cycle = record_with_cycle(_school_of(user), user)
    cycles.add_assessment(cycle, assessment_input(), user)
    cycles.add_outcome(cycle, outcome_input(), user)
    cycles.add_provision(cycle, provision_input(), user)
    return record, cycle


def _cycle_changes(cycle: SupportCycle) -> list[tuple[str, str | None]]:
    rows = db.session.scalars(
        select(RecordChange)
        .where(RecordChange.record_type == "support_cycle", RecordChange.record_id == cycle.id)
        .order_by(RecordChange.id)
    )
    return [(r.field, r.new_value) for r in rows]


def test_a_cycle_is_assessed_planned_done_and_reviewed_with_every_step_in_history(senco):
    record, cycle = _planned(senco)
    cycles.save_views(cycle, "I like the group", "We see progress at home", cycle.version, senco)
    cycles.review_cycle(cycle, review_input(cycle), cycle.version, senco)

    assert cycle.is_reviewed and cycle.review_decision == "continue"
    assert cycle.outcomes[0].progress == "Follows two-step instructions in 3 of 5 lessons"
    assert cycle.provisions[0].weekly_cost == Decimal("12.50")
    assert cycle.provisions[0].hours_per_week == Decimal(1)
    fields = [field for field, _ in _cycle_changes(cycle)]
    assert fields[0] == "cycle_started"
    for expected in ("assessment_source", "outcome_measure", "provision_weekly_cost"):
        assert expected in fields
    assert ("pupil_views", "I like the group") in _cycle_changes(cycle)
    assert ("review_decision", "continue") in _cycle_changes(cycle)
    assert any(name == "cycle_started" for name, _ in _changes_of_record(record))


def _changes_of_record(record):
    return [(c.field, c.new_value) for c in sen_support.history_of(record)]


def test_a_reviewed_cycle_refuses_every_edit_and_takes_a_dated_correction_instead(senco):
    _, cycle = _planned(senco)
    cycles.review_cycle(cycle, review_input(cycle), cycle.version, senco)
    with pytest.raises(cycles.CycleReviewed):
        cycles.add_outcome(cycle, outcome_input(), senco)
    with pytest.raises(cycles.CycleReviewed):
        cycles.save_views(cycle, "changed", "changed", cycle.version, senco)
    with pytest.raises(cycles.CycleReviewed):
        cycles.review_cycle(cycle, review_input(cycle, decision="end"), cycle.version, senco)

    cycles.add_correction(cycle, date.today(), "The group met 2 times a week, not 3", senco)
    db.session.refresh(cycle)
    assert [c.correction for c in cycle.corrections] == ["The group met 2 times a week, not 3"]
    assert cycle.review_decision == "continue" and len(cycle.outcomes) == 1
    assert ("correction", f"{date.today().isoformat()}: The group met 2 times a week, not 3") in (
        _cycle_changes(cycle)
    )


def test_a_correction_before_the_review_or_to_an_open_cycle_is_refused(senco):
    _, cycle = _planned(senco)
    with pytest.raises(InvalidInput, match="still open"):
        cycles.add_correction(cycle, date.today(), "A fix", senco)
    cycles.review_cycle(cycle, review_input(cycle), cycle.version, senco)
    with pytest.raises(InvalidInput, match="between the review and today"):
        cycles.add_correction(cycle, CYCLE_START, "A fix", senco)


def test_a_review_before_the_cycle_started_or_without_progress_is_refused(senco):
    _, cycle = _planned(senco)
    early = review_input(cycle, review_date=CYCLE_START - timedelta(days=1))
    with pytest.raises(InvalidInput, match="before the cycle started") as refused:
        cycles.review_cycle(cycle, early, cycle.version, senco)
    assert refused.value.field == "review_date"
    blank = review_input(cycle, progress={cycle.outcomes[0].id: "  "})
    with pytest.raises(InvalidInput, match="Describe the progress towards"):
        cycles.review_cycle(cycle, blank, cycle.version, senco)
    with pytest.raises(InvalidInput, match="what the review decided"):
        cycles.review_cycle(cycle, review_input(cycle, decision="maybe"), cycle.version, senco)
    assert not db.session.get(SupportCycle, cycle.id).is_reviewed


def test_a_cycle_without_outcomes_cannot_be_reviewed(senco):
    _, cycle = record_with_cycle(_school_of(senco), senco)
    with pytest.raises(InvalidInput, match="Add the outcomes sought"):
        cycles.review_cycle(cycle, review_input(cycle), cycle.version, senco)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"measure": ""}, "measure"),
        ({"measure": "   "}, "measure"),
        ({"target_date": None}, "target_date"),
        ({"description": ""}, "description"),
        ({"target_date": CYCLE_START}, "target_date"),
    ],
)
def test_an_outcome_without_a_measure_or_a_target_date_is_refused(senco, changes, field):
    _, cycle = record_with_cycle(_school_of(senco), senco)
    with pytest.raises(InvalidInput) as refused:
        cycles.add_outcome(cycle, outcome_input(**changes), senco)
    assert refused.value.field == field
    assert db.session.get(SupportCycle, cycle.id).outcomes == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sessions_per_week": 0}, "sessions_per_week"),
        ({"minutes_per_session": 0}, "minutes_per_session"),
        ({"minutes_per_session": None}, "minutes_per_session"),
        ({"group_size": 0}, "group_size"),
        ({"weekly_cost": "twelve pounds"}, "weekly_cost"),
        ({"weekly_cost": "12.505"}, "weekly_cost"),
        ({"weekly_cost": "-5"}, "weekly_cost"),
        ({"weekly_cost": "NaN"}, "weekly_cost"),
        ({"weekly_cost": ""}, "weekly_cost"),
        ({"end_date": CYCLE_START - timedelta(days=1)}, "end_date"),
    ],
)
def test_provision_with_no_time_or_a_cost_that_is_not_money_is_refused(senco, changes, field):
    _, cycle = record_with_cycle(_school_of(senco), senco)
    with pytest.raises(InvalidInput) as refused:
        cycles.add_provision(cycle, provision_input(**changes), senco)
    assert refused.value.field == field
    assert db.session.get(SupportCycle, cycle.id).provisions == []


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("45", "45.00"), ("45.5", "45.50"), ("£1,200.00", "1200.00"), ("£ 7.25", "7.25")],
)
def test_weekly_costs_are_read_as_pounds_and_pence(typed, amount):
    assert cycles.money(typed) == Decimal(amount)


def test_only_one_cycle_is_open_at_a_time_and_it_cannot_start_before_sen_support(senco):
    record, cycle = _planned(senco)
    with pytest.raises(InvalidInput, match="Review the current cycle"):
        cycles.open_cycle(record, date.today(), senco)
    cycles.review_cycle(cycle, review_input(cycle), cycle.version, senco)
    with pytest.raises(InvalidInput, match="before the pupil was placed"):
        cycles.open_cycle(record, record.placed_on_support - timedelta(days=1), senco)
    second = cycles.open_cycle(record, date.today(), senco)
    db.session.refresh(record)
    assert [c.id for c in record.cycles] == [cycle.id, second.id]


def test_views_saved_over_a_newer_version_are_refused_not_overwritten(senco):
    _, cycle = record_with_cycle(_school_of(senco), senco)
    read_at = cycle.version
    cycles.save_views(cycle, "First", "", read_at, senco)
    with pytest.raises(StaleVersion):
        cycles.save_views(cycle, "Second", "", read_at, senco)
    assert db.session.get(SupportCycle, cycle.id).pupil_views == "First"


def test_a_review_based_on_a_version_before_the_last_addition_is_refused(senco):
    _, cycle = _planned(senco)
    read_at = cycle.version
    cycles.add_outcome(cycle, outcome_input(description="Reads 40 words a minute"), senco)
    with pytest.raises(StaleVersion):
        cycles.review_cycle(cycle, review_input(cycle), read_at, senco)


def test_an_assessment_form_sent_twice_adds_one_assessment(senco):
    _, cycle = record_with_cycle(_school_of(senco), senco)
    token = new_token()
    cycles.add_assessment(cycle, assessment_input(), senco, token)
    with pytest.raises(AlreadySubmitted):
        cycles.add_assessment(cycle, assessment_input(), senco, token)
    assert len(db.session.get(SupportCycle, cycle.id).assessments) == 1


def test_an_assessment_by_an_unknown_service_or_in_the_future_is_refused(senco):
    _, cycle = record_with_cycle(_school_of(senco), senco)
    with pytest.raises(InvalidInput, match="who made the assessment"):
        cycles.add_assessment(cycle, assessment_input(source="astrology"), senco)
    future = assessment_input(assessed_on=date.today() + timedelta(days=1))
    with pytest.raises(InvalidInput, match="future"):
        cycles.add_assessment(cycle, future, senco)


def test_provision_from_another_schools_offer_is_refused(senco):
    from inclusion.graduated_response.models import ProvisionOffer

    other = ProvisionOffer(school_id=SchoolFactory().id, need="semh", level="universal")
    db.session.add(other)
    db.session.flush()
    _, cycle = record_with_cycle(_school_of(senco), senco)
    with pytest.raises(InvalidInput, match="school's offer"):
        cycles.add_provision(cycle, replace(provision_input(), offer_id=other.id), senco)
