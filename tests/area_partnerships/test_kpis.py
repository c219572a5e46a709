"""The council's KPIs against the same figures worked out in plain Python from factory data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inclusion.area_partnerships.kpi_websites import KEY_MEASURE_ITEMS
from inclusion.area_partnerships.kpis import council_kpis
from tests.area_partnerships.kpi_factories import (
    ExclusionFactory,
    SenFigureFactory,
    TimetableFactory,
)
from tests.area_partnerships.kpi_world import build_kpi_world, expected_kpis
from tests.queries import counting_queries
from tests.schools.factories import AcademicYearFactory, MembershipFactory


def world_schools(world) -> int:
    return sum(1 for (s, y) in world.members if y == "2026/27" and s.is_open)


def _by_year(kpis, name: str) -> dict:
    return {line.year: line for line in getattr(kpis, name)}


def _nonzero(counts: dict) -> dict:
    return {k: v for k, v in counts.items() if v}


@pytest.mark.parametrize("seed", [16, 2026, 7])
@pytest.mark.parametrize("whole_council", [True, False])
def test_every_kpi_figure_matches_an_independent_count_of_the_factory_data(
    app, session, seed, whole_council
):
    world = build_kpi_world(seed)
    partnership = None if whole_council else world.partnerships[0]
    kpis = council_kpis(partnership)
    want = expected_kpis(world, partnership)
    assert kpis.years == list(want)
    for label, expected in want.items():
        participation = _by_year(kpis, "participation")[label]
        assert (participation.schools, participation.taking_part) == (
            expected["schools"],
            expected["taking_part"],
        )
        _check_exclusions(_by_year(kpis, "exclusions")[label], expected)
        _check_timetables(_by_year(kpis, "timetables")[label], expected)
        absence = _by_year(kpis, "absence")[label]
        assert (absence.schools, absence.enrolments, absence.persistent_absentees) == (
            expected["absence_schools"],
            expected["enrolments"],
            expected["absentees"],
        )
        ehc = _by_year(kpis, "ehc_mainstream")[label]
        assert (ehc.ehc_plans, ehc.in_mainstream) == (
            expected["ehc_plans"],
            expected["ehc_mainstream"],
        )
        assert _by_year(kpis, "websites")[label].meeting == expected["meeting"]


def _check_exclusions(line, expected) -> None:
    assert line.schools_with_sen_figures == expected["sen_schools"]
    assert _nonzero(line.pupils) == _nonzero(expected["pupils"])
    assert _nonzero(line.suspensions) == _nonzero(expected["suspensions"])
    assert _nonzero(line.permanent) == _nonzero(expected["permanent"])
    assert line.recorded_suspensions_all_schools == expected["all_suspensions"]
    assert line.recorded_permanent_all_schools == expected["all_permanent"]
    assert line.official_schools == expected["official_schools"]
    official = (line.official_suspensions, line.official_permanent, line.official_headcount)
    assert official == (expected["official"] or (None, None, None))
    if expected["pupils"].get("ehc_plan"):
        want = round(
            100 * expected["suspensions"].get("ehc_plan", 0) / expected["pupils"]["ehc_plan"], 2
        )
        assert line.suspension_rate("ehc_plan") == want


def _check_timetables(line, expected) -> None:
    assert _nonzero(line.started) == _nonzero(expected["started"])
    by_term = {
        (term, status): n
        for term, counts in line.started_by_term.items()
        for status, n in counts.items()
    }
    assert _nonzero(by_term) == _nonzero(expected["started_by_term"])
    assert {k: Decimal(v) for k, v in line.hours_missed.items() if v} == {
        k: v for k, v in expected["hours_missed"].items() if v
    }
    assert _nonzero(line.pupils) == _nonzero(expected["timetable_pupils"])


def test_each_kpi_names_its_source_for_the_year(app, session):
    world = build_kpi_world()
    kpis = council_kpis()
    line = _by_year(kpis, "exclusions")["2026/27"]
    assert line.source_pupils == "DfE school-level SEN file 2026/27"
    assert line.source_recorded == "recorded in the portal"
    assert line.source_official == "DfE school-level exclusions file 2026/27"
    assert _by_year(kpis, "absence")["2025/26"].source == "DfE school-level absence file 2025/26"
    assert _by_year(kpis, "absence")["2025/26"].by_sen_status == "not available at school level"
    assert world.partnerships


def test_a_year_without_a_dfe_file_says_so_rather_than_showing_a_zero_rate(app, session):
    MembershipFactory(academic_year=AcademicYearFactory())
    line = council_kpis().exclusions[0]
    assert line.source_pupils == "no DfE SEN file for 2026/27"
    assert line.suspension_rate() is None


def test_the_key_measure_is_the_report_policy_accessibility_plan_and_local_offer_items():
    assert set(KEY_MEASURE_ITEMS) == {"R-01", "P-01", "D-04", "LO-01"}


def test_the_kpis_take_the_same_eleven_statements_however_many_schools(app, session):
    world = build_kpi_world()
    with counting_queries(app) as before:
        council_kpis()
    year = world.years["2026/27"]
    for _ in range(12):
        school = MembershipFactory(academic_year=year, partnership=world.partnerships[1]).school
        ExclusionFactory(school=school)
        TimetableFactory(school=school)
        SenFigureFactory(school=school)
    with counting_queries(app) as after:
        kpis = council_kpis()
    assert _by_year(kpis, "participation")["2026/27"].schools == world_schools(world) + 12
    # years, participation, 7 KPI statements, and the website measure's items and count
    assert before.count == after.count == 11
