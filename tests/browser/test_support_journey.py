"""An adviser finds whom to ask on the matching page and records a pairing by school name,
with the keyboard, accessibly; and the same form works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from inclusion.area_partnerships.models import SupportCapacity
from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    School,
)
from inclusion.seeding import DemoUser
from tests.browser.axe import assert_accessible
from tests.browser.test_partnership_journey import (
    ADVISER_EMAIL,
    audited_demo_year,
    banner,
    choose_standard_by_keyboard,
    fill_date,
    heading,
    latest_ratings,
    sign_in,
    tab_to,
)

EMBEDDED, NEEDS_SUPPORT = 3, (0, 1)


@dataclass(frozen=True)
class AskSetup:
    name: str  # the partnership's
    code: str
    first_year: int
    standard: str
    to_ask: tuple[str, str]  # (name, URN): rates the standard Embedded, has not offered
    supported: tuple[str, str]  # rates it Not yet in place or Emerging


@pytest.fixture(scope="module")
def ask_setup(
    live_app: Flask, demo_accounts: list[DemoUser], tmp_path_factory: pytest.TempPathFactory
) -> AskSetup:
    """This year's demo audits (sparing the demo accounts' own schools) and a standard on which
    a school in the adviser's partnership rates Embedded without offering, and another is weak."""
    reserved = {account.scope for account in demo_accounts if account.role.scope == "school"}
    adviser = next(account for account in demo_accounts if account.email == ADVISER_EMAIL)
    with live_app.app_context():
        year, partnership = audited_demo_year(tmp_path_factory, reserved, adviser)
        standard, to_ask, supported = standard_with_someone_to_ask(year, partnership, reserved)
        setup = AskSetup(
            partnership.name,
            partnership.code,
            year.start_date.year,
            standard,
            to_ask,
            supported,
        )
        db.session.remove()
    return setup


def standard_with_someone_to_ask(
    year: AcademicYear, partnership: AreaInclusionPartnership, reserved: set[str | None]
) -> tuple[str, tuple[str, str], tuple[str, str]]:
    offered = {
        (school_id, code)
        for school_id, code in db.session.execute(
            select(SupportCapacity.school_id, SupportCapacity.standard_code).where(
                SupportCapacity.academic_year_id == year.id
            )
        )
    }
    query = latest_ratings(year, partnership, reserved, School.name)
    asks: dict[str, list[tuple[str, str]]] = {}
    weak: dict[str, list[tuple[str, str]]] = {}
    for code, school_id, name, urn, rating in db.session.execute(query):
        if rating == EMBEDDED and (school_id, code) not in offered:
            asks.setdefault(code, []).append((name, urn))
        if rating in NEEDS_SUPPORT:
            weak.setdefault(code, []).append((name, urn))
    for code, schools in asks.items():
        if weak.get(code):
            return code, schools[0], weak[code][0]
    raise AssertionError(f"no standard in {partnership.name} has a school to ask and a weak one")


def choose_school_by_keyboard(page: Page, label: str, name: str) -> None:
    """Tab to the school picker, type part of the name, arrow down to it and press Enter."""
    picker = page.get_by_role("combobox", name=label, exact=True)
    tab_to(page, f"#{picker.get_attribute('id')}")
    page.keyboard.type(name[: max(4, len(name) // 2)])
    expect(picker).to_have_attribute("aria-expanded", "true")
    options = page.get_by_role("listbox", name=label, exact=True).get_by_role("option")
    for _ in range(options.count()):
        page.keyboard.press("ArrowDown")
        active = picker.get_attribute("aria-activedescendant")
        if page.locator(f"#{active}").inner_text() == name:
            break
    page.keyboard.press("Enter")
    expect(picker).to_have_value(name)
    expect(picker).to_have_attribute("aria-expanded", "false")


def test_an_adviser_finds_whom_to_ask_and_records_a_pairing_by_school_name(
    page: Page, ask_setup: AskSetup
) -> None:
    setup = ask_setup
    (ask_name, ask_urn), (supported_name, supported_urn) = setup.to_ask, setup.supported
    start, end = date(setup.first_year, 12, 1), date(setup.first_year + 1, 3, 31)
    sign_in(page, ADVISER_EMAIL)
    page.goto(f"/partnerships/{setup.code}/support")
    expect(heading(page)).to_have_text(f"{setup.name}: support between schools")
    choose_standard_by_keyboard(page, setup.standard)
    expect(page.locator("#to-ask")).to_have_text(f"Whom to ask about {setup.standard}")
    expect(page.locator("#to-ask-list")).to_contain_text(ask_name)
    assert_accessible(page)

    choose_school_by_keyboard(page, "Supporting school", ask_name)
    expect(page.locator("#supporting_urn-select")).to_have_value(ask_urn)
    page.get_by_role("button", name="Record pairing").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the supported school")
    expect(page.get_by_role("combobox", name="Supporting school")).to_have_value(ask_name)
    assert_accessible(page)

    choose_school_by_keyboard(page, "Supported school", supported_name)
    expect(page.locator("#supported_urn-select")).to_have_value(supported_urn)
    page.locator("#standard_code").select_option(setup.standard)
    fill_date(page, "Start date", start)
    fill_date(page, "Planned end date", end)
    page.get_by_role("button", name="Record pairing").click()
    expect(heading(page)).to_have_text(f"{setup.name}: pairings")
    expect(banner(page)).to_contain_text("Pairing recorded")
    row = page.locator("main table tbody tr").filter(has_text=ask_name)
    expect(row.filter(has_text=supported_name)).to_have_count(1)
    assert_accessible(page)


def test_without_javascript_the_schools_are_a_plain_list_of_names(
    browser: Browser, live_server: str, ask_setup: AskSetup
) -> None:
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, ADVISER_EMAIL)
        page.goto(f"/partnerships/{ask_setup.code}/support?standard={ask_setup.standard}")
        # axe runs in the page's JavaScript, so the accessibility check is the journey's above.
        supporting = page.get_by_label("Supporting school", exact=True)
        expect(page.locator("select#supporting_urn")).to_have_count(1)
        expect(page.get_by_role("combobox", name="Supporting school")).to_have_count(1)
        supporting.select_option(label=ask_setup.to_ask[0])
        expect(supporting).to_have_value(ask_setup.to_ask[1])
    finally:
        context.close()
