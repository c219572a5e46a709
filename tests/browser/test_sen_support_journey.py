"""A SENCO records a pupil on SEN support and a cycle with specialist advice, reviews it, and
corrects it afterwards; the refusals on the way say what to fix and keep what was typed. Then,
for a pupil with two reviewed cycles, the SENCO sees the council's criteria met and downloads
the EHC needs assessment evidence pack with the child's name in it."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader
from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.schools.services import school_by_urn
from inclusion.seeding import DEMO_PASSWORD, DemoUser
from tests.browser.axe import assert_accessible
from tests.browser.test_council_notice_journey import SENCO_EMAIL, school_of
from tests.browser.test_sign_in_journey import sign_in
from tests.graduated_response.ehc_factories import ready_record

TODAY = date.today()


def fill_date(group: Locator, day: date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def record_a_pupil(page: Page, pupil: str) -> None:
    page.get_by_label("Pupil reference").fill(pupil)
    page.get_by_label("Year group").select_option("6")
    page.get_by_role("group", name="SEN status").get_by_label("SEN support").check()
    page.get_by_label("Primary type of need").select_option("SLCN")
    page.get_by_label("Secondary type of need (optional)").select_option("SEMH")
    fill_date(page.get_by_role("group", name="Date placed on SEN support"), TODAY - timedelta(60))
    page.get_by_label("English as an additional language").check()
    page.get_by_role("button", name="Save").click()


def plan_the_cycle(page: Page) -> None:
    who = page.get_by_role("group", name="Who made the assessment?")
    who.get_by_label("Educational psychology").check()
    page.get_by_label("Name or role of the assessor").fill("Educational psychology service")
    page.get_by_label("What was assessed, and what it found").fill("Working memory is low")
    fill_date(page.get_by_role("group", name="Date of the assessment"), TODAY - timedelta(45))
    page.get_by_role("button", name="Add the assessment").click()
    expect(page.locator("#assess ~ p").first).to_contain_text("Educational psychology")

    page.get_by_label("Outcome sought").fill("Follows a two-step instruction in class")
    page.get_by_label("How progress will be measured").fill("Lessons a week, teacher's log")
    fill_date(page.get_by_role("group", name="Target date"), TODAY + timedelta(20))
    page.get_by_role("button", name="Add the outcome").click()

    page.get_by_label("Intervention").fill("Memory and listening group")
    page.get_by_label("Group size (pupils)").fill("4")
    page.get_by_label("Sessions a week").fill("3")
    page.get_by_label("Minutes a session").fill("20")
    page.get_by_label("Delivered by").fill("Teaching assistant")
    fill_date(page.get_by_role("group", name="Start date"), TODAY - timedelta(44))
    page.get_by_label("Cost a week, in pounds").fill("ten pounds")
    page.get_by_role("button", name="Add the provision").click()


def test_a_senco_records_a_pupil_and_a_cycle_with_specialist_advice_and_reviews_it(
    page: Page, demo_accounts: list[DemoUser]
) -> None:
    urn = school_of(demo_accounts, SENCO_EMAIL)
    sign_in(page, SENCO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/schools/{urn}/records/")
    page.get_by_role("link", name="Open the SEN support records").click()
    page.get_by_role("button", name="Add a pupil on SEN support").click()
    record_a_pupil(page, "JamieSmith")
    expect(page.locator(".govuk-error-summary")).to_contain_text("This looks like a name")
    expect(page.get_by_label("Primary type of need")).to_have_value("SLCN")
    assert_accessible(page)
    page.get_by_label("Pupil reference").fill("SEN-777")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN support for SEN-777")
    expect(page.get_by_text("Communication and interaction")).to_be_visible()
    assert_accessible(page)

    fill_date(page.get_by_role("group", name="Date the cycle starts"), TODAY - timedelta(50))
    page.get_by_role("button", name="Start a cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cycle 1 for SEN-777")
    plan_the_cycle(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("pounds and pence")
    expect(page.get_by_label("Intervention")).to_have_value("Memory and listening group")
    page.get_by_label("Cost a week, in pounds").fill("28.50")
    page.get_by_role("button", name="Add the provision").click()
    expect(page.locator("#do ~ .app-table-scroll table")).to_contain_text("£28.50")
    page.get_by_label("The pupil's views").fill("I like the group")
    page.get_by_label("The parents' or carers' views").fill("Homework is easier")
    page.get_by_role("button", name="Save the views").click()
    assert_accessible(page)

    fill_date(page.get_by_role("group", name="Date of the review"), TODAY - timedelta(55))
    page.get_by_label("Progress towards: Follows a two-step instruction in class").fill(
        "Now in 3 of 5 lessons"
    )
    page.get_by_label("Request an EHC needs assessment").check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The review cannot be before the cycle started"
    )
    fill_date(page.get_by_role("group", name="Date of the review"), TODAY)
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("so it is closed")).to_be_visible()
    expect(page.get_by_role("button", name="Add the outcome")).to_have_count(0)

    fill_date(page.get_by_role("group", name="Date of the correction"), TODAY)
    page.get_by_label("What is corrected, and why").fill("The group met twice a week")
    page.get_by_role("button", name="Add the correction").click()
    expect(page.locator("#corrections ~ p").first).to_contain_text("The group met twice a week")
    assert_accessible(page)

    page.goto(page.url.split("/cycles/")[0] + "/evidence-pack")
    expect(page.locator("#criteria-result")).to_contain_text("does not yet meet")
    assert_accessible(page)


def test_a_senco_sees_the_criteria_met_and_downloads_the_evidence_pack(
    page: Page, demo_accounts: list[DemoUser], live_app: Flask
) -> None:
    urn = school_of(demo_accounts, SENCO_EMAIL)
    with live_app.test_request_context():
        senco = db.session.scalar(select(User).where(User.email == SENCO_EMAIL))
        record_id = ready_record(school_by_urn(urn), senco, pupil_ref="SEN-888").id
    sign_in(page, SENCO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/schools/{urn}/records/sen-support/{record_id}")
    page.get_by_role(
        "link", name="Check the council's criteria and download the evidence pack"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "EHC needs assessment evidence pack for SEN-888"
    )
    expect(page.locator("#criteria-result")).to_have_text(
        "The record meets every one of the council's criteria."
    )
    assert_accessible(page)
    page.get_by_label("Child's name").fill("Robin Example-Name")
    with page.expect_download() as sent:
        page.get_by_role("button", name="Download the PDF").press("Enter")
    download = sent.value
    assert download.suggested_filename.startswith("evidence-pack-EHC-")
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Child's name: Robin Example-Name" in text and "Draft" not in text
    page.reload()
    number = download.suggested_filename.removeprefix("evidence-pack-").removesuffix(".pdf")
    expect(page.locator("#requests + .app-table-scroll table")).to_contain_text(number)
    assert_accessible(page)
