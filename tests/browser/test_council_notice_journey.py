"""A school tells the council of a suspension; the council's inclusion officer acknowledges it
and reads the council's KPIs."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from inclusion.seeding import DEMO_PASSWORD, DemoUser
from tests.browser.axe import assert_accessible
from tests.browser.test_sign_in_journey import sign_in

SENCO_EMAIL = "senco@demo.example.org"
OFFICER_EMAIL = "officer@demo.example.org"


def school_of(accounts: list[DemoUser], email: str) -> str:
    return next(a.scope for a in accounts if a.email == email)


def record_a_suspension(page: Page, urn: str, pupil: str) -> None:
    page.goto(f"/schools/{urn}/records/exclusions/new")
    page.get_by_label("Pupil reference").fill(pupil)
    page.get_by_label("Year group").select_option("9")
    page.get_by_role("group", name="SEN status").get_by_label("SEN support").check()
    page.get_by_label("Looked after").check()
    page.get_by_role("group", name="Type").get_by_label("Suspension", exact=True).check()
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("9")
    start.get_by_label("Month").fill("11")
    start.get_by_label("Year").fill("2026")
    page.get_by_label("Number of sessions (suspensions only)").fill("4")
    page.get_by_label("Persistent disruptive behaviour (DB)").check()
    page.get_by_role("button", name="Save").click()


def test_a_senco_tells_the_council_and_the_officer_acknowledges_what_it_was_told(
    page: Page, demo_accounts: list[DemoUser]
) -> None:
    urn = school_of(demo_accounts, SENCO_EMAIL)
    sign_in(page, SENCO_EMAIL, DEMO_PASSWORD)
    record_a_suspension(page, urn, "JohnSmith")
    expect(page.locator(".govuk-error-summary")).to_contain_text("This looks like a name")
    assert_accessible(page)
    page.get_by_label("Pupil reference").fill("EX-777")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suspension for EX-777")
    expect(page.get_by_text("The council has not been told yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Anything the council should know (optional)").fill("Parents met today")
    page.get_by_role("button", name="Tell the council").click()
    expect(page.locator("#council + .app-table-scroll table")).to_contain_text(
        "Not yet acknowledged"
    )
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, OFFICER_EMAIL, DEMO_PASSWORD)
    page.get_by_role("link", name=re.compile(r"Notifications not yet acknowledged \(\d+\)")).click()
    row = page.get_by_role("row").filter(has_text="EX-777")
    expect(row).to_contain_text("looked after")
    expect(row).to_contain_text("Persistent disruptive behaviour (DB)")
    expect(row).to_contain_text("Parents met today")
    assert_accessible(page)
    row.get_by_role("button", name=re.compile("Acknowledge")).click()
    acknowledged = page.get_by_role("row").filter(has_text="EX-777")
    expect(acknowledged.get_by_role("button")).to_have_count(0)
    expect(acknowledged).to_contain_text(re.compile(r"\d{4} at "))
    page.goto("/council/records/returns")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Part-time timetable returns by school"
    )
    assert_accessible(page)
    page.goto("/council/kpis")
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, SENCO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/schools/{urn}/records/exclusions/")
    page.get_by_role("link", name="EX-777").click()
    expect(page.locator("#council + .app-table-scroll table")).to_contain_text("Acknowledged")
