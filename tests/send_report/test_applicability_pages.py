"""The checklist for schools the duties do not all bind, read from the real 2026/27 seed:
Schedule 1 paragraphs 2 and 4 (SEND Regulations 2014) bind mainstream and maintained nursery
schools only; the report duty (Children and Families Act 2014 s.69(1)) does not reach 16 to
19 academies; the accessibility plan (Equality Act 2010 Sch. 10) binds every school."""

from __future__ import annotations

from io import BytesIO

import openpyxl
from sqlalchemy import select

from inclusion.schools.phases import Phase
from inclusion.send_report import checklists
from inclusion.send_report.models import ChecklistAnswer
from tests.access import build_world
from tests.api.helpers import ApiClient
from tests.pages import PageClient, error_summary, normalised_text

EVERY_SCHOOL = {"D-04", "AP-1", "AP-2", "AP-3", "P-02", "P-03"}


def with_phase(session, school, phase: Phase) -> None:
    school.phase = phase.value
    session.flush()


def meet_every_binding_item(app, world, school) -> None:
    with app.test_request_context():
        checklist = checklists.open_checklist(school, world.audit.academic_year)
        compliance = checklists.compliance_of(checklist)
        for item in compliance.items:
            if compliance.binds(item):
                given = checklists.ItemAnswer("met")
                checklists.save_answer(checklist, item, given, None, world.people["admin"])


def row_for(page, code: str):
    return next(
        r for r in page.select("tbody tr") if r.th.get_text(strip=True).startswith(f"{code}:")
    )


def test_a_special_school_is_not_asked_for_para_2_or_para_4_sch1_paras_2_and_4(
    app, client, session
):
    world = build_world()
    with_phase(session, world.school_a, Phase.SPECIAL)
    page = PageClient(app, world.people["head_a"]).get(world.report_url(""))
    for code in ("S1-02", "S1-04"):
        assert "Does not apply to this school" in normalised_text(row_for(page, code).td)
    assert "Not answered" in normalised_text(row_for(page, "S1-01").td)
    assert "(0 of 31)" in normalised_text(page)


def test_the_senco_item_page_gives_the_reason_and_its_source_sch1_para4(app, client, session):
    world = build_world()
    with_phase(session, world.school_a, Phase.SPECIAL)
    page = PageClient(app, world.people["head_a"]).get(world.report_url("items/S1-04"))
    panel = normalised_text(page.select_one("[data-applicability=does-not-apply]"))
    assert "mainstream schools and maintained nursery schools only" in panel
    assert "SEND Regulations 2014, Schedule 1, paragraph 4" in panel
    assert page.select("input[name=status]") == []


def test_an_answer_to_an_item_that_does_not_apply_is_refused_sch1_para4(app, client, session):
    world = build_world()
    with_phase(session, world.school_a, Phase.SPECIAL)
    head = PageClient(app, world.people["head_a"])
    page = head.post(world.report_url("items/S1-04"), {"status": "met", "note": ""})
    assert error_summary(page) == [
        "S1-04 does not apply to this school: it applies to mainstream schools and "
        "maintained nursery schools only."
    ]
    assert session.scalar(select(ChecklistAnswer)) is None


def test_a_special_school_meeting_every_binding_item_is_fully_compliant_sch1(app, client, session):
    world = build_world()
    with_phase(session, world.school_a, Phase.SPECIAL)
    meet_every_binding_item(app, world, world.school_a)
    page = PageClient(app, world.people["head_a"]).get(world.report_url(""))
    assert "100% of items met (31 of 31): fully compliant" in normalised_text(page)


def test_only_the_accessibility_plan_and_council_items_bind_a_16_to_19_academy_cfa_s69(
    app, client, session
):
    world = build_world()
    with_phase(session, world.school_a, Phase.SIXTEEN_PLUS)
    with app.test_request_context():
        compliance = checklists.compliance_for(world.school_a, world.audit.academic_year)
        assert {item.code for item in compliance.counted} == EVERY_SCHOOL


def test_marking_an_item_not_applicable_needs_a_reason_and_then_counts_for_neither(app, client):
    world = build_world()
    head = PageClient(app, world.people["head_a"])
    page = head.post(world.report_url("items/LAC-01"), {"status": "not_applicable", "note": ""})
    assert error_summary(page) == ["Explain in the note why this item does not apply"]
    head.post(
        world.report_url("items/LAC-01"),
        {"status": "not_applicable", "note": "No looked-after pupils on roll this year"},
        302,
    )
    overview = head.get(world.report_url(""))
    assert "(0 of 32)" in normalised_text(overview)
    assert "Not applicable" in normalised_text(row_for(overview, "LAC-01").td)


def test_the_council_grid_and_export_leave_out_items_that_do_not_apply_sch1_para4(
    app, client, session
):
    world = build_world()
    with_phase(session, world.school_a, Phase.SPECIAL)
    meet_every_binding_item(app, world, world.school_a)
    admin = PageClient(app, world.people["admin"])
    page = admin.get("/compliance/")
    assert "50% of schools fully compliant (1 of 2)" in normalised_text(page)
    grid = {
        r.th.get_text(strip=True): [normalised_text(td) for td in r.select("td")]
        for r in page.select(".app-table--heatmap tbody tr")
    }
    assert grid[world.school_a.name][0] == "31 of 31"
    assert "Does not apply" in grid[world.school_a.name]
    assert grid[world.school_b.name][0] == "0 of 33"
    book = openpyxl.load_workbook(BytesIO(admin.raw("GET", "/compliance/export.xlsx").data))
    sheet = book["Schools"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    special = rows[world.school_a.urn]
    assert special[header.index("S1-04")] == "Does not apply to this school"
    assert (special[header.index("Items met")], special[header.index("Items that count")]) == (
        31,
        31,
    )
    assert rows[world.school_b.urn][header.index("Items that count")] == 33


def test_the_api_marks_the_items_that_do_not_apply_sch1_para4(app, client, session):
    world = build_world()
    with_phase(session, world.school_a, Phase.SPECIAL)
    slug = world.audit.academic_year.label.replace("/", "-")
    body = ApiClient(app, world.people["head_a"]).get(
        f"/api/v1/schools/{world.school_a.urn}/checklists/{slug}"
    )
    applies = {item["code"]: item["applies"] for item in body["items"]}
    assert (applies["S1-04"], applies["S1-02"], applies["S1-01"]) == (False, False, True)
    assert body["items_total"] == 31
