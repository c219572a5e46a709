"""DfE's termly exclusion figures on the dashboards: the year's row if published, else the terms.

Figures go in through the real import of a DfE-shaped file, and come out through the
dashboard's own query and its CSV download.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from inclusion.area_partnerships import official_exclusions
from inclusion.area_partnerships.record_figures import exclusion_lines
from inclusion.area_partnerships.scope import Scope
from inclusion.auth.roles import Role
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from tests.auth.factories import UserFactory
from tests.schools.factories import AcademicYearFactory, MembershipFactory, SchoolFactory

HEADER = (
    "time_identifier,time_period,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,estab,school_laestab,school_urn,school_name,"
    "trust_name,academy_type,academy_open_date,education_phase,headcount,perm_excl,"
    "perm_excl_rate,suspension,susp_rate,one_plus_susp,one_plus_susp_rate"
)
PLACE = "School,E92000001,England,E12000009,South West,933,E10000027,Somerset"


def row(term: str, urn: str, suspensions: str, pupils: str, permanent: str = "0") -> str:
    school = f"4001,9334001,{urn},School {urn},,,,Primary"
    figures = f"400,{permanent},0,{suspensions},1.0,{pupils},1.0"
    return f"{term},202627,{PLACE},{school},{figures}"


def imported(tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "exclusions.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    report = import_exclusions(path)
    assert report.succeeded, report.errors


def school_in_scope(urn: str):
    membership = MembershipFactory(
        school=SchoolFactory(urn=urn), academic_year=AcademicYearFactory()
    )
    return membership.school, Scope(membership.academic_year, membership.partnership)


def official_line(scope: Scope):
    [line] = exclusion_lines(scope)
    return line


def test_without_a_year_row_suspensions_are_the_sum_of_the_terms(session, tmp_path):
    _, scope = school_in_scope("123456")
    imported(
        tmp_path,
        [row("Autumn term", "123456", "2", "2"), row("Spring term", "123456", "3", "2", "1")],
    )
    line = official_line(scope)
    assert (line.official_suspensions, line.official_permanent) == (5.0, 1.0)
    assert line.official_basis == "Autumn term + Spring term"


def test_pupils_suspended_is_never_summed_over_terms_but_marked_not_available(session, tmp_path):
    _, scope = school_in_scope("123456")
    imported(
        tmp_path,
        [row("Autumn term", "123456", "2", "2"), row("Spring term", "123456", "3", "2")],
    )
    line = official_line(scope)
    assert line.official_pupils_suspended is None
    assert line.official_symbols["one_plus_susp"] == "x"


def test_the_academic_year_row_is_used_when_published_beside_the_terms(session, tmp_path):
    _, scope = school_in_scope("123456")
    imported(
        tmp_path,
        [
            row("Autumn term", "123456", "2", "2"),
            row("Spring term", "123456", "3", "2"),
            row("Academic year", "123456", "5", "3"),
        ],
    )
    line = official_line(scope)
    assert (line.official_suspensions, line.official_pupils_suspended) == (5.0, 3.0)
    assert line.official_basis == "Academic year"
    assert "one_plus_susp" not in line.official_symbols


def test_a_suppressed_term_makes_the_years_sum_suppressed_not_an_undercount(session, tmp_path):
    _, scope = school_in_scope("123456")
    imported(
        tmp_path,
        [row("Autumn term", "123456", "2", "2"), row("Spring term", "123456", "c", "c")],
    )
    line = official_line(scope)
    assert line.official_suspensions is None
    assert line.official_symbols["suspension"] == "c"
    assert line.official_permanent == 0.0


def test_the_yearly_rule_reads_rows_in_any_order():
    class Row:
        def __init__(self, term, suspension):
            self.time_identifier, self.suspension, self.perm_excl = term, suspension, 0
            self.one_plus_susp, self.symbols = 1, {}

    found = official_exclusions.yearly([Row("Summer term", 4), Row("Autumn term", 1)])
    assert (found.suspensions, found.basis) == (5.0, "Autumn term + Summer term")


def test_the_dashboard_csv_shows_the_summed_terms_and_x_for_pupils_suspended(
    app, session, tmp_path
):
    school, scope = school_in_scope("123456")
    imported(
        tmp_path,
        [row("Autumn term", "123456", "7", "6"), row("Spring term", "123456", "8", "6")],
    )
    admin = UserFactory.with_role(Role.ADMIN)
    url = f"/partnerships/{scope.partnership.code}/dashboard/suspensions.csv?year=2026/27"
    with app.test_client(user=admin) as client:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    table = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    [mine] = [line for line in table if line["Name"] == school.name]
    assert mine["Official suspensions (DfE)"] == "15"
    assert mine["Official pupils suspended (DfE)"] == "x"
    assert mine["DfE figures from"] == "Autumn term + Spring term"
