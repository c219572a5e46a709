"""'Forgot your password?' end to end, the emails read back from a real SMTP server."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from inclusion.auth.models import SetPasswordLink
from inclusion.auth.roles import Role
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.notifications.models import OutboundEmail
from inclusion.security.models import SecurityEvent
from tests.auth.factories import PASSWORD, UserFactory
from tests.email_fixtures import runner
from tests.pages import PageClient, error_summary, normalised_text
from tests.queries import counting_queries

NEW_PASSWORD = "a fresh and rather long passphrase"
LINK = re.compile(r"http://127\.0\.0\.1:5000(/set-password/\S+)")


def ask_for_reset(client: PageClient, email: str):
    return client.raw("POST", "/forgot-password", data={"email": email})


def reset_link_from(smtp_server, address: str) -> str:
    [message] = [m for m in smtp_server.received if address in m.recipients]
    assert message.message["Subject"] == "Reset your Inclusion Portal password"
    return LINK.search(message.body).group(1)


def test_the_sign_in_page_offers_a_password_reset(client):
    page = client.get("/sign-in")
    assert page.find("a", string="Forgot your password?")["href"] == "/forgot-password"


def test_a_known_and_an_unknown_address_get_identical_answers_from_identical_work(smtp_app):
    UserFactory(email="known@school.example.org")
    client = PageClient(smtp_app)
    answers, statements = [], []
    for address in ("known@school.example.org", "unknown@school.example.org"):
        with counting_queries(smtp_app) as queries:
            response = ask_for_reset(client, address)
        answers.append((response.status_code, response.location, response.get_data()))
        statements.append([re.sub(r"savepoint_\d+", "savepoint", q) for q in queries.statements])
    assert answers[0] == answers[1]
    assert answers[0][:2] == (302, "/forgot-password/check-your-email")
    assert statements[0] == statements[1]  # the same SQL; no lookup of the account at all
    assert len(runner(smtp_app).pending) == 2  # each queued one job, sent nothing itself


def test_a_person_resets_their_password_with_the_emailed_link_once(smtp_app, smtp_server):
    user = UserFactory(email="sam@school.example.org", display_name="Sam Taylor")
    client = PageClient(smtp_app)
    ask_for_reset(client, "Sam@School.example.org")
    page = client.get("/forgot-password/check-your-email")
    assert "If the address you entered has an account" in normalised_text(page)
    runner(smtp_app).run_pending()

    path = reset_link_from(smtp_server, "sam@school.example.org")
    client.get(path)
    client.post(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, status=302)
    assert client.last_response.location == "/dashboard"
    used_again = client.get(path, status=410)
    assert "This link cannot be used" in normalised_text(used_again)
    assert "Ask for a new link by email" in normalised_text(used_again)

    runner(smtp_app).run_pending()
    notice = smtp_server.wait_for("sam@school.example.org", count=2)[1]
    assert notice.message["Subject"] == "Your Inclusion Portal password has been changed"
    kinds = db.session.scalars(
        select(SecurityEvent.kind).where(SecurityEvent.email == user.email)
    ).all()
    assert {"password_reset_requested", "set_password_link_issued", "password_reset"} <= set(kinds)


def test_the_email_link_is_built_from_the_portals_address_not_the_requests_host(
    smtp_app, smtp_server
):
    UserFactory(email="sam@school.example.org")
    client = PageClient(smtp_app)
    client.raw(
        "POST",
        "/forgot-password",
        data={"email": "sam@school.example.org"},
        headers={"Host": "attacker.example.net"},
    )
    runner(smtp_app).run_pending()
    [message] = smtp_server.received
    assert "attacker" not in message.body
    assert LINK.search(message.body)


def test_an_unknown_or_deactivated_address_gets_no_email(smtp_app, smtp_server):
    UserFactory(email="gone@school.example.org", active=False)
    client = PageClient(smtp_app)
    ask_for_reset(client, "nobody@school.example.org")
    ask_for_reset(client, "gone@school.example.org")
    runner(smtp_app).run_pending()
    assert smtp_server.received == []
    assert db.session.query(OutboundEmail).count() == 0


def test_a_reset_ends_every_session_the_person_had(smtp_app, smtp_server):
    user = UserFactory(email="sam@school.example.org")
    elsewhere = PageClient(smtp_app, user)
    elsewhere.get("/dashboard")
    client = PageClient(smtp_app)
    ask_for_reset(client, user.email)
    runner(smtp_app).run_pending()
    path = reset_link_from(smtp_server, user.email)
    client.post(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, status=302)
    elsewhere.get("/dashboard", status=302)
    assert "/sign-in" in elsewhere.last_response.location


def test_an_expired_reset_link_gets_the_clear_page(smtp_app, smtp_server):
    user = UserFactory(email="sam@school.example.org")
    client = PageClient(smtp_app)
    ask_for_reset(client, user.email)
    runner(smtp_app).run_pending()
    path = reset_link_from(smtp_server, user.email)
    link = db.session.scalar(select(SetPasswordLink).where(SetPasswordLink.user_id == user.id))
    assert link.purpose == "reset"
    assert abs(link.expires_at - link.created_at - timedelta(minutes=60)) < timedelta(seconds=1)
    link.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    page = client.post(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, status=410)
    assert "The link has expired, has already been used" in normalised_text(page)
    assert (
        PageClient(smtp_app)
        .raw("POST", "/sign-in", data={"email": user.email, "password": PASSWORD})
        .status_code
        == 302
    )  # the old password still works


def test_one_account_gets_at_most_three_reset_emails_an_hour_however_often_asked(
    smtp_app, smtp_server
):
    user = UserFactory(email="sam@school.example.org")
    client = PageClient(smtp_app)
    for _ in range(5):
        ask_for_reset(client, user.email)
    runner(smtp_app).run_pending()
    assert len(smtp_server.received) == 3
    limited = db.session.scalars(
        select(SecurityEvent).where(SecurityEvent.kind == "password_reset_limited")
    ).all()
    assert len(limited) == 2


def test_asking_is_throttled_per_account_and_per_address(throttled_client):
    throttled_client.app.config.update(RESET_LIMIT_PER_ACCOUNT="2 per hour")
    throttled_client.app.config.update(RESET_LIMIT_PER_ADDRESS="4 per hour")
    statuses = [
        ask_for_reset(throttled_client, "a@school.example.org").status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    others = [
        ask_for_reset(throttled_client, f"{n}@school.example.org").status_code for n in range(3)
    ]
    assert others == [302, 302, 429]  # four from this address in the hour, then refused


def test_with_the_relay_down_the_request_succeeds_and_administrators_see_the_failure(
    smtp_down_app, session
):
    UserFactory(email="sam@school.example.org")
    response = ask_for_reset(PageClient(smtp_down_app), "sam@school.example.org")
    assert response.status_code == 302
    jobs = runner(smtp_down_app)
    for _ in range(5):
        jobs.run_pending()
        jobs.release_scheduled()
    admin = UserFactory.with_role(Role.ADMIN)
    page = PageClient(smtp_down_app, admin).get("/admin/emails/?status=failed")
    text = normalised_text(page)
    assert "sam@school.example.org" in text and "Failed" in text
    assert "could not take the message" in text


def test_an_address_in_the_wrong_format_is_refused_and_nothing_is_queued(app, client):
    page = client.post("/forgot-password", {"email": "not an address"})
    assert error_summary(page) == [
        "Enter an email address in the correct format, like name@example.org"
    ]
    assert app.extensions["job_runner"].pending == []
    assert client.get("/forgot-password").h1.get_text(strip=True) == "Reset your password"


def test_of_two_requests_racing_with_one_link_only_one_sets_a_password(app, session):
    """The second request read the link before the first used it; the compare-and-set stops it."""
    from sqlalchemy import update

    from inclusion.auth import services

    user = UserFactory(password_hash=None)
    with app.test_request_context():
        token = services.issue_set_password_link(user)
        link = services.usable_link(token)  # the second request has checked the link...
        session.execute(  # ...when the first one uses it
            update(SetPasswordLink).where(SetPasswordLink.id == link.id).values(used_at=utcnow())
        )
        with pytest.raises(services.LinkUnusable):
            services.set_password_with_link(token, NEW_PASSWORD)
    session.refresh(user)
    assert user.password_hash is None
