"""Website compliance across schools: figures checked independently, access, XLSX read back."""

from __future__ import annotations

from io import BytesIO

import openpyxl

from inclusion.send_report import checklists
from tests.access import build_world
from tests.pages import PageClient, normalised_text


def answer_all(app, world, school, statuses: dict[str, str]) -> None:
    """Give `school` a checklist where every item is met except those in `statuses`."""
    with app.test_request_context():
        checklist = checklists.open_checklist(school, world.audit.academic_year)
        for item in checklists.compliance_of(checklist).items:
            given = checklists.ItemAnswer(statuses.get(item.code, "met"))
            checklists.save_answer(checklist, item, given, None, world.people["admin"])


def test_the_share_of_fully_compliant_schools_and_the_missing_items_match_the_answers(app, client):
    world = build_world()
    answer_all(app, world, world.school_a, {})
    answer_all(app, world, world.school_b, {"LO-01": "not_met", "P-03": "partly_met"})
    page = PageClient(app, world.people["admin"]).get("/compliance/")
    assert "50% of schools fully compliant (1 of 2)" in normalised_text(page)
    missing = [row.th.get_text(strip=True) for row in page.select("table")[0].select("tbody tr")]
    assert sorted(missing) == sorted(
        [
            "P-03: SEND policy reviewed within the last 3 years",
            "LO-01: A working link to the council's Local Offer",
        ]
    )


def test_an_adviser_sees_only_their_partnerships_schools(app, client):
    world = build_world()
    page = PageClient(app, world.people["adviser_a"]).get("/compliance/")
    schools = [row.th.get_text(strip=True) for row in page.select(".app-table--heatmap tbody tr")]
    assert schools == [world.school_a.name]


def test_a_partnership_lead_cannot_choose_another_partnership(app, client):
    world = build_world()
    lead = PageClient(app, world.people["lead_a"])
    lead.get(f"/compliance/?partnership={world.partnership_b.code}", status=404)


def test_the_export_matches_the_page_cell_by_cell(app, client):
    world = build_world()
    answer_all(app, world, world.school_b, {"S1-04": "not_met"})
    admin = PageClient(app, world.people["admin"])
    response = admin.raw("GET", "/compliance/export.xlsx")
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="website-compliance-'
    )
    book = openpyxl.load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["Summary", "Schools"]
    sheet = book["Schools"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["URN", "School", "Partnership", "Items met"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    b_row = rows[world.school_b.urn]
    assert b_row[3] == 32
    assert b_row[header.index("S1-04")] == "Not met"
    assert rows[world.school_a.urn][header.index("S1-04")] == "Not answered"
    assert sheet.freeze_panes == "A2"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_a_school_that_has_not_started_is_reported_apart_not_counted_as_not_meeting(app, client):
    world = build_world()
    answer_all(app, world, world.school_b, {"LO-01": "not_met"})
    page = PageClient(app, world.people["admin"]).get("/compliance/")
    assert "Schools that have not started the checklist: 1 of 2" in normalised_text(page)
    counts = {
        row.th.get_text(strip=True)[:5]: row.td.get_text(strip=True)
        for row in page.select("table")[0].select("tbody tr")
    }
    assert counts == {"LO-01": "1"}  # school A has not answered: it is not counted as missing


def test_a_partnership_lead_sees_how_many_schools_gave_each_answer_but_no_school(app, client):
    world = build_world()
    answer_all(app, world, world.school_a, {"LO-01": "not_met"})
    lead = PageClient(app, world.people["lead_a"])
    page = lead.get("/compliance/")
    text = normalised_text(page)
    assert world.school_a.name not in text and page.select(".app-table--heatmap") == []
    row = next(r for r in page.select("tbody tr") if r.th.get_text(strip=True) == "LO-01")
    assert [td.get_text(strip=True) for td in row.select("td")][:3] == ["0", "0", "1"]

    book = openpyxl.load_workbook(BytesIO(lead.raw("GET", "/compliance/export.xlsx").data))
    assert book.sheetnames == ["Summary", "Items"]
    cells = [str(cell.value) for sheet in book for line in sheet.iter_rows() for cell in line]
    assert world.school_a.name not in cells and world.school_a.urn not in cells


def test_council_wide_past_the_school_list_limit_the_page_shows_the_counts_only(app, client):
    from tests.queries import counting_queries

    world = build_world()
    answer_all(app, world, world.school_a, {})
    answer_all(app, world, world.school_b, {"LO-01": "not_met"})
    admin = PageClient(app, world.people["admin"])
    listed = admin.get("/compliance/")
    app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] = 1  # the world has two schools
    try:
        with counting_queries(app) as counter:
            page = admin.get("/compliance/")
    finally:
        app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] = 1000
    text = normalised_text(page)
    assert "50% of schools fully compliant (1 of 2)" in text
    assert "too many to list on one page" in text
    assert world.school_a.name in normalised_text(listed)
    assert world.school_a.name not in text
    assert "LO-01: A working link to the council's Local Offer" in text
    assert counter.count == 8  # the same however many schools: counts, not the grid
