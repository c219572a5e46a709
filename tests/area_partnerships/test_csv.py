"""CSV beside each dashboard table: the same rows as the spreadsheet, suppressed the same way."""

from __future__ import annotations

import csv
import io
from io import BytesIO

from openpyxl import load_workbook

from inclusion.area_partnerships.sections import SECTION_NAMES
from tests.access import build_world


def download(app, user, url: str, status: int = 200):
    with app.test_client(user=user) as client:
        response = client.get(url)
    assert response.status_code == status, response.status_code
    return response


def rows_of(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def sheet_rows(workbook, title: str) -> list[list[str]]:
    cells = workbook[title].iter_rows(values_only=True)
    return [["" if value is None else str(value) for value in row] for row in cells]


def test_each_csv_holds_exactly_the_rows_of_its_spreadsheet_sheet(app, client):
    world = build_world()
    admin = world.people["admin"]
    code = world.partnership_a.code
    workbook = load_workbook(
        BytesIO(download(app, admin, f"/partnerships/{code}/dashboard.xlsx").data)
    )
    titles = {"participation": "Participation", "suspensions": "Suspensions"}
    titles |= {"training-needs": "Training needs", "part-time-timetables": "Part-time timetables"}
    for name, title in titles.items():
        csv_rows = rows_of(download(app, admin, f"/partnerships/{code}/dashboard/{name}.csv"))
        assert csv_rows == sheet_rows(workbook, title), name


def test_a_small_suspension_count_is_c_in_the_csv_as_on_the_page(app, client):
    world = build_world()  # school A has one suspension
    url = f"/partnerships/{world.partnership_a.code}/dashboard/suspensions.csv"

    rows = rows_of(download(app, world.people["adviser_a"], url))

    school_row = next(row for row in rows if row[0] == world.school_a.name)
    assert school_row[2:4] == ["c", "c"]


def test_a_partnership_lead_gets_no_school_in_any_csv(app, client):
    world = build_world()
    lead = world.people["lead_a"]
    code = world.partnership_a.code
    for name in SECTION_NAMES:
        url = f"/partnerships/{code}/dashboard/{name}.csv"
        if name == "audit-results":
            download(app, lead, url, status=404)
            continue
        text = download(app, lead, url).data.decode("utf-8")
        assert world.school_a.name not in text and world.school_b.name not in text, name


def test_the_csv_is_an_attachment_named_for_the_area_year_and_table(app, client):
    world = build_world()
    response = download(app, world.people["admin"], "/council/dashboard/participation.csv")

    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="inclusion-council-')
    assert disposition.endswith('-participation.csv"')
    assert response.mimetype == "text/csv" and response.headers["Cache-Control"] == "no-store"


def test_an_unknown_table_is_not_found(app, client):
    world = build_world()
    download(app, world.people["admin"], "/council/dashboard/passwords.csv", status=404)
