"""Reviewing the website checker's proposal for the SEND Information Report, accessibly."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import func, select

from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.passwords import hash_password
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.seeding import DEMO_PASSWORD, SEEDS_DIR, DemoUser
from inclusion.send_report.checklist_files import load_checklist_file
from inclusion.send_report.models import Checklist, ChecklistItem
from tests.browser.axe import assert_accessible
from tests.send_report.checker.pdfwriter import pdf_from_source
from tests.send_report.checker.siteserver import SiteHTTPServer, start_server

HEAD_EMAIL = "head@demo.example.org"
CHECKER_DIR = Path(__file__).resolve().parents[1] / "send_report" / "checker"
FIXTURE_SITE = CHECKER_DIR / "sites" / "partly"
OFFER_SITE = CHECKER_DIR / "offer-site"
PERCENTAGE = re.compile(r"(\d+)% of items met \((\d+) of (\d+)\)")
ROWS_JS = """rows => rows.map(row => ({
    code: row.querySelector("th").innerText.split(":")[0].trim(),
    finding: row.querySelectorAll("td")[1].innerText.trim(),
    acceptable: row.querySelector("td button") !== null,
}))"""


@dataclass(frozen=True)
class ChecklistSetup:
    year: str  # 2026/27
    items: int
    site_url: str


@dataclass(frozen=True)
class Compliance:
    percentage: int
    met: int
    items: int


def serve(root: Path | None, substitutions: dict[str, str] | None = None) -> SiteHTTPServer:
    return start_server(root, substitutions)


def stop(server: SiteHTTPServer) -> None:
    server.shutdown()
    server.server_close()


def build_site(target: Path, substitutions: dict[str, str]) -> Path:
    """A copy of the fixture site with each *.pdf.txt turned into a real PDF."""
    shutil.copytree(FIXTURE_SITE, target, dirs_exist_ok=True)
    for source in target.rglob("*.pdf.txt"):
        pdf = source.with_name(source.name.removesuffix(".txt"))
        pdf.write_bytes(pdf_from_source(source.read_text(encoding="utf-8"), substitutions))
        source.unlink()
    return target


@pytest.fixture(scope="module")
def checklist_setup(
    live_app: Flask, demo_accounts: list[DemoUser], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ChecklistSetup]:
    """This year's checklist, the "partly" fixture site and a stand-in Local Offer, served
    on 127.0.0.1, with the headteacher's school pointing at the site."""
    offer = serve(OFFER_SITE)
    substitutions = {
        "{{LOCAL_OFFER}}": f"{offer.base_url}/local-offer",
        "{{BROKEN_LOCAL_OFFER}}": f"{offer.base_url}/broken-local-offer",
        "{{LOCAL_OFFER_HOST}}": offer.netloc,
    }
    site = serve(build_site(tmp_path_factory.mktemp("partly"), substitutions), substitutions)
    head = next(account for account in demo_accounts if account.email == HEAD_EMAIL)
    with live_app.app_context():
        year = db.session.scalar(select(AcademicYear.label).where(AcademicYear.is_current))
        assert year == "2026/27", f"the live database's current year is {year}"
        version = load_checklist_file(
            SEEDS_DIR / "send_report" / f"checklist-{year.replace('/', '-')}.yaml"
        )
        items = db.session.scalar(
            select(func.count(ChecklistItem.id)).where(ChecklistItem.version_id == version.id)
        )
        old_website = set_website(head.scope, f"{site.base_url}/")
    try:
        with pytest.MonkeyPatch.context() as patch:
            for key, value in {
                "WEBSITE_CHECK_ALLOW_LOOPBACK": True,
                "WEBSITE_CHECK_DELAY_SECONDS": 0,
                "LOCAL_OFFER_URL": f"{offer.base_url}/local-offer",
                "LOCAL_OFFER_HOSTS": offer.netloc,
            }.items():
                patch.setitem(live_app.config, key, value)
            yield ChecklistSetup(year=year, items=items, site_url=f"{site.base_url}/")
    finally:
        with live_app.app_context():
            set_website(head.scope, old_website)
        stop(site)
        stop(offer)


def set_website(urn: str | None, website: str | None) -> str | None:
    """Point the school at a website; the one it had before."""
    school = db.session.scalar(select(School).where(School.urn == urn))
    old, school.website = school.website, website
    db.session.commit()
    db.session.remove()
    return old


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def banner(page: Page) -> Locator:
    return page.locator(".govuk-notification-banner")


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Your dashboard")


def run_jobs(live_app: Flask) -> int:
    """The browser tests' app defers its jobs: run them here, as a worker would."""
    with live_app.app_context():
        ran = live_app.extensions["job_runner"].run_pending()
        db.session.remove()
    return ran


def compliance(page: Page) -> Compliance:
    text = page.locator("main p", has_text="of items met").inner_text()
    match = PERCENTAGE.search(text)
    assert match, f"no compliance figure in {text!r}"
    return Compliance(*(int(group) for group in match.groups()))


def expect_compliance(page: Page, met: int, items: int) -> None:
    expected = f"{round(100 * met / items)}% of items met ({met} of {items})"
    expect(page.locator("main p", has_text="of items met")).to_contain_text(expected)


def findings(page: Page) -> list[dict]:
    return page.locator("main table tbody tr").evaluate_all(ROWS_JS)


def item_row(page: Page, code: str) -> Locator:
    return page.locator("main table tbody tr").filter(
        has=page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(code)}:"))
    )


def test_a_headteacher_reviews_the_checkers_proposal_accepts_some_corrects_one_sees_the_percentage(
    page: Page,
    live_app: Flask,
    checklist_setup: ChecklistSetup,
) -> None:
    sign_in(page, HEAD_EMAIL)
    page.get_by_role("link", name="SEND Information Report and website", exact=True).click()
    expect(heading(page)).to_have_text("SEND Information Report")
    expect(page.get_by_text(f"The website {checklist_setup.site_url} has not been")).to_be_visible()
    assert_accessible(page)

    # Emails queued by earlier journeys (sign-off requests) go first, so the count is this check.
    run_jobs(live_app)
    page.get_by_role("button", name="Check the website now").click()
    expect(banner(page)).to_contain_text("The website check has started")
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    assert run_jobs(live_app) == 1
    page.reload()
    expect(page.locator("main")).to_contain_text(re.compile(r"Checked \d+ \w+ \d{4} at "))
    expect(page.get_by_text("The check's findings are a proposal")).to_be_visible()
    rows = findings(page)
    assert len(rows) == checklist_setup.items
    found = [row["code"] for row in rows if row["finding"].startswith("Found")]
    assert all(row["acceptable"] for row in rows if row["code"] in found)
    doubtful = [row["code"] for row in rows if row["finding"].startswith(("Not found", "Unsure"))]
    assert len(found) >= 2, rows
    assert doubtful, rows
    assert_accessible(page)

    before = compliance(page)
    assert before.items == checklist_setup.items
    for accepted, code in enumerate(found[:2], start=1):
        item_row(page, code).get_by_role("button", name=f"Accept the finding for {code}").click()
        expect(banner(page)).to_contain_text(f"{code}: the website check's finding is now your")
        expect(item_row(page, code).locator(".govuk-tag")).to_have_text("Met")
        expect_compliance(page, before.met + accepted, before.items)
    after_accepting = compliance(page)
    assert after_accepting.met == before.met + 2
    assert after_accepting.percentage == round(100 * (before.met + 2) / before.items)

    code = doubtful[0]
    item_row(page, code).get_by_role("link", name=re.compile(rf"^{re.escape(code)}:")).click()
    expect(page.locator(".govuk-caption-l")).to_contain_text(f"{code}:")
    expect(page.locator(".govuk-inset-text")).to_contain_text("The website check's finding:")
    assert_accessible(page)

    note = "The report covers this only in part: we are adding the missing detail this week."
    page.get_by_label("Partly met", exact=True).check()
    page.get_by_label("Note", exact=True).fill(note)
    page.get_by_label("Evidence web address (optional)").fill("not a url")
    page.get_by_role("button", name="Save and return to the checklist").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the evidence as a full web address starting https://")
    assert page.title().startswith("Error: ")
    expect(page.get_by_label("Partly met", exact=True)).to_be_checked()
    expect(page.get_by_label("Note", exact=True)).to_have_value(note)
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Evidence web address (optional)")).to_be_focused()

    page.get_by_label("Evidence web address (optional)").fill("")
    page.get_by_role("button", name="Save and return to the checklist").click()
    expect(heading(page)).to_have_text("SEND Information Report")
    expect(banner(page)).to_contain_text(f"{code} saved")
    expect(item_row(page, code).locator(".govuk-tag")).to_have_text("Partly met")
    assert compliance(page) == after_accepting  # partly met is not met
    assert_accessible(page)


CHECKLIST_SENCO = "checklist.senco@browser.example.org"


@pytest.fixture
def checklist_senco(live_app: Flask, demo_accounts: list[DemoUser]) -> str:
    """A SENCO of a school no demo person works at and whose checklist nobody has begun."""
    with live_app.app_context():
        if db.session.scalar(select(User).where(User.email == CHECKLIST_SENCO)) is None:
            taken = {account.scope for account in demo_accounts if account.scope}
            begun = select(Checklist.school_id)
            school = db.session.scalars(
                select(School)
                .where(School.is_open, School.urn.not_in(taken), School.id.not_in(begun))
                .order_by(School.urn)
                .offset(1)  # the first such school is the audit journey's
            ).first()
            person = User(
                email=CHECKLIST_SENCO,
                display_name="Cal Checklist-Senco",
                password_hash=hash_password(DEMO_PASSWORD),
            )
            person.roles.append(RoleAssignment(role=Role.SENCO.value, school=school))
            db.session.add(person)
            db.session.commit()
        db.session.remove()
    return CHECKLIST_SENCO


def caption(page: Page) -> Locator:
    return page.locator("#item-place")


def test_a_senco_saves_and_goes_to_the_next_item_through_the_checklist_and_prints_it(
    page: Page, checklist_setup: ChecklistSetup, checklist_senco: str
) -> None:
    sign_in(page, checklist_senco)
    standing = page.locator(".app-checklist-standing")
    expect(standing).to_contain_text("0 met, 0 not met")
    expect(standing).to_contain_text("Website check: not run yet.")
    page.get_by_role("link", name="SEND Information Report and website", exact=True).click()
    rows = page.locator("main table tbody tr")
    first = rows.first.get_by_role("rowheader").inner_text().split(":")[0]
    rows.first.get_by_role("link").click()
    expect(caption(page)).to_contain_text(re.compile(rf"^Item 1 of (\d+): {re.escape(first)}"))
    total = int(re.search(r"Item 1 of (\d+)", caption(page).inner_text()).group(1))
    assert_accessible(page)

    # By keyboard: Tab to the first answer, Space to choose it, Tab on to the button, Enter.
    page.locator("main").get_by_label("Met", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and next item").focus()
    page.keyboard.press("Enter")
    expect(banner(page)).to_contain_text(f"{first} saved")
    expect(caption(page)).to_contain_text(f"Item 2 of {total}")
    second = caption(page).inner_text().split(": ")[1]
    page.get_by_label("Not met", exact=True).check()
    page.get_by_role("button", name="Save and next item").click()
    expect(caption(page)).to_contain_text(f"Item 3 of {total}")
    assert_accessible(page)

    pagination = page.get_by_role("navigation", name="Checklist items")
    pagination.get_by_role("link", name=re.compile("Previous item")).click()
    expect(caption(page)).to_contain_text(f"Item 2 of {total}: {second}")
    expect(page.get_by_label("Not met", exact=True)).to_be_checked()

    page.get_by_role("link", name="Back to the checklist").click()
    last = rows.last.get_by_role("rowheader").inner_text().split(":")[0]
    rows.last.get_by_role("link").click()
    expect(caption(page)).to_contain_text(f"Item {total} of {total}: {last}")
    page.get_by_label("Met", exact=True).check()
    page.get_by_role("button", name="Save and finish").click()
    expect(heading(page)).to_have_text("SEND Information Report")
    expect(banner(page)).to_contain_text(f"{last} saved. {total - 3} items still to answer.")
    assert_accessible(page)

    page.get_by_role("link", name="Print the checklist with your answers").click()
    expect(heading(page)).to_have_text("SEND Information Report checklist")
    expect(page.locator(f"#item-{first}")).to_contain_text("Met")
    expect(page.locator(f"#item-{second}")).to_contain_text("Not met")
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".govuk-breadcrumbs")).to_be_hidden()
    page.emulate_media(media="screen")

    page.goto("/dashboard")
    expect(standing).to_contain_text(f"2 met, 1 not met, {total - 3} not answered")
    standing.get_by_role("link", name=re.compile("See the 1 item not met")).click()
    expect(page.locator("#items-heading")).to_have_text("Items not met")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("rowheader")).to_contain_text(second)
    assert_accessible(page)
