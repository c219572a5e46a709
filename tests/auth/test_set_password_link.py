"""Single-use, expiring set-password links, and changing a password."""

from __future__ import annotations

import re
from datetime import timedelta

from inclusion.auth import services, sign_in
from inclusion.auth.models import SetPasswordLink
from inclusion.auth.roles import Role
from inclusion.db_types import utcnow
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import error_summary, normalised_text
from tests.schools.factories import SchoolFactory

NEW_PASSWORD = "kestrel harbour lantern"


def new_user_with_link(app) -> tuple:
    school = SchoolFactory()
    with app.test_request_context():
        return services.create_user(
            services.NewUser("new.senco@school.example.org", "New Senco", Role.SENCO, school)
        )


def choose(client, token: str, password: str, confirm: str | None = None, status: int = 302):
    data = {"password": password, "confirm": confirm or password}
    return client.post(f"/set-password/{token}", data, status)


def test_a_new_user_sets_their_password_once_and_is_signed_in(app, client):
    user, token = new_user_with_link(app)
    client.get(f"/set-password/{token}")
    choose(client, token, NEW_PASSWORD)
    assert client.last_response.location == "/dashboard"
    assert "Your dashboard" in normalised_text(client.get("/dashboard"))
    assert sign_in.authenticate(user.email, NEW_PASSWORD).id == user.id


def test_a_used_link_cannot_be_used_again(app, client):
    _, token = new_user_with_link(app)
    choose(client, token, NEW_PASSWORD)
    page = client.as_user(None).get(f"/set-password/{token}", status=410)
    assert "already been used" in normalised_text(page)


def test_an_expired_link_gets_a_clear_page(app, client, session):
    _, token = new_user_with_link(app)
    session.query(SetPasswordLink).update({"expires_at": utcnow() - timedelta(minutes=1)})
    session.flush()
    page = client.get(f"/set-password/{token}", status=410)
    assert "has expired" in normalised_text(page)


def test_a_newer_link_replaces_an_older_one(app, client):
    user, first = new_user_with_link(app)
    with app.test_request_context():
        second = services.issue_set_password_link(user)
    client.get(f"/set-password/{first}", status=410)
    client.get(f"/set-password/{second}")


def test_a_weak_password_is_refused_and_the_link_still_works(app, client):
    _, token = new_user_with_link(app)
    page = choose(client, token, "password123", status=200)
    assert error_summary(page) == ["Password is too easy to guess. Try three random words together"]
    choose(client, token, NEW_PASSWORD)


def test_mismatched_passwords_are_refused(app, client):
    _, token = new_user_with_link(app)
    page = choose(client, token, NEW_PASSWORD, confirm="something else entirely", status=200)
    assert error_summary(page) == ["The passwords do not match"]


def test_only_a_hash_of_the_token_is_stored(app, session):
    _, token = new_user_with_link(app)
    stored = session.query(SetPasswordLink).one()
    assert token not in stored.token_hash
    assert re.fullmatch(r"[0-9a-f]{64}", stored.token_hash)


def test_changing_a_password_needs_the_current_one(client):
    user = UserFactory()
    signed_in = client.as_user(user)
    data = {
        "current_password": "wrong guess here",
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    }
    page = signed_in.post("/account/password", data)
    assert error_summary(page) == ["Your current password is not correct"]


def test_changing_a_password_keeps_this_session_and_ends_the_others(app, client):
    user = UserFactory()
    this_device, other_device = client.as_user(user), client.as_user(user)
    data = {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    this_device.post("/account/password", data, status=302)
    this_device.get("/dashboard")
    other_device.get("/dashboard", status=302)
