"""Answers from the provider that fail a check are refused with a clear page and an event.

The provider is real (on loopback); for the checks an honest provider never trips, the test
makes it misbehave: a tampered state or nonce in the browser's hands, or an ID token forged
with the wrong audience, a past expiry, or a key the provider does not publish.
"""

from __future__ import annotations

import time

import pytest
from joserfc.jwk import RSAKey

from inclusion.security.events import EventKind
from tests.auth.factories import UserFactory
from tests.auth.sso_fixtures import come_back, last_event, sign_in_through, start
from tests.oidc_provider import CLIENT_ID, replace_param
from tests.pages import PageClient, normalised_text

FAILED_CHECKS = "did not pass our security checks"


@pytest.fixture
def invited(provider, session):
    UserFactory(email="pat@school.example.org")
    provider.add_user("pat", "pat@school.example.org")
    return "pat"


def assert_refused(page, session, reason: str) -> None:
    assert FAILED_CHECKS in normalised_text(page)
    event = last_event(session)
    assert (event.kind, event.detail) == (
        EventKind.SSO_REFUSED,
        {"provider": "loopback", "reason": reason},
    )


def test_a_tampered_state_is_refused(sso_client, provider, session, invited):
    back = provider.authorize(start(sso_client), invited)
    page = come_back(sso_client, replace_param(back, state="chosen-by-an-attacker"), status=400)
    assert_refused(page, session, "state did not match")
    sso_client.get("/dashboard", status=302)


def test_an_answer_meant_for_another_browser_is_refused(
    sso_app, sso_client, provider, session, invited
):
    back = provider.authorize(start(sso_client), invited)
    page = come_back(PageClient(sso_app), back, status=400)
    assert_refused(page, session, "state did not match")


def test_an_id_token_with_another_nonce_is_refused(sso_client, provider, session, invited):
    back = provider.authorize(start(sso_client), invited, nonce="replayed-nonce")
    page = come_back(sso_client, back, status=400)
    assert_refused(page, session, "nonce did not match")
    sso_client.get("/dashboard", status=302)


def test_an_expired_id_token_is_refused(sso_client, provider, session, invited):
    now = int(time.time())
    provider.forged_claims = {"iat": now - 7200, "exp": now - 3600}
    page = sign_in_through(sso_client, provider, invited, status=400)
    assert_refused(page, session, "id token expired")


def test_an_id_token_for_another_client_is_refused(sso_client, provider, session, invited):
    provider.forged_claims = {"aud": "some-other-service"}
    page = sign_in_through(sso_client, provider, invited, status=400)
    assert_refused(page, session, "wrong audience")


def test_an_id_token_for_another_client_naming_us_as_authorised_party_is_refused(
    sso_client, provider, session, invited
):
    provider.forged_claims = {"aud": "some-other-service", "azp": CLIENT_ID}
    page = sign_in_through(sso_client, provider, invited, status=400)
    assert_refused(page, session, "wrong audience")


def test_an_id_token_from_another_issuer_is_refused(sso_client, provider, session, invited):
    provider.forged_claims = {"iss": "https://login.example.com"}
    page = sign_in_through(sso_client, provider, invited, status=400)
    assert_refused(page, session, "wrong issuer")


def test_an_id_token_signed_with_an_unpublished_key_is_refused_after_one_refresh(
    sso_client, provider, session, invited
):
    sign_in_through(sso_client, provider, invited)
    sso_client.post("/sign-out", status=200)
    fetched = provider.jwks_requests
    provider.signing_key = RSAKey.generate_key(2048, {"kid": "not-published"})
    page = sign_in_through(sso_client, provider, invited, status=400)
    assert_refused(page, session, "unknown key id")
    # The cached key set did not hold the key id, so it was fetched again, once.
    assert provider.jwks_requests == fetched + 1


def test_an_id_token_with_a_known_key_id_but_a_bad_signature_is_refused(
    sso_client, provider, session, invited
):
    sign_in_through(sso_client, provider, invited)
    sso_client.post("/sign-out", status=200)
    published = provider.current_kid()
    provider.signing_key = RSAKey.generate_key(2048, {"kid": published})
    page = sign_in_through(sso_client, provider, invited, status=400)
    assert_refused(page, session, "id token bad signature")


def test_the_key_set_is_cached_and_fetched_again_when_the_provider_rotates_its_key(
    sso_app, provider, session, invited
):
    before = provider.jwks_requests
    sign_in_through(PageClient(sso_app), provider, invited)
    sign_in_through(PageClient(sso_app), provider, invited)
    assert provider.jwks_requests == before + 1
    provider.rotate_key()
    sign_in_through(PageClient(sso_app), provider, invited)
    assert provider.jwks_requests == before + 2


def test_cancelling_at_the_provider_says_so_and_is_recorded(sso_client, provider, session):
    page = come_back(sso_client, provider.deny(start(sso_client)), status=400)
    assert "You did not finish signing in" in normalised_text(page)
    assert last_event(session).detail["reason"] == "provider answered access_denied"
