"""The governors' report: a one-page PDF whose text, read back, holds the board's figures."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from inclusion.area_partnerships.suppression import suppress_table
from inclusion.audit import lifecycle, plan
from inclusion.audit.governors_pdf import html_to_pdf
from inclusion.audit.models import Audit, AuditEvent
from inclusion.audit.statuses import ActionStatus
from inclusion.auth.roles import Role
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.security.models import SecurityEvent
from tests.area_partnerships.kpi_factories import (
    ChecklistAnswerFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ChecklistVersionFactory,
)
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.schools.factories import SchoolFactory

LAST_YEAR = {"LG1": 1, "LG2": 1, "CI-U1": 1, "CI-U2": 1, "CI-U3": 1}
THIS_YEAR = ALL_ESTABLISHED | {"LG1": 3, "LG2": 3}


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def signed_off(app, world, year, ratings) -> Audit:
    audit = begin(app, world, year)
    answer_all(app, audit, world.senco, ratings)
    with app.test_request_context():
        lifecycle.submit(audit, world.senco)
        lifecycle.sign_off(audit, world.head)
    return audit


@pytest.fixture
def two_years(app, world, session) -> Audit:
    signed_off(app, world, world.last_year, LAST_YEAR)
    audit = signed_off(app, world, world.year, THIS_YEAR)
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.audit_id == audit.id, AuditEvent.event == "signed_off")
    )
    event.at = datetime(2026, 3, 10, 16, 45, tzinfo=UTC)  # 4:45pm GMT
    session.flush()
    return audit


def download(app, user, world) -> bytes:
    response = PageClient(app, user).raw("GET", world.url("governors-report.pdf"))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


def test_the_pdf_compares_this_year_with_last_and_says_who_signed_off_when(app, world, two_years):
    pages, text = pdf_text(download(app, world.head, world))
    assert pages == 1
    assert f"Governors' report: {world.school.name}, 2025/26" in text
    assert f"Signed off by {world.head.display_name} on 10 March 2026 at 4:45pm." in text
    # Overall: this year (3 + 2 + 2) / 3; last year two sections at 1.
    assert "Overall: 2.33 out of 3 (2024/25: 1.00)." in text
    assert "Leadership and governance Embedded 3.00 Emerging 1.00" in text
    assert "Communication and interaction: Universal Established 2.00 Emerging 1.00" in text
    assert "Statutory duties Established 2.00 No result -" in text


def test_the_pdf_lists_open_actions_with_owners_and_dates_but_not_done_ones(app, world, two_years):
    with app.test_request_context():
        for text, owner, due, status in (
            ("Brief the governors", "Ms Patel", date(2026, 5, 20), ActionStatus.IN_PROGRESS),
            ("Buy visual timetables", "", None, ActionStatus.NOT_STARTED),
            ("Finished already", "Mr Done", date(2026, 1, 5), ActionStatus.DONE),
        ):
            plan.add_action(two_years, plan.ActionChange(text, owner, due, status))
    _, text = pdf_text(download(app, world.senco, world))
    assert "Brief the governors Ms Patel 20 May 2026 In progress" in text
    assert "Buy visual timetables No owner No date Not started" in text
    assert "Finished already" not in text


def test_the_pdf_gives_the_send_information_report_compliance(app, world, two_years):
    version = ChecklistVersionFactory(academic_year=world.year)
    items = [
        ChecklistItemFactory(version=version, code=code, title=title)
        for code, title in (
            ("S1-01", "The report is published"),
            ("S1-02", "Identification and assessment"),
            ("S1-05", "The SENCO's contact details"),
        )
    ]
    checklist = ChecklistFactory(school=world.school, version=version)
    for item, status in zip(items, ("met", "met", "not_met"), strict=True):
        ChecklistAnswerFactory(checklist_id=checklist.id, item_id=item.id, status=status)
    _, text = pdf_text(download(app, world.head, world))
    assert "2 of 3 requirements met (67%): not yet fully compliant." in text
    assert "Still to meet: The SENCO's contact details." in text


def suspension(world, sen: str, on: date, pupil: str) -> ExclusionIncident:
    return ExclusionIncident(
        school_id=world.school.id,
        pupil_ref=pupil,
        year_group="8",
        sen_status=sen,
        kind="suspension",
        start_date=on,
        sessions=2,
        reasons=["DB"],
    )


def timetable(world, sen: str, start: date, end: date | None, pupil: str) -> PartTimeTimetable:
    return PartTimeTimetable(
        school_id=world.school.id,
        pupil_ref=pupil,
        year_group="4",
        sen_status=sen,
        reason="medical",
        start_date=start,
        actual_end_date=end,
        hours_per_week=Decimal("15"),
    )


def test_suspensions_and_timetables_by_term_and_sen_status_are_suppressed_as_published(
    app, world, two_years, session
):
    autumn, spring = date(2025, 10, 6), date(2026, 2, 2)
    session.add_all(
        [suspension(world, "sen_support", autumn, f"S{n}") for n in range(7)]
        + [suspension(world, "ehc_plan", autumn, "E1"), suspension(world, "none", spring, "N1")]
        + [suspension(world, "none", spring, f"N{n}") for n in range(2, 8)]
        + [timetable(world, "ehc_plan", autumn, None, f"T{n}") for n in range(6)]
        + [timetable(world, "sen_support", autumn, date(2025, 11, 1), "T9")]
    )
    session.flush()
    page = PageClient(app, world.head).get(world.url("governors-report"))

    def shown(table: str) -> list[list[str]]:
        return [
            [cell.get_text(strip=True) for cell in row.select("th, td")]
            for row in page.select(f"#{table} tbody tr")
        ]

    def published(counts: list[list[int]], row_totals: bool) -> list[list[str]]:
        table = suppress_table(counts, 5, row_totals=row_totals, column_totals=True)
        labels = ["No SEN", "SEN support", "EHC plan", "All pupils"]
        return [[label, *map(str, row)] for label, row in zip(labels, table.as_rows(), strict=True)]

    # Rows: no SEN, SEN support, EHC plan; columns: autumn, spring, summer.
    suspensions = published([[0, 7, 0], [7, 0, 0], [1, 0, 0]], row_totals=True)
    assert shown("suspensions") == suspensions
    assert suspensions[2][1] == suspensions[2][4] == "c"  # one EHC plan pupil: hidden
    assert suspensions[3] == ["All pupils", "8", "7", "0", "15"]  # true totals, shown
    # Six EHC plan timetables run all year; the one SEN support timetable ended in autumn.
    timetables = published([[0, 0, 0], [1, 0, 0], [6, 6, 6]], row_totals=False)
    assert shown("timetables") == timetables
    assert timetables[1:] == [
        ["SEN support", "c", "0", "0"],
        ["EHC plan", "c", "6", "6"],
        ["All pupils", "7", "6", "6"],
    ]
    pdf = normalised_text_of_pdf(download(app, world.head, world))
    for row in suspensions + timetables:
        assert " ".join(row) in pdf


def normalised_text_of_pdf(data: bytes) -> str:
    return pdf_text(data)[1]


def test_a_report_before_sign_off_says_it_is_not_signed_off(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    with app.test_request_context():
        lifecycle.submit(audit, world.senco)
    _, text = pdf_text(download(app, world.adviser, world))
    assert "Not yet signed off by the headteacher: these results are as submitted." in text
    assert "(no earlier audit to compare)" in text


def test_each_download_is_logged_with_the_school_and_year(app, world, two_years, session):
    download(app, world.adviser, world)
    logged = session.scalars(
        select(SecurityEvent).where(SecurityEvent.kind == "data_exported")
    ).all()
    assert [(e.user_id, e.detail) for e in logged] == [
        (
            world.adviser.id,
            {"what": "governors' report (PDF)", "school": world.school.urn, "year": "2025/26"},
        )
    ]


def test_an_administrator_and_another_schools_head_cannot_download_it(app, world, two_years):
    client = PageClient(app, world.admin)
    page = client.get(world.url("governors-report.pdf"), status=403)
    assert "can download the governors' report" in normalised_text(page)
    stranger = UserFactory.with_role(Role.HEADTEACHER, school=SchoolFactory())
    PageClient(app, stranger).get(world.url("governors-report.pdf"), status=404)


def test_the_results_page_links_the_report_for_those_who_may_have_it(app, world, two_years):
    link = f'a[href="{world.url("governors-report.pdf")}"]'
    assert PageClient(app, world.head).get(world.url("results")).select_one(link)
    assert PageClient(app, world.admin).get(world.url("results")).select_one(link) is None


def test_a_long_action_plan_is_cut_short_so_the_report_stays_within_two_pages(
    app, world, two_years
):
    with app.test_request_context():
        for number in range(30):
            change = plan.ActionChange(
                f"Action number {number:02d}: " + "a longer description of the work " * 3,
                "Ms Patel",
                date(2026, 6, 1),
                ActionStatus.NOT_STARTED,
            )
            plan.add_action(two_years, change)
    pages, text = pdf_text(download(app, world.head, world))
    assert pages <= 2
    assert "Action number 11" in text
    assert "Action number 12" not in text
    assert "more in the action plan." in text


def test_the_pdf_renderer_fetches_no_file_named_in_the_html(tmp_path):
    """Defence in depth: even HTML naming a local file never makes WeasyPrint read it."""
    picture = tmp_path / "secret.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    html = f'<html lang="en"><body><p>Before</p><img src="{picture.as_uri()}" alt=""></body></html>'
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    assert "Before" in reader.pages[0].extract_text()
    assert list(reader.pages[0].images) == []
