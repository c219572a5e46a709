"""An adviser matches schools on a weak standard and records a pairing, accessibly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import Select, select

import inclusion.demo
from inclusion.area_partnerships import support_offers as services
from inclusion.audit.answers import framework_for
from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.models import Audit, FrameworkArea, SnapshotRating, Standard
from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.seeding import DEMO_PASSWORD, DemoUser, seed_demo_audits
from tests.browser.axe import assert_accessible

# The current year holds one framework: the audit journey's. Loading the same file whichever
# journey runs first keeps both working in any order (the seeds' framework would make the audit
# journey's reload fail: "standards ... have answers and cannot be removed").
from tests.browser.test_audit_journey import COMMUNICATION, FRAMEWORK_YAML, LEADERSHIP

ADVISER_EMAIL = "adviser@demo.example.org"
ADMIN_EMAIL = "admin@demo.example.org"
EMBEDDED, NEEDS_SUPPORT = 3, (0, 1)
MAX_TABS = 80


@dataclass(frozen=True)
class SchoolRef:
    name: str
    urn: str


@dataclass(frozen=True)
class PartnershipSetup:
    name: str
    code: str
    first_year: int  # 2026, of 2026/27
    standard: str  # code
    supporting: SchoolRef  # in the partnership, rates the standard Embedded, offers support
    supported: SchoolRef  # in the partnership, rates it Not yet in place or Emerging


@pytest.fixture(scope="module")
def partnership_setup(
    live_app: Flask, demo_accounts: list[DemoUser], tmp_path_factory: pytest.TempPathFactory
) -> PartnershipSetup:
    """Demo audits for this year (none for the demo accounts' own schools, which the other
    journeys start from scratch), and a school in the adviser's partnership offering support
    on a standard another school in it rates 0 or 1."""
    reserved = {account.scope for account in demo_accounts if account.role.scope == "school"}
    adviser = next(account for account in demo_accounts if account.email == ADVISER_EMAIL)
    with live_app.app_context():
        year, partnership = audited_demo_year(tmp_path_factory, reserved, adviser)
        standard, supporting, supported = weak_standard_with_a_supporter(
            year, partnership, reserved
        )
        admin = db.session.scalar(select(User).where(User.email == ADMIN_EMAIL))
        school = db.session.scalar(select(School).where(School.urn == supporting.urn))
        offer = services.CapacityInput([standard], 2, "Open classrooms and a SENCO visit.")
        services.declare_capacity(school, year, offer, admin)
        setup = PartnershipSetup(
            partnership.name,
            partnership.code,
            year.start_date.year,
            standard,
            supporting,
            supported,
        )
        db.session.remove()
    return setup


def seed_demo_audits_sparing(reserved: set[str | None]) -> None:
    original = inclusion.demo._demo_schools
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            inclusion.demo,
            "_demo_schools",
            lambda year: [school for school in original(year) if school.urn not in reserved],
        )
        seed_demo_audits()


def weak_standard_with_a_supporter(
    year: AcademicYear, partnership: AreaInclusionPartnership, reserved: set[str | None]
) -> tuple[str, SchoolRef, SchoolRef]:
    """The first standard, in framework order, that one school in the partnership rates
    Embedded and another rates 0 or 1, in their latest snapshots."""
    query = latest_ratings(year, partnership, reserved, School.urn)
    by_standard: dict[str, dict[int, list[SchoolRef]]] = {}
    for code, _, name, urn, rating in db.session.execute(query):
        by_standard.setdefault(code, {}).setdefault(rating, []).append(SchoolRef(name, urn))
    for code, ratings in by_standard.items():
        weak = [school for rating in NEEDS_SUPPORT for school in ratings.get(rating, [])]
        if ratings.get(EMBEDDED) and weak:
            return code, ratings[EMBEDDED][0], weak[0]
    raise AssertionError(f"no standard in {partnership.name} has both 3 and 0 or 1: {by_standard}")


def audited_demo_year(
    tmp_path_factory: pytest.TempPathFactory, reserved: set[str | None], adviser: DemoUser
) -> tuple[AcademicYear, AreaInclusionPartnership]:
    """This year (with a framework) audited by the demo's schools but the reserved ones, and
    the adviser's partnership. Call inside the live app's context."""
    year = db.session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    assert year is not None, "the seeded reference data has no current academic year"
    if framework_for(year) is None:
        path = tmp_path_factory.mktemp("frameworks") / f"{year.label.replace('/', '-')}.yaml"
        path.write_text(
            FRAMEWORK_YAML.format(
                year=year.label, leadership=LEADERSHIP, communication=COMMUNICATION
            ),
            encoding="utf-8",
        )
        load_framework_file(Path(path))
    seed_demo_audits_sparing(reserved)
    partnership = db.session.scalar(
        select(AreaInclusionPartnership).where(AreaInclusionPartnership.code == adviser.scope)
    )
    return year, partnership


def latest_ratings(
    year: AcademicYear,
    partnership: AreaInclusionPartnership,
    reserved: set[str | None],
    then_by: Any,
) -> Select:
    """Each rating in the latest snapshots of the partnership's schools (but the reserved),
    as (standard code, school id, name, URN, rating), in framework order, then `then_by`."""
    return (
        select(Standard.code, School.id, School.name, School.urn, SnapshotRating.rating)
        .join(Audit, Audit.school_id == School.id)
        .join(SnapshotRating, SnapshotRating.snapshot_id == Audit.latest_snapshot_id)
        .join(Standard, Standard.id == SnapshotRating.standard_id)
        .join(FrameworkArea, FrameworkArea.id == Standard.area_id)
        .join(
            PartnershipMembership,
            (PartnershipMembership.school_id == School.id)
            & (PartnershipMembership.academic_year_id == year.id),
        )
        .where(
            Audit.academic_year_id == year.id,
            PartnershipMembership.partnership_id == partnership.id,
            School.urn.not_in([urn for urn in reserved if urn]),
            SnapshotRating.rating.is_not(None),
        )
        .order_by(FrameworkArea.position, Standard.position, then_by)
    )


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


def tab_to(page: Page, selector: str) -> None:
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus after {MAX_TABS} presses of Tab")


def choose_standard_by_keyboard(page: Page, code: str) -> None:
    """Tab to the standard chooser, arrow down to the standard, then press its button."""
    chooser = page.locator("#chosen-standard")
    tab_to(page, "#chosen-standard")
    options = chooser.locator("option").count()
    for _ in range(options):
        if chooser.input_value() == code:
            break
        page.keyboard.press("ArrowDown")
    expect(chooser).to_have_value(code)
    tab_to(page, 'form[method="get"] button')
    page.keyboard.press("Enter")


def fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def pairing_row(page: Page, setup: PartnershipSetup) -> Locator:
    return (
        page.locator("main table tbody tr")
        .filter(has=page.get_by_role("rowheader", name=re.compile(rf"^{setup.standard}:")))
        .filter(has_text=setup.supporting.name)
        .filter(has_text=setup.supported.name)
    )


def test_an_adviser_finds_a_training_need_matches_schools_on_a_weak_standard_and_records_a_pairing(
    page: Page, partnership_setup: PartnershipSetup
) -> None:
    setup = partnership_setup
    supporting, supported = setup.supporting, setup.supported
    start, end = date(setup.first_year, 12, 1), date(setup.first_year + 1, 3, 31)
    sign_in(page, ADVISER_EMAIL)
    page.get_by_role("link", name=f"{setup.name}: dashboard").click()
    expect(heading(page)).to_have_text(f"{setup.name}: dashboard")
    assert_accessible(page)

    training = page.locator("table:has(#training-caption)").locator("tbody tr")
    expect(training.first.get_by_role("rowheader")).not_to_have_text("")
    counts = [int(text) for text in training.locator("td:nth-of-type(1)").all_inner_texts()]
    assert counts and max(counts) >= 1, f"no training need with a school count: {counts}"

    page.get_by_role("link", name="Match schools to support each other on a standard").click()
    expect(heading(page)).to_have_text(f"{setup.name}: support between schools")
    choose_standard_by_keyboard(page, setup.standard)
    expect(page.locator("#supporters")).to_have_text(
        f"Schools that can support on {setup.standard}"
    )
    expect(page.locator("main table").first).to_contain_text(supporting.name)
    assert_accessible(page)

    page.get_by_role("link", name=f"Pair {supporting.name} with {supported.name}").click()
    expect(page.get_by_role("combobox", name="Supporting school")).to_have_value(supporting.name)
    expect(page.locator("#supporting_urn-select")).to_have_value(supporting.urn)
    expect(page.locator("#supported_urn-select")).to_have_value(supported.urn)
    expect(page.locator("#standard_code")).to_have_value(setup.standard)
    fill_date(page, "Start date", start)
    fill_date(page, "Planned end date", start.replace(month=11))
    page.get_by_role("button", name="Record pairing").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The planned end date must be after the start date")
    assert page.title().startswith("Error: ")
    expect(page.get_by_role("combobox", name="Supporting school")).to_have_value(supporting.name)
    assert_accessible(page)

    fill_date(page, "Planned end date", end)
    page.get_by_role("button", name="Record pairing").click()
    expect(heading(page)).to_have_text(f"{setup.name}: pairings")
    expect(banner(page)).to_contain_text("Pairing recorded")
    row = pairing_row(page, setup)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"1 December {start.year} to 31 March {end.year}")
    expect(row.locator("td").nth(3)).to_have_text("Planned")
    assert_accessible(page)

    row.get_by_role("link", name=re.compile(r"^Change")).click()
    expect(heading(page)).to_have_text("Change a pairing")
    assert_accessible(page)
    page.get_by_label("Active", exact=True).check()
    page.get_by_role("button", name="Save changes").click()
    expect(heading(page)).to_have_text(f"{setup.name}: pairings")
    expect(banner(page)).to_contain_text("Pairing updated")
    expect(pairing_row(page, setup).locator("td").nth(3)).to_have_text("Active")
    assert_accessible(page)
