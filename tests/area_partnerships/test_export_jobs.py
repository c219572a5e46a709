"""The council export as a job: progress page, download by the person who asked, streamed
workbook with plain ranges, and "Which schools" lists never cut at Excel's cell limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import openpyxl
from sqlalchemy import select

from inclusion.area_partnerships.audit_figures import TrainingNeedLine
from inclusion.area_partnerships.dashboard import dashboard_for
from inclusion.area_partnerships.export import SCHOOLS_SHEET, write_dashboard_workbook
from inclusion.area_partnerships.scope import Scope
from inclusion.auth.roles import Role
from inclusion.background_work import BackgroundWork
from inclusion.schools.models import School
from inclusion.security.models import SecurityEvent
from tests.access import build_world
from tests.area_partnerships.export_support import ask_for_council_export, council_export
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text


def run_jobs(app) -> int:
    with app.app_context():
        return app.extensions["job_runner"].run_pending()


def test_the_start_page_asks_before_making_anything(app, client, session):
    world = build_world()
    page = PageClient(app, world.people["admin"]).get("/council/dashboard.xlsx")
    assert page.select_one("form[method=post] button") is not None
    assert session.scalars(select(BackgroundWork)).all() == []


def test_the_export_is_queued_then_shown_ready_with_a_download_link(app, client, session):
    world = build_world()
    admin = PageClient(app, world.people["admin"])
    status_url = ask_for_council_export(app, world.people["admin"])
    waiting = admin.get(status_url)
    assert "Waiting to start" in normalised_text(waiting)
    assert waiting.select_one("meta[http-equiv=refresh]") is not None
    assert waiting.select_one(f"a[href='{status_url}/download']") is None
    assert run_jobs(app) == 1
    ready = admin.get(status_url)
    assert "Ready to download" in normalised_text(ready)
    assert ready.select_one(f"a[href='{status_url}/download']") is not None
    assert ready.select_one("meta[http-equiv=refresh]") is None


def test_the_workbook_uses_filtered_ranges_not_excel_tables(app, client, session):
    world = build_world()
    book = openpyxl.load_workbook(BytesIO(council_export(app, world.people["admin"])))
    sheet = book["Suspensions"]
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.freeze_panes == "A2"
    assert all(not book[name].tables for name in book.sheetnames)
    assert SCHOOLS_SHEET not in book.sheetnames  # no list too long for its cell
    headers = [cell.value for cell in sheet[1]]
    assert headers[0] == "Name"


def test_only_the_person_who_asked_can_see_or_download_the_export(app, client, session):
    world = build_world()
    status_url = ask_for_council_export(app, world.people["admin"])
    run_jobs(app)
    for other in (world.people["officer"], UserFactory.with_role(Role.ADMIN)):
        PageClient(app, other).get(status_url, status=404)
        assert PageClient(app, other).raw("GET", f"{status_url}/download").status_code == 404


def test_someone_who_no_longer_sees_council_figures_cannot_download_their_own_export(
    app, client, session
):
    world = build_world()
    former = UserFactory.with_role(Role.ADMIN)
    status_url = ask_for_council_export(app, former)
    run_jobs(app)
    former.roles.clear()
    session.flush()
    assert PageClient(app, former).raw("GET", f"{status_url}/download").status_code == 403
    lead = world.people["lead_a"]
    assert PageClient(app, lead).raw("POST", "/council/dashboard.xlsx").status_code == 403


def test_the_download_is_logged_as_an_export_and_asking_alone_is_not(app, client, session):
    world = build_world()
    status_url = ask_for_council_export(app, world.people["admin"])
    run_jobs(app)
    exports = select(SecurityEvent).where(SecurityEvent.kind == "data_exported")
    assert session.scalars(exports).all() == []
    PageClient(app, world.people["admin"]).raw("GET", f"{status_url}/download")
    [event] = session.scalars(exports).all()
    assert event.detail["what"] == "dashboard (XLSX)"
    assert event.detail["area"] == "Whole council"


def test_a_which_schools_list_longer_than_a_cell_goes_to_its_own_sheet_one_row_per_school(
    app, client, session, tmp_path
):
    world = build_world()
    with app.app_context():
        board = dashboard_for(Scope(world.audit.academic_year, None, ""), date.today())
    many = [School(urn=f"{200000 + n}", name=f"A school with a long name, number {n:04d}")
            for n in range(1_200)]  # fmt: skip
    line = TrainingNeedLine("SEMH", "Supporting pupils' mental health", many, 1_200, 0)
    board = replace(board, training=[line])
    path = tmp_path / "council.xlsx"
    write_dashboard_workbook(board, True, 5, path)
    book = openpyxl.load_workbook(path)
    needs = {row[0]: row for row in book["Training needs"].iter_rows(min_row=2, values_only=True)}
    pointer = f"1,200 schools: filter this topic's column on the sheet '{SCHOOLS_SHEET}'"
    assert needs[line.title][-1] == pointer
    sheet = book[SCHOOLS_SHEET]
    assert next(sheet.iter_rows(max_row=1, values_only=True)) == ("URN", "School", line.title)
    listed = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(listed) == 1_200
    assert listed[-1] == ("201199", "A school with a long name, number 1199", "Yes")


def test_asking_again_drops_the_earlier_workbook_and_its_link_leads_back_to_progress(
    app, client, session
):
    world = build_world()
    admin = world.people["admin"]
    first = ask_for_council_export(app, admin)
    run_jobs(app)
    ask_for_council_export(app, admin)
    response = PageClient(app, admin).raw("GET", f"{first}/download")
    assert (response.status_code, response.headers["Location"]) == (302, first)
    page = PageClient(app, admin).get(first)
    assert "replaced by the one you asked for after it" in normalised_text(page)
    assert page.select_one(f"a[href='{first}/download']") is None
