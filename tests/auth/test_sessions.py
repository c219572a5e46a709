"""Sessions end when they should (issue 18, item 5): signing out makes every copy of the
session cookie useless, administrators can sign a person out on every device, and sign-in
starts a new session with a new CSRF token."""

from __future__ import annotations

import re

from sqlalchemy import select

from inclusion.auth.roles import Role
from inclusion.security.models import SecurityEvent
from tests.auth.factories import PASSWORD, UserFactory
from tests.conftest import TestSettings, app_in_test_transaction
from tests.pages import PageClient


class CsrfSettings(TestSettings):
    WTF_CSRF_ENABLED = True


def signed_in_client(app, email: str) -> PageClient:
    browser = PageClient(app)
    browser.post("/sign-in", {"email": email, "password": PASSWORD}, 302)
    return browser


def session_cookie(browser: PageClient) -> str:
    return browser._client.get_cookie("session").value


def browser_with_cookie(app, value: str) -> PageClient:
    stranger = PageClient(app)
    stranger._client.set_cookie("session", value)
    return stranger


def test_a_copy_of_the_session_cookie_stops_working_when_the_person_signs_out(app, client):
    UserFactory.with_role(Role.ADMIN, email="copied@council.example.org")
    browser = signed_in_client(app, "copied@council.example.org")
    copied = session_cookie(browser)
    browser_with_cookie(app, copied).get("/dashboard")  # the copy works while signed in

    browser.post("/sign-out", status=302)

    replayed = browser_with_cookie(app, copied)
    replayed.get("/dashboard", status=302)
    assert replayed.last_response.location.startswith("/sign-in")


def test_an_administrator_signs_a_person_out_on_every_device(app, client, session):
    person = UserFactory.with_role(Role.ADMIN, email="lost-laptop@council.example.org")
    admin = UserFactory.with_role(Role.ADMIN, email="helpdesk@council.example.org")
    laptop = signed_in_client(app, person.email)
    phone = signed_in_client(app, person.email)

    PageClient(app, admin).post(f"/admin/users/{person.id}/sign-out", status=302)

    for device in (laptop, phone):
        device.get("/dashboard", status=302)
        assert device.last_response.location.startswith("/sign-in")
    event = session.scalars(
        select(SecurityEvent).where(SecurityEvent.kind == "signed_out_everywhere")
    ).one()
    assert (event.user_id, event.actor_id) == (person.id, admin.id)


def csrf_token_on(page) -> str:
    return page.select_one("input[name=csrf_token]")["value"]


def test_sign_in_starts_a_new_session_and_a_csrf_token_read_before_it_is_refused(app, client):
    UserFactory.with_role(Role.ADMIN, email="fixed@council.example.org")
    browser = PageClient(app_in_test_transaction(CsrfSettings, app))
    before = csrf_token_on(browser.get("/sign-in"))
    with browser._client.session_transaction() as planted:
        planted["planted_by_attacker"] = "yes"
    browser.post(
        "/sign-in",
        {"email": "fixed@council.example.org", "password": PASSWORD, "csrf_token": before},
        302,
    )
    with browser._client.session_transaction() as current:
        assert "planted_by_attacker" not in current
    # A token an attacker read from the sign-in page is worthless once the person signs in.
    refused = browser.raw("POST", "/sign-out", data={"csrf_token": before})
    assert refused.status_code == 400
    fresh = csrf_token_on(browser.get("/account/password"))
    assert fresh != before and re.fullmatch(r"[\w.-]+", fresh)
    browser.post("/sign-out", {"csrf_token": fresh}, 302)
