"""Preparing for the audit: the start page says what lies ahead, and the questions can be
read, printed and downloaded (read back with openpyxl) before anyone starts."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from inclusion.extensions import db
from inclusion.schools.phases import Phase
from inclusion.uk_time import format_date, uk_today
from tests.audit.conftest import answer_all, begin
from tests.audit.test_results import LAST_YEAR, submit_for
from tests.pages import PageClient, normalised_text, page_title
from tests.queries import counting_queries

SECTIONS = [
    "Leadership and governance",
    "Communication and interaction: Universal",
    "Statutory duties",
]


def test_the_start_page_counts_standards_and_sections_and_says_when_it_is_due(app, world):
    world.year.audit_due_on = uk_today() + timedelta(days=20)
    db.session.flush()
    page = PageClient(app, world.senco).get(world.url())
    ahead = normalised_text(page.select_one("#what-lies-ahead"))
    assert "There are 8 standards to rate, in 3 sections." in ahead
    assert "Allow 1 to 2 hours to rate them" in ahead
    assert f"It is due on {format_date(world.year.audit_due_on)}." in ahead
    assert "the headteacher reads it and signs it off" in ahead
    assert "inclusion adviser then reviews it" in ahead
    assert page_title(page) == f"Inclusion Audit 2025/26: {world.school.name}"
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a.govuk-link")}
    assert links["Read or print the questions"].endswith("/audits/2025-26/questions")
    assert links["Download the questions as a spreadsheet (XLSX)"].endswith("/questions.xlsx")


def test_standards_that_do_not_bind_the_kind_of_setting_are_left_out_of_the_count(app, world):
    world.school.phase = Phase.SPECIAL.value  # SD2 binds mainstream and nursery schools only
    db.session.flush()
    page = PageClient(app, world.head).get(world.url())
    ahead = normalised_text(page.select_one("#what-lies-ahead"))
    assert "There are 7 standards to rate, in 3 sections. 1 more does not apply" in ahead
    assert "The council has not set a due date yet." in ahead
    questions = PageClient(app, world.head).get(world.url("questions"))
    assert questions.select_one("#question-SD2") is None
    assert questions.select_one("#question-SD3") is not None


def test_the_print_view_has_a_page_per_section_with_wording_scale_and_evidence(app, world):
    page = PageClient(app, world.senco).get(world.url("questions"))
    sections = page.select("section.app-print-section")
    assert [normalised_text(s.h2) for s in sections] == SECTIONS
    assert [q["id"] for q in sections[0].select(".app-print-question")] == [
        "question-LG1",
        "question-LG2",
    ]
    lg1 = page.select_one("#question-LG1")
    assert normalised_text(lg1.h3) == "LG1: Governors know their SEND duties (statutory)"
    text = normalised_text(lg1)
    assert "Governors can explain the duties and check them." in text
    for label, meaning in (("Not yet in place", "No"), ("Embedded", "Fully")):
        assert f"{label} {meaning}" in text
    assert "Evidence you could point to: Minutes" in text
    assert lg1.select_one(".app-last-year") is None  # no audit last year
    assert (
        page_title(page) == f"Questions to prepare - Inclusion Audit 2025/26: {world.school.name}"
    )


def test_the_print_view_shows_last_years_rating_where_the_school_had_one(app, world):
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    page = PageClient(app, world.senco).get(world.url("questions"))
    last_year = page.select_one("#question-LG1 .app-last-year")
    assert normalised_text(last_year) == "Last year you rated this: Emerging ."
    assert page.select_one("#question-CI-U4 .app-last-year") is None  # new this year


def test_the_print_stylesheet_starts_each_section_on_a_new_page(app):
    css = (app.static_folder + "/dist/app.css").replace("//", "/")
    with open(css, encoding="utf-8") as built:
        text = "".join(built.read().split())
    assert ".app-print-section{break-before:page" in text


def test_the_spreadsheet_lists_every_question_with_blank_columns_for_a_draft(app, world):
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    world.year.audit_due_on = uk_today() + timedelta(days=5)
    db.session.flush()
    client = PageClient(app, world.head)
    response = client.raw("GET", world.url("questions.xlsx"))
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["About", "Questions"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Standards to rate"] == 8
    assert about["Sections"] == 3
    assert about["Due date"] == format_date(world.year.audit_due_on)
    rows = list(book["Questions"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Section", "Code", "Standard")
    assert header[-2:] == ("Draft rating", "Draft evidence and notes")
    by_code = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert list(by_code) == ["LG1", "LG2", "CI-U1", "CI-U2", "CI-U4", "SD1", "SD2", "SD3"]
    lg1 = by_code["LG1"]
    assert lg1["Section"] == "Leadership and governance"
    assert lg1["Statutory"] == "Yes"
    assert "Embedded: Fully" in lg1["Rating scale"]
    assert lg1["Evidence you could point to"] == "Minutes"
    assert lg1["Last year's rating"] == "Emerging"
    assert lg1["Draft rating"] is None
    assert by_code["CI-U4"]["Last year's rating"] is None


def test_the_questions_can_be_read_after_the_audit_has_started_too(app, world):
    begin(app, world)
    task_list = PageClient(app, world.senco).get(world.url())
    hrefs = [a["href"] for a in task_list.select("main a.govuk-link")]
    assert any(href.endswith("/questions") for href in hrefs)
    PageClient(app, world.adviser).get(world.url("questions"))


def test_the_print_view_issues_the_same_queries_however_many_standards(app, world):
    client = PageClient(app, world.senco)
    last_year_url = world.url("questions", world.last_year)  # 5 standards, nothing before it
    client.get(last_year_url)
    with counting_queries(app) as few:
        client.get(last_year_url)
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    client.get(world.url("questions"))
    with counting_queries(app) as many:
        client.get(world.url("questions"))  # 8 standards, with last year's ratings
    assert many.count == few.count
