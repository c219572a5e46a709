"""The rules of part-time timetables, as pure functions (sources in docs/domain-rules.md)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from inclusion.graduated_response.rules import (
    BELOW_COMPULSORY_AGE_NOTE,
    TimetableFacts,
    timetable_problems,
    timetable_warnings,
)

START = date(2026, 9, 7)


def facts(**changes) -> TimetableFacts:
    values = {
        "year_group": "4",
        "start_date": START,
        "planned_end_date": START + timedelta(weeks=6),
        "hours_per_week": Decimal("15"),
        "reason": "medical",
        "parental_agreement_date": START,
        "linked_plan": "psp",
    }
    return TimetableFacts(**(values | changes))


def test_full_time_is_the_schools_own_week_so_26_of_32_5_hours_in_year_8_is_part_time():
    """DfE minimum school week 32.5 hours; the 1990 circular's 24 hours is no threshold."""
    assert timetable_problems(facts(year_group="8", hours_per_week=Decimal("26"))) == {}


def test_hours_at_or_above_the_schools_week_are_not_a_part_time_timetable():
    problem = timetable_problems(facts(hours_per_week=Decimal("32.5")))["hours_per_week"]
    assert problem.startswith("This is not a part-time timetable: the school's week is 32.5 hours")
    shorter_week = facts(hours_per_week=Decimal("30"), school_week_hours=Decimal("30"))
    assert "the school's week is 30 hours" in timetable_problems(shorter_week)["hours_per_week"]


def test_hours_missed_each_week_are_the_schools_week_less_the_timetable():
    assert facts(hours_per_week=Decimal("26")).hours_missed == Decimal("6.5")
    assert facts(hours_per_week=Decimal("0")).hours_missed == Decimal("32.5")


def test_the_end_must_come_after_the_start():
    assert timetable_problems(facts(planned_end_date=START)) == {
        "planned_end_date": "The planned end date must be after the start date"
    }


def test_no_end_date_is_a_warning_in_the_guidances_words_not_an_error():
    open_ended = facts(planned_end_date=None)
    assert timetable_problems(open_ended) == {}
    assert timetable_warnings(open_ended, START)[0].startswith(
        "No end date: the guidance says a part-time timetable must be temporary"
    )


def test_a_plan_longer_than_twelve_weeks_is_a_warning_not_an_error():
    long = facts(planned_end_date=START + timedelta(weeks=13))
    assert timetable_problems(long) == {}
    assert "longer than 12 weeks" in timetable_warnings(long, START)[0]


def test_missing_parental_agreement_and_missing_plan_are_warnings():
    warnings = timetable_warnings(facts(parental_agreement_date=None, linked_plan="none"), START)
    assert [w.split(":")[0] for w in warnings] == [
        "No parental agreement recorded",
        "No linked plan recorded",
    ]
    assert all("the guidance says" in w for w in warnings)
    assert not any("the law" in w for w in warnings)


def test_looked_after_pupils_need_the_virtual_school_and_others_a_social_worker():
    looked_after = timetable_warnings(facts(looked_after=True), START)
    assert looked_after[0].startswith("The pupil is looked after and no virtual school head")
    assert timetable_warnings(facts(looked_after=True, virtual_school_involved=True), START) == []
    in_need = timetable_warnings(facts(child_in_need=True), START)
    assert in_need[0].startswith("The pupil has a social worker and no social worker")
    protected = facts(child_protection=True, social_worker_involved=True)
    assert timetable_warnings(protected, START) == []


def test_reception_pupils_below_compulsory_school_age_are_flagged_not_judged():
    young = facts(year_group="R", below_compulsory_school_age=True, hours_per_week=Decimal("33"))
    assert timetable_problems(young) == {}
    assert timetable_warnings(young, START) == [BELOW_COMPULSORY_AGE_NOTE]
    # The flag means nothing above Reception: a Year 4 pupil is of compulsory school age.
    assert not facts(
        year_group="4", below_compulsory_school_age=True
    ).is_below_compulsory_school_age
    assert facts(year_group="N").is_below_compulsory_school_age


def test_a_review_is_overdue_after_three_weeks_without_one():
    assert timetable_warnings(facts(), START + timedelta(weeks=3)) == []
    overdue = timetable_warnings(facts(), START + timedelta(weeks=3, days=1))
    assert overdue == ["A review is overdue: more than 3 weeks since the last one"]
    reviewed = facts(last_review=START + timedelta(weeks=2))
    assert timetable_warnings(reviewed, START + timedelta(weeks=3, days=1)) == []


def test_an_ended_timetable_is_never_overdue():
    ended = facts(actual_end_date=START + timedelta(weeks=1))
    assert timetable_warnings(ended, START + timedelta(weeks=8)) == []
