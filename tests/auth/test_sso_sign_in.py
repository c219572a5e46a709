"""Single sign-on against a real provider on loopback: who may sign in, and to which account."""

from __future__ import annotations

from sqlalchemy import func, select

from inclusion.auth.devices import COOKIE_NAME
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.auth.sso_models import SsoIdentity
from inclusion.security.events import EventKind
from tests.auth.factories import UserFactory
from tests.auth.sso_fixtures import event_kinds, last_event, sign_in_through, start
from tests.pages import PageClient, normalised_text
from tests.schools.factories import SchoolFactory


def linked_subjects(session, user: User) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(SsoIdentity.subject).where(SsoIdentity.user_id == user.id)))


def test_an_invited_senco_signs_in_through_the_provider_and_reaches_their_dashboard(
    sso_client, provider, session
):
    senco = UserFactory.with_role(
        Role.SENCO, school=SchoolFactory(), email="sam@school.example.org"
    )
    provider.add_user("sam-at-provider", "Sam@School.example.org")
    sign_in_through(sso_client, provider, "sam-at-provider")
    assert sso_client.last_response.location == "/dashboard"
    assert senco.display_name in normalised_text(sso_client.get("/dashboard"))
    assert linked_subjects(session, senco) == ["sam-at-provider"]
    assert event_kinds(session)[-2:] == [EventKind.SSO_LINKED, EventKind.SSO_SIGNED_IN]
    assert last_event(session).detail == {"provider": "loopback", "subject": "sam-at-provider"}


def test_the_request_to_the_provider_carries_pkce_s256_a_state_and_a_nonce(sso_client):
    address = start(sso_client)
    assert "code_challenge_method=S256" in address
    for parameter in ("code_challenge=", "state=", "nonce=", "scope=openid+email+profile"):
        assert parameter in address


def test_a_later_sign_in_follows_the_link_even_after_the_email_changes_at_the_provider(
    sso_client, provider, session
):
    person = UserFactory(email="kim@school.example.org")
    provider.add_user("kim-at-provider", "kim@school.example.org")
    sign_in_through(sso_client, provider, "kim-at-provider")
    sso_client.post("/sign-out", status=200)
    provider.add_user("kim-at-provider", "kim.new-name@school.example.org")
    sign_in_through(sso_client, provider, "kim-at-provider")
    assert person.display_name in normalised_text(sso_client.get("/dashboard"))


def test_a_linked_subject_whose_email_now_names_another_account_is_refused(
    sso_client, provider, session
):
    UserFactory(email="first@school.example.org")
    other = UserFactory(email="second@school.example.org")
    provider.add_user("shared-subject", "first@school.example.org")
    sign_in_through(sso_client, provider, "shared-subject")
    sso_client.post("/sign-out", status=200)
    provider.add_user("shared-subject", "second@school.example.org")
    page = sign_in_through(sso_client, provider, "shared-subject", status=403)
    assert "already linked to a different account" in normalised_text(page)
    event = last_event(session)
    assert (event.kind, event.user_id) == (EventKind.SSO_REFUSED, other.id)
    assert event.detail["reason"] == "subject linked to another account"
    sso_client.get("/dashboard", status=302)


def test_a_second_identity_claiming_an_already_linked_accounts_email_is_refused(
    sso_client, provider, session
):
    person = UserFactory(email="lee@school.example.org")
    provider.add_user("lee-original", "lee@school.example.org")
    sign_in_through(sso_client, provider, "lee-original")
    sso_client.post("/sign-out", status=200)
    provider.add_user("lee-impostor", "lee@school.example.org")
    page = sign_in_through(sso_client, provider, "lee-impostor", status=403)
    assert "already linked to a different account" in normalised_text(page)
    assert last_event(session).detail["reason"] == "account linked to another subject"
    assert linked_subjects(session, person) == ["lee-original"]


def test_an_unverified_email_is_refused_with_a_clear_page_and_an_event(
    sso_client, provider, session
):
    person = UserFactory(email="unverified@school.example.org")
    provider.add_user("unverified", "unverified@school.example.org", verified=False)
    page = sign_in_through(sso_client, provider, "unverified", status=403)
    assert "did not confirm that your email address is verified" in normalised_text(page)
    event = last_event(session)
    assert (event.kind, event.detail["reason"]) == (EventKind.SSO_REFUSED, "email not verified")
    assert linked_subjects(session, person) == []
    sso_client.get("/dashboard", status=302)


def test_an_email_nobody_invited_sees_ask_your_council_and_gets_no_account(
    sso_client, provider, session
):
    accounts = session.scalar(select(func.count(User.id)))
    provider.add_user("stranger", "stranger@school.example.org")
    page = sign_in_through(sso_client, provider, "stranger", status=403)
    assert page.h1.get_text(strip=True) == "You do not have an account yet"
    assert "Ask your council's inclusion team to invite you" in normalised_text(page)
    event = last_event(session)
    assert (event.email, event.detail["reason"]) == (
        "stranger@school.example.org",
        "email not invited",
    )
    assert session.scalar(select(func.count(User.id))) == accounts


def test_an_email_outside_the_providers_domains_is_refused_even_with_an_account(
    sso_client, provider, session
):
    UserFactory(email="someone@elsewhere.example.net")
    provider.add_user("elsewhere", "someone@elsewhere.example.net")
    sign_in_through(sso_client, provider, "elsewhere", status=403)
    assert last_event(session).detail["reason"] == "email domain not allowed for provider"


def test_a_deactivated_account_cannot_sign_in_through_the_provider(sso_client, provider, session):
    UserFactory(email="left@school.example.org", active=False)
    provider.add_user("left", "left@school.example.org")
    page = sign_in_through(sso_client, provider, "left", status=403)
    assert "has been deactivated" in normalised_text(page)
    assert last_event(session).detail["reason"] == "account deactivated"


def test_administrators_read_each_sso_refusal_with_its_reason_in_the_security_log(
    sso_app, sso_client, provider, session
):
    admin = UserFactory.with_role(Role.ADMIN)
    provider.add_user("nobody", "nobody@school.example.org")
    sign_in_through(sso_client, provider, "nobody", status=403)
    page = PageClient(sso_app, admin).get(
        f"/admin/security-events/?kind={EventKind.SSO_REFUSED.value}"
    )
    rows = [normalised_text(row) for row in page.select("tbody tr")]
    assert len(rows) == 1
    assert "Provider sign in refused" in rows[0]
    assert "nobody@school.example.org" in rows[0] and "email not invited" in rows[0]


def test_sso_sign_in_starts_a_fresh_session_and_remembers_the_device_like_a_password(
    sso_client, provider, session
):
    UserFactory(email="fresh@school.example.org")
    provider.add_user("fresh", "fresh@school.example.org")
    with sso_client._client.session_transaction() as planted:
        planted["planted_before_sign_in"] = "by someone else"
    sign_in_through(sso_client, provider, "fresh")
    with sso_client._client.session_transaction() as current:
        assert "planted_before_sign_in" not in current
        assert current["sso"]["provider"] == "loopback"
    assert sso_client._client.get_cookie(COOKIE_NAME) is not None
