"""Suppression for the right audience (issue 15 item 5): it protects publication, so council
administrators see their council's exact counts on the council dashboard page, while
partnership pages, every export (XLSX, CSV) and the API keep small numbers suppressed. A DfE
figure printed beside a suppressed count is suppressed with it; counts print as integers."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest

from inclusion.api.keys import KeyAccess, create_key
from inclusion.api.principals import KeyPrincipal
from inclusion.area_partnerships.presentation import official_beside
from inclusion.graduated_response import incidents
from inclusion.graduated_response.models import OfficialExclusionFigure
from inclusion.permissions import Action, can
from tests.access import build_world
from tests.api.helpers import ApiClient
from tests.area_partnerships.export_support import council_export
from tests.graduated_response.factories import exclusion_input
from tests.pages import PageClient

SCHOOL_COLUMNS = ["Pupils on roll", "Suspensions", "Rate", "Pupils suspended", "Rate"]


def cells_of(page, heading: str) -> list[str]:
    for row in page.select("tr"):
        if row.th and row.th.get_text(strip=True) == heading:
            return [cell.get_text(strip=True) for cell in row.select("td")]
    raise AssertionError(f"no row {heading!r}")


OFFICIAL = "Official suspensions (DfE)"


def official_cell(page, school: str) -> str:
    """The DfE suspensions figure in the school's row, found by its column's heading."""
    for table in page.select("table"):
        headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        if OFFICIAL in headings:
            for row in table.select("tbody tr"):
                if row.th and row.th.get_text(strip=True) == school:
                    cells = [row.th, *row.select("td")]
                    return cells[headings.index(OFFICIAL)].get_text(strip=True)
    raise AssertionError(f"no {OFFICIAL!r} cell for {school!r}")


def official_in(rows: list, school: str):
    """The same figure from a spreadsheet or CSV: header row first."""
    header = list(rows[0])
    row = next(r for r in rows[1:] if r[0] == school)
    return row[header.index(OFFICIAL)]


def official(session, world, suspension: str) -> None:
    """DfE's published figure for school A, for the dashboard's academic year."""
    session.add(
        OfficialExclusionFigure(
            urn=world.school_a.urn,
            school_id=world.school_a.id,
            time_period=world.audit.academic_year.dfe_code,
            time_identifier="Academic year",
            suspension=Decimal(suspension),
            perm_excl=Decimal("0"),
            symbols={},
        )
    )
    session.flush()


def suspend(app, world, pupils: int) -> None:
    with app.test_request_context():
        for n in range(pupils):
            given = exclusion_input(pupil_ref=f"EX-{n:03d}", start_date=date(2026, 10, 5))
            incidents.create_exclusion(world.school_a, given, world.people["senco_a"])


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", True),
        ("officer", True),
        ("adviser_a", False),
        ("lead_a", False),
        ("senco_a", False),
        ("head_a", False),
        ("no_role", False),
    ],
)
def test_only_council_staff_may_see_unsuppressed_counts(app, client, persona, expected):
    world = build_world()
    assert can(world.people[persona], Action.VIEW_UNSUPPRESSED_COUNTS) is expected


def test_an_api_key_never_sees_unsuppressed_counts_even_council_wide(app, client):
    world = build_world()
    key, _ = create_key(
        name="council", access=KeyAccess.READ, partnership=None, created_by=world.people["admin"]
    )
    assert can(KeyPrincipal(key), Action.VIEW_UNSUPPRESSED_COUNTS) is False


@pytest.mark.parametrize("persona", ["admin", "officer"])
def test_council_staff_see_the_exact_small_count_on_the_council_dashboard(app, client, persona):
    world = build_world()  # school A has one suspension
    page = PageClient(app, world.people[persona]).get("/council/dashboard")
    assert cells_of(page, world.school_a.name)[1:3] == ["1", "0.50"]
    assert page.select_one("[data-counts=exact]") is not None


def test_a_partnership_lead_sees_the_same_count_suppressed(app, client):
    world = build_world()
    page = PageClient(app, world.people["lead_a"]).get(
        f"/partnerships/{world.partnership_a.code}/dashboard"
    )
    assert cells_of(page, world.partnership_a.name)[1:3] == ["c", "c"]
    assert page.select_one("[data-counts=exact]") is None


def test_an_administrator_on_a_partnership_page_sees_what_its_lead_sees(app, client):
    world = build_world()
    page = PageClient(app, world.people["admin"]).get(
        f"/partnerships/{world.partnership_a.code}/dashboard"
    )
    assert cells_of(page, world.school_a.name)[1] == "c"


def test_the_council_xlsx_export_keeps_the_small_count_suppressed_for_an_administrator(app, client):
    world = build_world()
    data = council_export(app, world.people["admin"])
    sheet = openpyxl.load_workbook(BytesIO(data))["Suspensions"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[world.school_a.name][2:4] == ("c", "c")


def test_the_council_csv_keeps_the_small_count_suppressed_for_an_administrator(app, client):
    world = build_world()
    response = PageClient(app, world.people["admin"]).raw(
        "GET", "/council/dashboard/suspensions.csv"
    )
    rows = {row[0]: row for row in csv_rows(response)[1:]}
    assert rows[world.school_a.name][2:4] == ["c", "c"]


def test_the_api_keeps_the_small_count_suppressed_for_an_administrator(app, client):
    world = build_world()
    body = ApiClient(app, world.people["admin"]).get("/api/v1/council/aggregates")
    section = next(s for s in body["sections"] if s["name"] == "suspensions")
    rows = {row[0]: row for row in section["rows"]}
    assert rows[world.school_a.name][2:4] == ["c", "c"]


def test_a_dfe_figure_beside_a_suppressed_count_is_suppressed_with_it(app, client, session):
    world = build_world()  # one suspension recorded; DfE published 1 for the same year
    official(session, world, "1.00")
    adviser = PageClient(app, world.people["adviser_a"])
    page = adviser.get(f"/partnerships/{world.partnership_a.code}/dashboard")
    assert cells_of(page, world.school_a.name)[1] == "c"
    assert official_cell(page, world.school_a.name) == "c"
    response = adviser.raw("GET", f"/partnerships/{world.partnership_a.code}/dashboard.xlsx")
    sheet = openpyxl.load_workbook(BytesIO(response.data))["Suspensions"]
    assert official_in(list(sheet.iter_rows(values_only=True)), world.school_a.name) == "c"


def test_the_administrator_sees_both_figures_of_the_pair_as_integers(app, client, session):
    world = build_world()
    official(session, world, "1.00")
    page = PageClient(app, world.people["admin"]).get("/council/dashboard")
    assert cells_of(page, world.school_a.name)[1] == "1"
    assert official_cell(page, world.school_a.name) == "1"


def test_a_dfe_count_beside_a_shown_count_prints_as_an_integer_in_page_and_csv(
    app, client, session
):
    world = build_world()
    suspend(app, world, 6)  # 7 recorded: shown
    official(session, world, "7.00")
    adviser = PageClient(app, world.people["adviser_a"])
    page = adviser.get(f"/partnerships/{world.partnership_a.code}/dashboard")
    assert official_cell(page, world.school_a.name) == "7"
    response = adviser.raw(
        "GET", f"/partnerships/{world.partnership_a.code}/dashboard/suspensions.csv"
    )
    assert official_in(csv_rows(response), world.school_a.name) == "7"


@pytest.mark.parametrize(
    ("symbol", "value", "recorded", "expected"),
    [
        (None, 3.0, "c", "c"),  # the pair goes together
        (None, 3.0, 7, 3),  # an integer, not 3.0
        ("c", None, 7, "c"),  # DfE's own symbol is kept
        ("x", None, "c", "x"),
        (None, None, "c", None),  # nothing published: nothing to hide
    ],
)
def test_the_official_figure_beside_a_recorded_count(symbol, value, recorded, expected):
    shown = official_beside(symbol, value, recorded)
    assert shown == expected and type(shown) is type(expected)
