"""DfE census terms, the governors' duties and the 45-day limit, as pure functions."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from inclusion.graduated_response.exclusion_rules import (
    Incident,
    governors_duties,
    limit_breach,
)
from inclusion.graduated_response.terms import easter_sunday, half_terms, term_of
from inclusion.graduated_response.vocab import (
    ALL_EXCLUSION_REASONS,
    EXCLUSION_REASONS,
    PermanentOutcome,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter_sunday_is_computed_for_the_spring_term_boundary(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 4, 20), "Spring term 2024/25"),  # Easter Sunday 2025
        (date(2025, 4, 21), "Summer term 2024/25"),  # Easter Monday 2025
        (date(2025, 7, 31), "Summer term 2024/25"),
        (date(2025, 8, 1), "Autumn term 2025/26"),
        (date(2025, 12, 31), "Autumn term 2025/26"),
        (date(2026, 1, 1), "Spring term 2025/26"),
        (date(2026, 4, 5), "Spring term 2025/26"),  # Easter Sunday 2026
        (date(2026, 4, 6), "Summer term 2025/26"),  # Easter Monday 2026
    ],
)
def test_dates_fall_in_dfe_census_terms_split_at_easter(day, label):
    assert term_of(day).label == label


def test_half_terms_cover_the_year_without_gaps_and_returns_fall_due_two_weeks_after():
    halves = half_terms(2025)
    assert halves[0].start == date(2025, 8, 1) and halves[-1].end == date(2026, 7, 31)
    assert all((b.start - a.end).days == 1 for a, b in itertools.pairwise(halves))
    assert halves[3].end == date(2026, 4, 5) and halves[3].label == "Spring 2 2025/26"
    assert halves[0].due == date(2025, 11, 14)


def suspension(pupil: str, day: date, sessions: int, **extra) -> Incident:
    return Incident(pupil, extra.pop("kind", "suspension"), day, sessions, **extra)


def test_more_than_fifteen_days_in_a_term_means_governors_must_meet():
    duties = governors_duties(
        [
            suspension("P1", date(2026, 10, 1), 20),
            suspension("P1", date(2026, 11, 2), 12),
            suspension("P2", date(2026, 10, 1), 30),
        ]
    )
    musts = [(d.pupil_ref, d.message.split(":")[0]) for d in duties if d.must]
    assert musts == [("P1", "16 days of suspension in the Autumn term 2026/27")]
    assert "must meet to consider reinstatement" in duties[0].message


def test_exactly_fifteen_days_is_not_more_than_fifteen_but_parents_may_ask():
    duties = governors_duties([suspension("P2", date(2026, 10, 1), 30)])
    assert [(d.must, d.message.split(":")[0]) for d in duties] == [
        (False, "15 days of suspension in the Autumn term 2026/27")
    ]
    assert "if the parents ask" in duties[0].message


def test_five_days_or_fewer_in_a_term_asks_nothing_of_the_governors():
    assert governors_duties([suspension("P3", date(2026, 10, 1), 10)]) == []


def test_a_lunchtime_suspension_counts_as_half_a_day():
    lunchtimes = [suspension("P4", date(2026, 10, d), 1, kind="lunchtime") for d in range(1, 13)]
    assert lunchtimes[0].days == 0.5
    duties = governors_duties(lunchtimes)
    assert duties[0].message.startswith("6 days of suspension in the Autumn term")


def test_every_permanent_exclusion_and_a_missed_exam_need_the_governors():
    duties = governors_duties(
        [
            suspension("P5", date(2027, 1, 11), 0, kind="permanent"),
            suspension("P6", date(2027, 5, 10), 2, misses_public_exam=True),
        ]
    )
    assert [(d.pupil_ref, d.must) for d in duties] == [("P5", True), ("P6", True)]
    assert "public examination or national curriculum test" in duties[1].message


def test_a_record_that_takes_a_pupil_past_45_days_in_the_year_is_refused_quoting_the_rule():
    earlier = [suspension("P7", date(2026, 10, 1), 60), suspension("P7", date(2027, 2, 1), 28)]
    assert limit_breach(earlier, suspension("P7", date(2027, 5, 3), 2)) is None  # 45 days
    message = limit_breach(earlier, suspension("P7", date(2027, 5, 3), 4))
    assert message.startswith("This would take P7 to 46 days of suspension in 2026/27")
    assert "at most 45 school days in an academic year" in message


def test_days_in_another_academic_year_do_not_count_towards_the_limit():
    last_year = [suspension("P8", date(2026, 6, 1), 90)]
    assert limit_breach(last_year, suspension("P8", date(2026, 9, 7), 2)) is None


def test_nearing_the_limit_is_flagged_from_35_days():
    duties = governors_duties(
        [suspension("P9", date(2026, 10, 1), 28), suspension("P9", date(2027, 1, 11), 42)]
    )
    assert any(d.message.startswith("35 days of suspension in 2026/27") for d in duties)


def test_the_reason_codes_are_dfes_with_ph_and_without_other_for_new_records():
    assert "PH" in EXCLUSION_REASONS and "DB" in EXCLUSION_REASONS
    assert "OT" not in EXCLUSION_REASONS and ALL_EXCLUSION_REASONS["OT"] == "Other"
    assert EXCLUSION_REASONS["DB"] == "Persistent disruptive behaviour"


def test_dfe_statistics_count_a_permanent_exclusion_unless_the_pupil_was_reinstated():
    counted = {o for o in PermanentOutcome if o.counts_in_statistics}
    assert PermanentOutcome.REINSTATED_BY_GOVERNORS not in counted
    assert PermanentOutcome.REINSTATED_AFTER_RECONSIDERATION not in counted
    assert {PermanentOutcome.UPHELD, PermanentOutcome.PANEL_UPHELD} <= counted
