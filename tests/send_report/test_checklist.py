"""The SEND Information Report checklist: answers, history, compliance, proposals, audit link."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from inclusion.send_report.models import ChecklistChange, WebsiteCheck, WebsiteFinding
from tests.access import build_world
from tests.pages import PageClient, error_summary, normalised_text
from tests.schools.factories import AcademicYearFactory


def setup(app):
    world = build_world()
    return world, PageClient(app, world.people["head_a"])


def answer(client, world, code: str, expect: int = 302, **fields):
    data = {"status": "met", "evidence_url": "https://school.example/send", "note": ""} | fields
    return client.post(world.report_url(f"items/{code}"), data, expect)


def percentage(client, world) -> str:
    return client.get(world.report_url("")).select_one(".govuk-body strong").get_text()


def test_a_headteacher_records_items_and_sees_the_compliance_percentage_rise(app, client):
    world, head = setup(app)
    assert percentage(head, world) == "0%"
    for code in ("S1-01", "S1-02", "S1-03a"):
        answer(head, world, code)
    assert percentage(head, world) == "9%"  # 3 of 33


def test_gaps_show_their_guidance_and_partly_met_is_not_met(app, client):
    world, head = setup(app)
    answer(head, world, "S1-04", status="partly_met")
    row = next(
        r
        for r in head.get(world.report_url("")).select("tbody tr")
        if r.th.get_text(strip=True).startswith("S1-04")
    )
    assert "Partly met" in row.get_text()
    assert "Give the SENCO's name with an email address" in row.get_text()


def test_each_change_is_kept_and_a_stale_save_is_refused(app, client, session):
    world, head = setup(app)
    answer(head, world, "S1-09", status="not_met", version="")
    answer(head, world, "S1-09", status="met", version="1")
    page = answer(head, world, "S1-09", expect=200, status="partly_met", version="1")
    assert "Someone else changed this item" in error_summary(page)[0]
    statuses = session.scalars(
        select(ChecklistChange.new_value).where(ChecklistChange.field == "status")
    ).all()
    assert statuses == ["not_met", "met"]


def test_two_people_answering_the_same_new_item_keep_the_first_and_refuse_the_second(
    app, client, session
):
    world, head = setup(app)
    senco = PageClient(app, world.people["senco_a"])
    answer(head, world, "S1-05", status="met", version="")
    page = answer(senco, world, "S1-05", expect=200, status="not_met", version="")
    assert "Someone else changed this item" in error_summary(page)[0]
    statuses = session.scalars(
        select(ChecklistChange.new_value).where(ChecklistChange.field == "status")
    ).all()
    assert statuses == ["met"]


def test_accepting_a_finding_over_an_answer_saved_since_the_page_was_read_is_refused(
    app, client, session
):
    world, head = setup(app)
    check = WebsiteCheck(
        school_id=world.school_a.id, url="https://school.example", status="completed"
    )
    check.findings = [WebsiteFinding(code="S1-06", result="found", snippet="Our SENCO")]
    session.add(check)
    session.flush()
    answer(head, world, "S1-06", status="not_met", version="", note="checked by hand")
    head.post(world.report_url("items/S1-06/accept"), {"version": ""}, status=302)
    assert "Someone else changed this item" in normalised_text(head.get(world.report_url("")))
    head.post(world.report_url("items/S1-06/accept"), {"version": "1"}, status=302)
    statuses = session.scalars(
        select(ChecklistChange.new_value).where(ChecklistChange.field == "status")
    ).all()
    assert statuses == ["not_met", "met"]


def test_bad_evidence_is_refused_with_a_clear_message(app, client):
    world, head = setup(app)
    page = answer(head, world, "S1-01", expect=200, evidence_url="file:///etc/passwd")
    assert error_summary(page) == ["Enter the evidence as a full web address starting https://"]
    page = answer(head, world, "S1-01", expect=200, status="sort of")
    assert error_summary(page) == ["Select met, partly met, not met or not applicable"]


def test_accepting_the_checkers_finding_sets_the_answer_with_its_evidence(app, client, session):
    world, head = setup(app)
    check = WebsiteCheck(
        school_id=world.school_a.id, url="https://school.example", status="completed"
    )
    check.findings = [
        WebsiteFinding(
            code="S1-04",
            result="found",
            evidence_url="https://school.example/report.pdf",
            pdf_page=3,
            snippet="SENCO: Ms Shah",
        ),
        WebsiteFinding(code="LO-01", result="unsure", snippet="Local Offer"),
    ]
    session.add(check)
    session.flush()
    head.post(world.report_url("items/S1-04/accept"), status=302)
    text = normalised_text(head.get(world.report_url("")))
    assert "3%" in text  # 1 of 33 met
    head.post(world.report_url("items/LO-01/accept"), status=302)
    assert "choose met, partly met or not met yourself" in normalised_text(
        head.get(world.report_url(""))
    )


def test_a_school_website_is_checked_at_most_once_an_hour(app, client):
    world, head = setup(app)
    head.post(world.report_url("check"), status=302)
    head.post(world.report_url("check"), status=302)
    assert "checked at most once an hour" in normalised_text(head.get(world.report_url("")))


def test_the_audit_statutory_duties_standard_shows_the_checklist_result(app, client, session):
    world, head = setup(app)
    answer(head, world, "S1-01")
    standard = world.audit.framework.areas[0].standards[0]
    standard.evidence_source = "send-information-report"
    session.flush()
    slug = world.audit.academic_year.label.replace("/", "-")
    page = head.get(f"/schools/{world.school_a.urn}/audits/{slug}/standards/{standard.code}")
    assert (
        "From your SEND Information Report checklist: 3% of items met (1 of 33)"
        in normalised_text(page)
    )


def test_last_years_answers_are_compared_item_by_item(app, client, session):
    world, head = setup(app)
    last = AcademicYearFactory(
        label="2025/26", start_date=date(2025, 9, 1), end_date=date(2026, 8, 31), is_current=False
    )
    from inclusion.send_report import checklists

    with app.test_request_context():
        version = checklists.version_for(world.audit.academic_year)
        old = checklists.Checklist(
            school_id=world.school_a.id, academic_year_id=last.id, version_id=version.id
        )
        session.add(old)
        session.flush()
        item = checklists.item_in(old, "S1-13")
        checklists.save_answer(
            old, item, checklists.ItemAnswer("not_met"), None, world.people["head_a"]
        )
    answer(head, world, "S1-13")
    text = normalised_text(head.get(world.report_url("")))
    assert "S1-13 Where the council's Local Offer is published: Not met last year, met now" in text
