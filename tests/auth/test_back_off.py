"""Failed sign-ins slow an account for new devices only (issue 18, item 6): a stranger who
knows a headteacher's email cannot keep them out, because a browser the head signed in on
before, and a password reset link, still get in (docs/decisions/0002-sign-in-back-off.md)."""

from __future__ import annotations

from datetime import timedelta

from inclusion.auth import devices
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.auth.services import new_link
from inclusion.auth.sign_in import SIGN_IN_FAILED, backoff
from inclusion.db_types import utcnow
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import PageClient, error_summary

HEAD = "head@school.example.org"


def attempt(browser: PageClient, password: str, email: str = HEAD, status: int = 200):
    return browser.post("/sign-in", {"email": email, "password": password}, status)


def attacked(app, times: int) -> None:
    attacker = PageClient(app)
    for n in range(times):
        attempt(attacker, f"guess number {n}")


def test_after_five_wrong_passwords_a_new_device_waits_with_the_usual_message(app, client):
    UserFactory.with_role(Role.ADMIN, email=HEAD)
    attacked(app, app.config["SIGN_IN_FREE_FAILURES"])
    new_device = PageClient(app)
    assert error_summary(attempt(new_device, PASSWORD)) == [SIGN_IN_FAILED]


def test_a_device_that_signed_in_before_gets_in_however_often_a_stranger_guesses(app, client):
    UserFactory.with_role(Role.ADMIN, email=HEAD)
    heads_laptop = PageClient(app)
    attempt(heads_laptop, PASSWORD, status=302)
    heads_laptop.post("/sign-out", status=302)

    attacked(app, 25)

    attempt(heads_laptop, PASSWORD, status=302)
    assert heads_laptop.last_response.location == "/dashboard"


def test_a_forged_or_another_accounts_device_cookie_does_not_pass(app, client, session):
    UserFactory.with_role(Role.ADMIN, email=HEAD)
    other = UserFactory.with_role(Role.ADMIN, email="other@school.example.org")
    others_laptop = PageClient(app)
    attempt(others_laptop, PASSWORD, email=other.email, status=302)
    others_laptop.post("/sign-out", status=302)
    attacked(app, app.config["SIGN_IN_FREE_FAILURES"])

    assert error_summary(attempt(others_laptop, PASSWORD)) == [SIGN_IN_FAILED]
    forged = PageClient(app)
    forged._client.set_cookie(devices.COOKIE_NAME, "WzEsMiwzXQ.forged.signature")
    assert error_summary(attempt(forged, PASSWORD)) == [SIGN_IN_FAILED]


def test_a_password_reset_link_gets_the_person_in_during_the_back_off(app, client, session):
    user = UserFactory.with_role(Role.ADMIN, email=HEAD)
    attacked(app, 25)
    token = new_link(user, purpose="reset")  # what the emailed link carries
    session.flush()
    browser = PageClient(app)
    new_password = "a fresh walnut lantern"
    browser.post(f"/set-password/{token}", {"password": new_password, "confirm": new_password}, 302)
    assert browser.last_response.location == "/dashboard"
    session.expire_all()
    assert session.get(User, user.id).locked_until is None
    # the browser that used the link is now a known device for the account
    browser.post("/sign-out", status=302)
    attacked(app, 25)
    attempt(browser, new_password, status=302)


def test_the_wait_doubles_from_thirty_seconds_to_at_most_fifteen_minutes(app, client):
    with app.app_context():
        waits = [backoff(n) for n in range(8)]
    assert waits[:3] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120)]
    assert max(waits) == waits[-1] == timedelta(minutes=15)


def test_when_the_wait_is_over_a_new_device_signs_in_with_the_right_password(app, client, session):
    user = UserFactory.with_role(Role.ADMIN, email=HEAD)
    attacked(app, app.config["SIGN_IN_FREE_FAILURES"] + 2)
    session.expire_all()
    slowed = session.get(User, user.id)
    assert slowed.locked_until > utcnow()
    slowed.locked_until = utcnow() - timedelta(seconds=1)
    session.flush()
    attempt(PageClient(app), PASSWORD, status=302)
    session.expire_all()
    assert session.get(User, user.id).failed_sign_ins == 0
