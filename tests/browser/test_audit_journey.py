"""Completing, submitting and signing off an Inclusion Audit in a real browser, accessibly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.sign_off import DECLARATION
from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.passwords import hash_password
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.seeding import DEMO_PASSWORD, DemoUser, demo_users
from tests.browser.axe import assert_accessible

SENCO_EMAIL = "senco@demo.example.org"
HEAD_EMAIL = "head@demo.example.org"
OTHER_SENCO_EMAIL = "senco2@demo.example.org"
MAX_TABS = 80
LEADERSHIP = "Leadership and governance"
COMMUNICATION = "Communication and interaction: Universal"
FRAMEWORK_YAML = """\
framework:
  code: browser-test-standards
  name: "Browser test framework"
  academic_year: "{year}"
  version: 1
  rating_scale:
    - {{value: 0, label: "Not yet in place"}}
    - {{value: 1, label: "Emerging"}}
    - {{value: 2, label: "Established"}}
    - {{value: 3, label: "Embedded"}}
  not_applicable_label: "Not applicable"
  statutory_gate: {{statutory_rating_at_or_below: 0, caps_area_at: 1}}
  rag_bands:
    - {{band: red, label: "Priority for improvement", below: 1.0}}
    - {{band: amber, label: "Developing", below: 2.0}}
    - {{band: green, label: "Secure"}}
training_topics:
  - {{code: send-law, title: "SEND law"}}
  - {{code: autism-practice, title: "Autism practice"}}
areas:
  - code: LG
    title: "{leadership}"
    kind: whole-school
    standards:
      - code: LG1
        title: "Governors know their SEND duties"
        guidance: "Governors can explain the duties and check them."
        descriptors: {{0: "No", 1: "Starting", 2: "Mostly", 3: "Fully"}}
        evidence_prompts: ["Minutes"]
        statutory: true
        training_topics: [send-law]
        suggested_action: "Brief governors on their SEND duties."
      - code: LG2
        title: "Leaders model inclusion"
        guidance: "Leaders talk about and act on inclusion."
        descriptors: {{0: "No", 1: "Starting", 2: "Mostly", 3: "Fully"}}
        evidence_prompts: ["Development plan"]
        training_topics: [autism-practice]
        suggested_action: "Put inclusion in the development plan."
  - code: CI-U
    title: "{communication}"
    kind: area-of-need
    need: communication-interaction
    level: universal
    standards:
      - code: CI-U1
        title: "Visual supports in every classroom"
        guidance: "Visual timetables and prompts are used routinely."
        descriptors: {{0: "No", 1: "Starting", 2: "Mostly", 3: "Fully"}}
        evidence_prompts: ["Learning walk notes"]
        allows_not_applicable: true
        training_topics: [autism-practice]
        suggested_action: "Introduce visual timetables."
"""


@dataclass(frozen=True)
class AuditYear:
    label: str  # 2026/27

    @property
    def slug(self) -> str:
        return self.label.replace("/", "-")


@pytest.fixture(scope="module")
def audit_year(live_app: Flask, tmp_path_factory: pytest.TempPathFactory) -> AuditYear:
    """A three-standard framework for the current academic year, in the live server's database."""
    with live_app.app_context():
        label = db.session.scalar(select(AcademicYear.label).where(AcademicYear.is_current))
        assert label is not None, "the seeded reference data has no current academic year"
        path = tmp_path_factory.mktemp("frameworks") / f"{label.replace('/', '-')}.yaml"
        path.write_text(
            FRAMEWORK_YAML.format(year=label, leadership=LEADERSHIP, communication=COMMUNICATION),
            encoding="utf-8",
        )
        report = load_framework_file(Path(path))
        assert report.standards == 3
        db.session.remove()
    return AuditYear(label)


def demo_account(accounts: list[DemoUser], email: str) -> DemoUser:
    return next(account for account in accounts if account.email == email)


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Your dashboard")


def sign_out(page: Page) -> None:
    page.locator(".govuk-service-navigation").get_by_role("button", name="Sign out").click()
    expect(heading(page)).to_have_text("Sign in")


def open_audit_from_dashboard(page: Page, account: DemoUser, year: AuditYear) -> None:
    page.locator(f'main a[href="/schools/{account.scope}"]').click()
    page.get_by_role("link", name=f"{year.label} Inclusion Audit").click()
    expect(heading(page)).to_have_text("Inclusion Audit")


def start_audit(page: Page, year: AuditYear) -> None:
    page.get_by_role("button", name=f"Start the {year.label} audit").click()
    expect(page.get_by_text("You have answered 0 of 3 standards")).to_be_visible()


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def tab_to(page: Page, selector: str) -> None:
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} never received focus after {MAX_TABS} presses of Tab")


def choose_rating_by_keyboard(page: Page, arrow: str, presses: int) -> None:
    """Tab into the rating radios, select the first with Space, then move with the arrow keys."""
    tab_to(page, 'input[name="rating"]')
    page.keyboard.press("Space")
    for _ in range(presses):
        page.keyboard.press(arrow)


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def press_button_by_keyboard(page: Page, then: str) -> None:
    tab_to(page, f'button[name="then"][value="{then}"]')
    page.keyboard.press("Enter")


def checked_rating(page: Page) -> Locator:
    return page.locator('input[name="rating"]:checked')


def test_a_senco_answers_by_keyboard_resumes_submits_and_the_headteacher_signs_off(
    page: Page, demo_accounts: list[DemoUser], audit_year: AuditYear
) -> None:
    senco = demo_account(demo_accounts, SENCO_EMAIL)
    sign_in(page, SENCO_EMAIL)
    open_audit_from_dashboard(page, senco, audit_year)
    assert_accessible(page)
    start_audit(page, audit_year)
    assert_accessible(page)

    page.get_by_role("link", name=LEADERSHIP).click()
    expect(heading(page)).to_have_text(LEADERSHIP)
    assert_accessible(page)
    page.get_by_role("link", name="LG1: Governors know their SEND duties").click()
    expect(heading(page)).to_have_text("Governors know their SEND duties")
    assert_accessible(page)

    choose_rating_by_keyboard(page, "ArrowDown", 2)
    expect(checked_rating(page)).to_have_value("2")
    type_into(page, "#evidence", "Governor minutes from March show the SEND duties briefing.")
    press_button_by_keyboard(page, "continue")
    expect(heading(page)).to_have_text("Leaders model inclusion")

    press_button_by_keyboard(page, "continue")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a rating")
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    choose_rating_by_keyboard(page, "ArrowDown", 1)
    expect(checked_rating(page)).to_have_value("1")
    press_button_by_keyboard(page, "later")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your answer has been saved")
    expect(page.get_by_text("You have answered 2 of 3 standards")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, SENCO_EMAIL)
    open_audit_from_dashboard(page, senco, audit_year)
    expect(page.get_by_text("You have answered 2 of 3 standards")).to_be_visible()
    page.get_by_role("link", name=COMMUNICATION).click()
    page.get_by_role("link", name="CI-U1: Visual supports in every classroom").click()
    expect(heading(page)).to_have_text("Visual supports in every classroom")

    choose_rating_by_keyboard(page, "ArrowUp", 1)
    expect(checked_rating(page)).to_have_value("na")
    type_into(page, "#not_applicable_reason", "The school has no classrooms of its own.")
    assert_accessible(page)
    press_button_by_keyboard(page, "continue")

    expect(heading(page)).to_have_text("Check your answers")
    expect(page.locator(".govuk-summary-list")).to_have_count(2)
    assert_accessible(page)
    page.get_by_role("button", name="Submit the audit").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Audit submitted")
    assert_accessible(page)

    page.get_by_role("link", name="Review your action plan").click()
    expect(heading(page)).to_have_text("Action plan")
    expect(page.get_by_role("cell", name="LG2", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Training needs").click()
    expect(heading(page)).to_have_text("Training needs")
    expect(page.locator("main ul.govuk-list--bullet")).to_contain_text("Autism practice")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, HEAD_EMAIL)
    open_audit_from_dashboard(page, senco, audit_year)
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted")
    page.get_by_role("link", name="Sign off or return the audit").click()
    expect(heading(page)).to_have_text("Sign off the audit")
    assert_accessible(page)
    page.get_by_label("Sign off the audit", exact=True).check()
    page.get_by_label(DECLARATION).check()
    page.get_by_role("button", name="Confirm").click()

    expect(heading(page)).to_have_text("Inclusion Audit")
    expect(page.locator("main .govuk-tag").first).to_have_text("Signed off")
    assert_accessible(page)
    page.get_by_role("navigation", name="Audit pages").get_by_role("link", name="Results").click()
    expect(heading(page)).to_have_text("Audit results")
    results = page.locator("table.app-results-table")
    for section in (LEADERSHIP, COMMUNICATION):
        expect(results.get_by_role("rowheader", name=section)).to_be_visible()
    assert_accessible(page)


def test_an_answer_saves_itself_as_the_senco_types_and_survives_a_reload(
    page: Page, demo_accounts: list[DemoUser], audit_year: AuditYear
) -> None:
    senco = demo_account(demo_accounts, OTHER_SENCO_EMAIL)
    evidence = "Inclusion is the first priority in this year's development plan."
    sign_in(page, OTHER_SENCO_EMAIL)
    open_audit_from_dashboard(page, senco, audit_year)
    start_audit(page, audit_year)
    page.goto(f"/schools/{senco.scope}/audits/{audit_year.slug}/standards/LG2")
    expect(heading(page)).to_have_text("Leaders model inclusion")

    page.get_by_label("Established", exact=True).check()
    page.get_by_label("Evidence", exact=True).fill(evidence)
    status = page.locator(".app-autosave-status")
    expect(status).to_have_text(re.compile(r"^Saved automatically at "), timeout=10_000)
    assert_accessible(page)

    page.reload()
    expect(page.get_by_label("Evidence", exact=True)).to_have_value(evidence)
    expect(checked_rating(page)).to_have_value("2")
    expect(page.get_by_text(re.compile(r"^Last saved "))).to_be_visible()


@pytest.fixture
def third_senco(live_app: Flask) -> DemoUser:
    """A SENCO of a school no other journey uses, with the demo password."""
    with live_app.app_context():
        taken = {account.scope for account in demo_users() if account.scope}
        school = db.session.scalars(
            select(School).where(School.is_open, School.urn.not_in(taken)).order_by(School.urn)
        ).first()
        email = "senco3@demo.example.org"
        if db.session.scalar(select(User).where(User.email == email)) is None:
            person = User(
                email=email, display_name="Sol Senco", password_hash=hash_password(DEMO_PASSWORD)
            )
            person.roles.append(RoleAssignment(role=Role.SENCO.value, school=school))
            db.session.add(person)
            db.session.commit()
        account = DemoUser(email, "Sol Senco", Role.SENCO, school.urn)
        db.session.remove()
    return account


def prepare_with_the_questions(page: Page, tmp_path: Path) -> None:
    """The start page says what lies ahead; the questions print a section a page and
    download as a spreadsheet that opens."""
    ahead = page.locator("#what-lies-ahead")
    expect(ahead).to_contain_text("There are 3 standards to rate, in 2 sections.")
    expect(ahead).to_contain_text("the headteacher reads it and signs it off")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the questions as a spreadsheet (XLSX)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    rows = list(load_workbook(saved)["Questions"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["LG1", "LG2", "CI-U1"]

    page.get_by_role("link", name="Read or print the questions").click()
    expect(heading(page)).to_have_text("Questions to prepare")
    sections = page.locator("section.app-print-section")
    expect(sections).to_have_count(2)
    expect(page.locator("#question-LG1")).to_contain_text("Governors know their SEND duties")
    assert_accessible(page)
    page.emulate_media(media="print")
    breaks = sections.evaluate_all("all => all.map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["page", "page"]
    expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
    page.emulate_media(media="screen")
    page.go_back()
    expect(heading(page)).to_have_text("Inclusion Audit")


def test_a_senco_completes_a_section_and_lands_on_the_task_list(
    page: Page, audit_year: AuditYear, third_senco: DemoUser, tmp_path: Path
) -> None:
    sign_in(page, third_senco.email)
    open_audit_from_dashboard(page, third_senco, audit_year)
    prepare_with_the_questions(page, tmp_path)
    start_audit(page, audit_year)
    page.get_by_role("link", name=LEADERSHIP).click()
    page.get_by_role("link", name="LG1: Governors know their SEND duties").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text(f"Standard 1 of 2 in {LEADERSHIP}")
    page.get_by_label("Established", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    expect(heading(page)).to_have_text("Leaders model inclusion")
    expect(page.locator(".govuk-caption-l")).to_contain_text(f"Standard 2 of 2 in {LEADERSHIP}")
    pagination = page.get_by_role("navigation", name=f"Standards in {LEADERSHIP}")
    expect(pagination.get_by_role("link", name=re.compile("Previous standard"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Emerging", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    expect(heading(page)).to_have_text("Inclusion Audit")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text(f"Section complete: {LEADERSHIP}")
    expect(page.get_by_text("You have answered 2 of 3 standards")).to_be_visible()
    assert_accessible(page)
