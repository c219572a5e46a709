"""Changing a password cannot be used to guess the current one (issue 18, item 8): attempts
are rate-limited per account, and a wrong current password counts as a failed sign-in and is
in the security log."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.security.models import SecurityEvent
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import PageClient, error_summary

NEW_PASSWORD = "otter lamp river quartz"


def change(browser: PageClient, current: str, status: int = 200):
    data = {"current_password": current, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    return browser.post("/account/password", data, status)


def test_a_wrong_current_password_is_refused_counted_and_logged(app, client, session):
    user = UserFactory.with_role(Role.ADMIN)
    page = change(client.as_user(user), "a wrong guess at it")
    assert error_summary(page) == ["Your current password is not correct"]
    session.expire_all()
    assert session.get(User, user.id).failed_sign_ins == 1
    event = session.scalars(select(SecurityEvent).order_by(SecurityEvent.id.desc())).first()
    assert (event.kind, event.user_id, event.actor_id) == (
        "password_change_failed",
        user.id,
        user.id,
    )


def test_repeated_wrong_current_passwords_slow_the_account_like_failed_sign_ins(
    app, client, session
):
    user = UserFactory.with_role(Role.ADMIN)
    signed_in = client.as_user(user)
    for n in range(app.config["SIGN_IN_FREE_FAILURES"]):
        change(signed_in, f"wrong guess {n}")
    session.expire_all()
    assert session.get(User, user.id).locked_until is not None
    # a new device now waits, even with the right password
    PageClient(app).post("/sign-in", {"email": user.email, "password": PASSWORD})
    session.expire_all()
    assert session.get(User, user.id).last_sign_in_at is None


def test_changing_a_password_is_rate_limited_per_account(throttled_client):
    user = UserFactory.with_role(Role.ADMIN)
    signed_in = throttled_client.as_user(user)
    statuses = [
        signed_in.raw(
            "POST",
            "/account/password",
            data={"current_password": f"guess {n}", "password": NEW_PASSWORD},
        ).status_code
        for n in range(7)
    ]
    assert statuses == [200] * 5 + [429, 429]


def test_the_right_current_password_still_changes_it(app, client, session):
    user = UserFactory.with_role(Role.ADMIN)
    change(client.as_user(user), PASSWORD, status=302)
    session.expire_all()
    assert session.get(User, user.id).failed_sign_ins == 0
