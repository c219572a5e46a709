"""Email journeys in a real browser, the messages read back from a real SMTP server:
an administrator invites new staff from a CSV and one of them sets a password from the email;
a person who forgot their password resets it end to end."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from inclusion.extensions import db
from inclusion.seeding import DEMO_PASSWORD, demo_users
from tests.browser.axe import assert_accessible
from tests.browser.mail_site import mail_site as own_mail_site
from tests.browser.test_sign_in_journey import heading, sign_in
from tests.notifications.servers import SmtpServer

NEW_PASSWORD = "a brand new passphrase for the journey"
LINK = re.compile(r"https?://[^/\s]+(/set-password/\S+)")


@pytest.fixture(scope="module")
def mail_server() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mail_site(mail_server: SmtpServer) -> Iterator[tuple[str, Flask]]:
    """The portal on a live server, sending through SMTP from its background worker thread."""
    with own_mail_site("email", mail_server) as (url, app, _):
        yield url, app


@pytest.fixture
def site_page(browser: Browser, mail_site) -> Iterator[Page]:
    context = browser.new_context(base_url=mail_site[0])
    yield context.new_page()
    context.close()


def link_in_email(mail_server: SmtpServer, address: str) -> str:
    [message] = mail_server.wait_for(address)
    return LINK.search(message.body).group(1)


def choose_password(page: Page) -> None:
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)


def test_an_administrator_invites_staff_from_a_csv_and_one_sets_a_password_from_the_email(
    site_page: Page, browser: Browser, mail_site, mail_server: SmtpServer
) -> None:
    page = site_page
    with mail_site[1].app_context():
        urn = next(u.scope for u in demo_users() if u.email == "senco@demo.example.org")
        db.session.remove()
    sign_in(page, "admin@demo.example.org", DEMO_PASSWORD)
    page.goto("/admin/users/")
    page.get_by_role("button", name="Invite people from a spreadsheet").click()
    expect(heading(page)).to_have_text("Invite people from a spreadsheet")
    assert_accessible(page)

    csv_text = (
        "email,name,role,school_urn,partnership_code\n"
        f"nia.new@school.example.org,Nia New,SENCO,{urn},\n"
        f"ola.new@school.example.org,Ola New,Headteacher,{urn},\n"
    )
    page.get_by_label("CSV file").set_input_files(
        {"name": "new-staff.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(heading(page)).to_have_text("Check the people to invite")
    expect(page.get_by_role("cell", name="nia.new@school.example.org")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send 2 invitations").click()
    expect(heading(page)).to_have_text("Invitations not yet accepted")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 invitations")
    expect(page.get_by_role("link", name="Nia New")).to_be_visible()
    assert_accessible(page)

    path = link_in_email(mail_server, "nia.new@school.example.org")
    newcomer = browser.new_context(base_url=mail_site[0]).new_page()
    newcomer.goto(path)
    expect(heading(newcomer)).to_have_text("Set your password")
    assert_accessible(newcomer)
    choose_password(newcomer)
    newcomer.get_by_role("button", name="Set password").click()
    expect(heading(newcomer)).to_have_text("Your dashboard")
    expect(newcomer.locator(".govuk-notification-banner")).to_contain_text("password has been set")
    assert_accessible(newcomer)
    newcomer.context.close()

    page.reload()
    expect(page.get_by_role("link", name="Nia New")).to_have_count(0)
    expect(page.get_by_role("link", name="Ola New")).to_be_visible()


def test_a_person_who_forgot_their_password_resets_it_from_the_email(
    site_page: Page, mail_server: SmtpServer
) -> None:
    page = site_page
    page.goto("/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(heading(page)).to_have_text("Reset your password")
    assert_accessible(page)

    page.get_by_label("Email address").fill("senco2@demo.example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(heading(page)).to_have_text("Check your email")
    assert_accessible(page)

    path = link_in_email(mail_server, "senco2@demo.example.org")
    page.goto(path)
    expect(heading(page)).to_have_text("Choose a new password")
    assert_accessible(page)
    choose_password(page)
    page.get_by_role("button", name="Set password").click()
    expect(heading(page)).to_have_text("Your dashboard")

    page.goto(path)
    expect(heading(page)).to_have_text("This link cannot be used")
    assert_accessible(page)

    page.locator(".govuk-service-navigation").get_by_role("button", name="Sign out").click()
    sign_in(page, "senco2@demo.example.org", NEW_PASSWORD)
    expect(heading(page)).to_have_text("Your dashboard")
