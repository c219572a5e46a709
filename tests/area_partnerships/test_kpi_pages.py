"""The council KPI page, its CSV and XLSX downloads and its API: the same figures as an
independent count of factory data, exact for council staff on the page, suppressed elsewhere."""

from __future__ import annotations

import csv
import io
from io import BytesIO

import openpyxl
import pytest

from inclusion.auth.roles import Role
from tests.access import build_world
from tests.api.helpers import ApiClient
from tests.area_partnerships.kpi_factories import ExclusionFactory, SenFigureFactory
from tests.area_partnerships.kpi_world import build_kpi_world, expected_kpis
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries
from tests.schools.factories import AcademicYearFactory, MembershipFactory

KPI_SHEETS = {
    "Audit participation",
    "Exclusions by SEN status",
    "Exclusions beside DfE",
    "Part-time timetables",
    "Persistent absence",
    "EHC plans in mainstream",
    "Website key measure",
}


def admin():
    return UserFactory.with_role(Role.ADMIN)


def table_row(page, section: str, *first_cells: str) -> list[str]:
    """A row of a KPI table, found by its year (and SEN status), as the cells read."""
    table = page.select_one(f"table[data-section={section}]")
    for row in table.select("tbody tr"):
        cells = [cell.get_text(strip=True) for cell in row.select("th, td")]
        if tuple(cells[: len(first_cells)]) == first_cells:
            return cells
    raise AssertionError(f"no row {first_cells} in {section}")


def small_world():
    """One school: 6 suspensions of pupils without SEN and 2 of pupils with EHC plans."""
    school = MembershipFactory(academic_year=AcademicYearFactory()).school
    SenFigureFactory(school=school, total_pupils=400, sen_support=50, ehc_plan=10)
    for _ in range(6):
        ExclusionFactory(school=school, sen_status="none")
    for _ in range(2):
        ExclusionFactory(school=school, sen_status="ehc_plan")
    return school


def test_the_kpi_page_shows_the_independently_counted_figures_for_each_year(app, client):
    world = build_kpi_world()
    want = expected_kpis(world)
    page = PageClient(app, admin()).get("/council/kpis")
    for year, expected in want.items():
        participation = table_row(page, "audit-participation", year)
        assert participation[1:3] == [str(expected["schools"]), str(expected["taking_part"])]
        rates = table_row(page, "exclusion-rates", year, "EHC plan")
        assert rates[2] == str(expected["pupils"].get("ehc_plan", "-"))
        if expected["pupils"]:
            assert rates[3] == str(expected["suspensions"].get("ehc_plan", 0))
        timetables = table_row(page, "part-time-timetables", year, "All pupils")
        assert timetables[5] == str(expected["started"].get("all", 0))
        assert timetables[6] == str(expected["timetable_pupils"].get("all", 0))
        absence = table_row(page, "persistent-absence", year)
        assert absence[2:4] == [str(expected["enrolments"]), str(expected["absentees"])]
        assert table_row(page, "website-key-measure", year)[2] == str(expected["meeting"])


@pytest.mark.parametrize("persona", ["admin", "officer"])
def test_council_staff_see_exact_small_counts_on_the_kpi_page(app, client, persona):
    people = build_world().people
    small_world()
    page = PageClient(app, people[persona]).get("/council/kpis")
    assert table_row(page, "exclusion-rates", "2026/27", "EHC plan")[2:5] == ["10", "2", "20.00"]
    assert page.select_one("[data-counts=exact]") is not None


def test_the_page_says_persistent_absence_by_sen_status_is_not_available_at_school_level(
    app, client
):
    build_kpi_world()
    page = PageClient(app, admin()).get("/council/kpis")
    text = normalised_text(page)
    assert "Persistent absence by SEN status is not available at school level" in text
    assert table_row(page, "persistent-absence", "2026/27")[5] == "not available at school level"


def test_each_kpi_has_a_server_drawn_chart_titled_for_screen_readers_and_no_script(app, client):
    build_kpi_world()
    page = PageClient(app, admin()).get("/council/kpis")
    charts = page.select("main svg[role=img]")
    assert len(charts) == 7
    assert all(chart.title and chart["aria-labelledby"] for chart in charts)
    assert not page.select("main script")


def test_the_council_dashboard_links_to_the_kpi_page(app, client):
    world = build_world()
    page = PageClient(app, world.people["admin"]).get("/council/dashboard")
    assert page.select_one("a[href='/council/kpis']") is not None


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_kpi_csv_keeps_small_counts_suppressed_even_for_an_administrator(app, client):
    small_world()
    response = PageClient(app, admin()).raw("GET", "/council/kpis/exclusion-rates.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = {(r[0], r[1]): r for r in csv_rows(response)[1:]}
    assert rows[("2026/27", "EHC plan")][3:5] == ["c", "c"]
    assert rows[("2026/27", "No SEN (neither)")][3] == "c"  # else 8 - 6 gives the 2 away
    assert rows[("2026/27", "All pupils")][3] == "8"


def test_an_unknown_kpi_table_is_not_found(app, client):
    PageClient(app, admin()).get("/council/kpis/nothing.csv", status=404)


def test_the_kpi_workbook_has_a_sheet_per_kpi_suppressed_and_read_back(app, client):
    small_world()
    response = PageClient(app, admin()).raw("GET", "/council/kpis.xlsx")
    book = openpyxl.load_workbook(BytesIO(response.data))
    assert set(book.sheetnames) >= KPI_SHEETS
    rows = list(book["Exclusions by SEN status"].values)
    ehc = next(r for r in rows if r[:2] == ("2026/27", "EHC plan"))
    assert ehc[3:5] == ("c", "c")
    notes = " ".join(str(r[1]) for r in book["Notes"].values)
    assert "R-01 SEND Information Report" in notes


def test_the_kpi_api_keeps_small_counts_suppressed_for_an_administrator(app, client):
    small_world()
    body = ApiClient(app, user=admin()).get("/api/v1/council/kpis")
    rates = next(s for s in body["sections"] if s["name"] == "exclusion-rates")
    ehc = next(r for r in rates["rows"] if r[:2] == ["2026/27", "EHC plan"])
    assert ehc[3:5] == ["c", "c"]
    assert body["suppression_symbol"] == "c" and body["academic_years"] == ["2026/27"]


def test_the_kpi_page_takes_the_same_statements_however_many_schools(app, client):
    build_kpi_world()
    viewer = PageClient(app, admin())
    with counting_queries(app) as before:
        viewer.get("/council/kpis")
    for _ in range(10):
        small_world()
    with counting_queries(app) as after:
        viewer.get("/council/kpis")
    assert before.count == after.count
