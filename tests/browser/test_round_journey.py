"""The annual round in a real browser, with the email read back from a real SMTP server on
loopback: a SENCO sees the due date, completes and submits a small audit; the headteacher
receives the sign-off email, follows its link and signs off; the adviser finds the audit in
their worklist and marks it reviewed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.sign_off import DECLARATION
from inclusion.extensions import db
from inclusion.round.window import WindowDates, set_window
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.services import move_school, partnership_by_code
from inclusion.seeding import DEMO_PASSWORD, demo_users
from inclusion.uk_time import format_date, uk_today
from tests.browser.axe import assert_accessible
from tests.browser.mail_site import mail_site as own_mail_site
from tests.browser.test_audit_journey import (
    COMMUNICATION,
    FRAMEWORK_YAML,
    LEADERSHIP,
    heading,
    sign_in,
    sign_out,
)
from tests.notifications.servers import SmtpServer

SIGN_OFF_LINK = re.compile(r"https?://[^/\s]+(/schools/\d+/audits/[\d-]+/sign-off)")
DUE_IN_DAYS = 10


@pytest.fixture(scope="module")
def mail_server() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def round_site(mail_server: SmtpServer, tmp_path_factory) -> Iterator[tuple[str, dict]]:
    """The portal sending through SMTP from its worker thread; this year's audit is due in
    ten days; the demo SENCO's school is in the demo adviser's partnership."""
    folder = tmp_path_factory.mktemp("round-framework")
    with own_mail_site("round", mail_server, lambda: _prepare_the_round(folder)) as site:
        yield site[0], site[2]


def _prepare_the_round(folder) -> dict:
    year = db.session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    path = folder / "framework.yaml"
    path.write_text(
        FRAMEWORK_YAML.format(year=year.label, leadership=LEADERSHIP, communication=COMMUNICATION),
        encoding="utf-8",
    )
    load_framework_file(path)
    today = uk_today()
    due = today + timedelta(days=DUE_IN_DAYS)
    set_window(year, WindowDates(today - timedelta(days=5), due, None, None))
    accounts = {a.email: a for a in demo_users()}
    school = db.session.scalar(
        select(School).where(School.urn == accounts["senco@demo.example.org"].scope)
    )
    partnership = partnership_by_code(accounts["adviser@demo.example.org"].scope)
    move_school(school, partnership, year)
    return {
        "urn": school.urn,
        "name": school.name,
        "slug": year.label.replace("/", "-"),
        "due": format_date(due),
    }


@pytest.fixture
def site_page(browser: Browser, round_site) -> Iterator[Page]:
    context = browser.new_context(base_url=round_site[0])
    yield context.new_page()
    context.close()


def answer(page: Page, code_and_title: str, area: str, rating: str) -> None:
    page.get_by_role("link", name=area).click()
    page.get_by_role("link", name=code_and_title).click()
    page.locator(f'input[name="rating"][value="{rating}"]').check()
    page.locator("#evidence").fill("Minutes and learning walk notes from this term.")
    page.locator('button[name="then"][value="later"]').click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your answer has been saved")


def test_a_senco_submits_the_head_signs_off_from_the_email_and_the_adviser_reviews(
    site_page: Page, browser: Browser, round_site, mail_server: SmtpServer
) -> None:
    url, facts = round_site
    page = site_page
    sign_in(page, "senco@demo.example.org")
    expect(page.locator("#audit-deadline")).to_contain_text(
        f"Due on {facts['due']}: {DUE_IN_DAYS} days left"
    )
    assert_accessible(page)

    page.goto(f"/schools/{facts['urn']}/audits/{facts['slug']}/")
    expect(heading(page)).to_have_text("Inclusion Audit")
    expect(page.get_by_text("There are 3 standards to rate, in 2 sections.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the").click()
    expect(page.get_by_text("You have answered 0 of 3 standards")).to_be_visible()
    answer(page, "LG1: Governors know their SEND duties", LEADERSHIP, "2")
    answer(page, "LG2: Leaders model inclusion", LEADERSHIP, "3")
    answer(page, "CI-U1: Visual supports in every classroom", COMMUNICATION, "2")
    expect(page.get_by_text("You have answered 3 of 3 standards")).to_be_visible()
    page.goto(f"/schools/{facts['urn']}/audits/{facts['slug']}/check")
    page.get_by_role("button", name="Submit the audit").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Audit submitted")
    sign_out(page)

    [message] = mail_server.wait_for("head@demo.example.org")
    subject = " ".join(str(message.message["Subject"]).split())  # unfold a long header
    assert subject == f"{facts['name']}'s Inclusion Audit is ready for you to sign off"
    path = SIGN_OFF_LINK.search(message.body).group(1)
    head = browser.new_context(base_url=url).new_page()
    head.goto(path)
    expect(heading(head)).to_have_text("Sign in")
    head.get_by_label("Email address").fill("head@demo.example.org")
    head.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    head.get_by_role("button", name="Sign in").click()
    expect(heading(head)).to_have_text("Sign off the audit")
    assert_accessible(head)
    head.get_by_label("Sign off the audit", exact=True).check()
    head.get_by_label(DECLARATION).check()
    head.get_by_role("button", name="Confirm").click()
    expect(head.locator("main .govuk-tag").first).to_have_text("Signed off")
    head.context.close()

    mail_server.wait_for("adviser@demo.example.org")
    sign_in(page, "adviser@demo.example.org")
    item = page.locator("#worklist").get_by_role(
        "link", name=f"{facts['name']}'s audit is signed off and waiting for your review"
    )
    expect(item).to_be_visible()
    assert_accessible(page)
    item.click()
    expect(heading(page)).to_have_text("Inclusion Audit")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Reviewed")
    assert_accessible(page)
    page.goto("/dashboard")
    expect(page.locator("#worklist").get_by_text(facts["name"])).to_have_count(0)
