"""Signing in and out in a real browser, by keyboard and without JavaScript, accessibly."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from inclusion.auth.roles import Role
from inclusion.seeding import DEMO_PASSWORD, DemoUser
from tests.browser.axe import assert_accessible

SENCO_EMAIL = "senco@demo.example.org"
ADMIN_EMAIL = "admin@demo.example.org"
MAX_TABS = 40


@pytest.fixture
def page_without_javascript(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    yield context.new_page()
    context.close()


def demo_account(accounts: list[DemoUser], email: str) -> DemoUser:
    return next(account for account in accounts if account.email == email)


def tab_to(page: Page, selector: str) -> None:
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus after {MAX_TABS} presses of Tab")


def sign_in_with_keyboard(page: Page, email: str, password: str) -> None:
    tab_to(page, "#email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def assert_accessible_with_javascript(browser: Browser, page: Page) -> None:
    """axe needs JavaScript: scan the no-JavaScript page again in a context that has it."""
    context = browser.new_context(storage_state=page.context.storage_state())
    scanned = context.new_page()
    scanned.goto(page.url)
    assert_accessible(scanned)
    context.close()


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def test_a_senco_signs_in_by_keyboard_visits_their_school_and_signs_out(
    page: Page, demo_accounts: list[DemoUser]
) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    expect(heading(page)).to_have_text("Sign in")
    assert_accessible(page)

    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    sign_in_with_keyboard(page, SENCO_EMAIL, DEMO_PASSWORD)
    expect(heading(page)).to_have_text("Your dashboard")
    senco = demo_account(demo_accounts, SENCO_EMAIL)
    school_link = page.locator(f'main a[href="/schools/{senco.scope}"]')
    expect(school_link).to_be_visible()
    assert_accessible(page)

    school_name = school_link.inner_text()
    school_link.click()
    expect(heading(page)).to_have_text(school_name)
    expect(page.get_by_text(f"URN {senco.scope}")).to_be_visible()
    assert_accessible(page)

    page.locator(".govuk-service-navigation").get_by_role("button", name="Sign out").click()
    expect(heading(page)).to_have_text("Sign in")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")
    assert_accessible(page)


def test_a_wrong_password_is_refused_with_a_message_that_gives_nothing_away(page: Page) -> None:
    sign_in(page, "senco2@demo.example.org", "not-the-right-password")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct email address and password"
    )
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_an_administrator_can_sign_in_and_manage_users_without_javascript(
    browser: Browser, page_without_javascript: Page
) -> None:
    page = page_without_javascript
    sign_in(page, ADMIN_EMAIL, DEMO_PASSWORD)
    expect(heading(page)).to_have_text("Your dashboard")
    expect(page.get_by_role("link", name="Manage users and roles")).to_be_visible()
    assert_accessible_with_javascript(browser, page)
    response = page.goto("/admin/users/")
    assert response is not None and response.status == 200
    expect(heading(page)).to_have_text("Users")
    expect(page.get_by_role("cell", name=ADMIN_EMAIL)).to_be_visible()
    assert_accessible_with_javascript(browser, page)


def test_every_demo_user_can_sign_in_and_reach_their_dashboard(
    browser: Browser, live_server: str, demo_accounts: list[DemoUser]
) -> None:
    assert {account.role for account in demo_accounts} == set(Role)
    for account in demo_accounts:
        context = browser.new_context(base_url=live_server)
        page = context.new_page()
        sign_in(page, account.email, DEMO_PASSWORD)
        expect(heading(page), account.email).to_have_text("Your dashboard")
        response = page.goto("/dashboard")
        assert response is not None and response.status == 200, account.email
        expect(heading(page)).to_have_text("Your dashboard")
        assert_accessible(page)
        context.close()
