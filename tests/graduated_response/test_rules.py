"""The rules of part-time timetables and suspensions, as pure functions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from inclusion.graduated_response.rules import (
    TimetableFacts,
    full_time_hours,
    suspension_warnings,
    term_of,
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
    }
    return TimetableFacts(**(values | changes))


@pytest.mark.parametrize(
    ("year", "hours"),
    [
        ("R", "21"),
        ("2", "21"),
        ("3", "23.5"),
        ("6", "23.5"),
        ("7", "24"),
        ("10", "24"),
        ("11", "25"),
    ],
)
def test_the_full_time_benchmark_follows_the_year_group(year, hours):
    assert full_time_hours(year) == Decimal(hours)


def test_hours_at_or_above_full_time_are_not_a_part_time_timetable():
    problems = timetable_problems(facts(year_group="11", hours_per_week=Decimal("25")))
    assert problems["hours_per_week"].startswith(
        "A part-time timetable is fewer hours than full time: 25"
    )


def test_the_end_must_come_after_the_start():
    assert timetable_problems(facts(planned_end_date=START)) == {
        "planned_end_date": "The planned end date must be after the start date"
    }


def test_a_plan_longer_than_twelve_weeks_is_a_warning_not_an_error():
    long = facts(planned_end_date=START + timedelta(weeks=13))
    assert timetable_problems(long) == {}
    assert "longer than 12 weeks" in timetable_warnings(long, START)[0]


def test_a_review_is_overdue_after_three_weeks_without_one():
    assert timetable_warnings(facts(), START + timedelta(weeks=3)) == []
    overdue = timetable_warnings(facts(), START + timedelta(weeks=3, days=1))
    assert overdue == ["A review is overdue: more than 3 weeks since the last one"]
    reviewed = facts(last_review=START + timedelta(weeks=2))
    assert timetable_warnings(reviewed, START + timedelta(weeks=3, days=1)) == []


def test_an_ended_timetable_is_never_overdue():
    ended = facts(actual_end_date=START + timedelta(weeks=1))
    assert timetable_warnings(ended, START + timedelta(weeks=8)) == []


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 9, 1), "Autumn term 2026/27"),
        (date(2026, 12, 18), "Autumn term 2026/27"),
        (date(2027, 1, 5), "Spring term 2026/27"),
        (date(2027, 4, 19), "Summer term 2026/27"),
        (date(2027, 8, 31), "Summer term 2026/27"),
    ],
)
def test_each_date_falls_in_a_term_of_an_academic_year(day, label):
    assert term_of(day).label == label


def test_fifteen_days_in_a_term_calls_for_a_governors_review():
    incidents = [
        ("P1", date(2026, 10, 1), 20),
        ("P1", date(2026, 11, 2), 10),
        ("P2", date(2026, 10, 1), 28),
    ]
    warnings = suspension_warnings(incidents)
    assert [(w.pupil_ref, w.message.split(":")[0]) for w in warnings] == [
        ("P1", "15 days of suspension in the Autumn term 2026/27")
    ]


def test_nearing_the_yearly_limit_of_forty_five_days_is_flagged():
    incidents = [
        ("P3", date(2026, 10, 1), 28),
        ("P3", date(2027, 1, 10), 28),
        ("P3", date(2027, 5, 1), 16),
    ]
    messages = [w.message for w in suspension_warnings(incidents)]
    assert "36 days of suspension in 2026/27: the limit is 45 days in an academic year" in messages
