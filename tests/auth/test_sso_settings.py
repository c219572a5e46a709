"""Single sign-on settings: providers, passwords turned off by domain, sign-out, throttling."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from inclusion import create_app
from inclusion.auth.oidc import parse_providers, same_issuer
from inclusion.config import ConfigurationError
from inclusion.security.events import EventKind
from tests.auth.conftest import restore_limiter
from tests.auth.factories import PASSWORD, UserFactory
from tests.auth.sso_fixtures import START, last_event, sign_in_through, sso_app_for
from tests.conftest import TestSettings
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET
from tests.pages import PageClient, error_summary, normalised_text

ENTRY = {
    "name": "entra",
    "label": "Somerset Council (Microsoft)",
    "discovery_url": "https://login.example.com/tenant/v2.0/.well-known/openid-configuration",
    "client_id": "abc",
    "email_domains": ["Somerset.gov.uk"],
}


def test_providers_are_read_from_json_or_from_a_file_it_names(tmp_path):
    as_text = '[{"name": "entra", "label": "Entra", "discovery_url": "https://x/", '
    as_text += '"client_id": "abc", "email_domains": ["somerset.gov.uk"]}]'
    (tmp_path / "providers.json").write_text(as_text, encoding="utf-8")
    from_file = parse_providers(str(tmp_path / "providers.json"))
    assert parse_providers(as_text) == from_file
    assert from_file[0].email_domains == ("somerset.gov.uk",)
    assert from_file[0].scopes == "openid email profile"
    assert parse_providers("") == []


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ("[{", "not valid JSON"),
        ("/no/such/providers.json", "cannot read"),
        ('{"name": "x"}', "JSON list of objects"),
        ([{**ENTRY, "client_id": ""}], "lacks client_id"),
        ([{**ENTRY, "name": "Has Spaces"}], "lower-case letters"),
        ([{**ENTRY, "scopes": "email"}], "must include openid"),
        ([ENTRY, ENTRY], "names each provider once"),
    ],
)
def test_a_malformed_provider_setting_stops_the_start_with_the_reason(setting, complaint):
    with pytest.raises(ConfigurationError, match=complaint):
        parse_providers(setting)


def test_a_provider_without_its_secret_in_the_environment_stops_the_start(monkeypatch):
    monkeypatch.delenv("OIDC_ENTRA_CLIENT_SECRET", raising=False)
    settings = type("Settings", (TestSettings,), {"OIDC_PROVIDERS": [ENTRY]})
    with pytest.raises(ConfigurationError, match="Set OIDC_ENTRA_CLIENT_SECRET"):
        create_app(settings)


def test_the_sign_in_page_offers_each_provider_as_a_button_beside_the_password_form(
    app, session, provider, monkeypatch
):
    monkeypatch.setenv("OIDC_LOOPBACK_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("OIDC_DFE_CLIENT_SECRET", CLIENT_SECRET)
    both = [provider.settings(), provider.settings(name="dfe", label="DfE Sign-in")]
    page = PageClient(sso_app_for(app, provider, OIDC_PROVIDERS=both)).get(
        "/sign-in?next=/schools/"
    )
    buttons = {a.get_text(strip=True): a["href"] for a in page.select("a.govuk-button")}
    assert buttons == {
        "Sign in with Loopback ID": "/sign-in/with/loopback?next=/schools/",
        "Sign in with DfE Sign-in": "/sign-in/with/dfe?next=/schools/",
    }
    assert page.select_one("input[name=password]") is not None


def test_without_providers_the_sign_in_page_has_no_buttons_and_provider_routes_are_404(client):
    page = client.get("/sign-in")
    assert page.select("a.govuk-button") == []
    client.get(START, status=404)
    client.get(f"{START}/callback", status=404)


def test_sign_in_returns_to_the_local_page_the_person_asked_for(sso_client, provider, session):
    UserFactory(email="back@school.example.org")
    provider.add_user("back", "back@school.example.org")
    sso_client.get(f"{START}?next=https://evil.example.com/", status=302)
    sso_client.get(f"{START}?next=/schools/", status=302)
    address = sso_client.last_response.location
    back = provider.authorize(address, "back")
    parts = urlsplit(back)
    sso_client.get(f"{parts.path}?{parts.query}", status=302)
    assert sso_client.last_response.location == "/schools/"


def test_passwords_turned_off_for_a_domain_are_refused_with_a_pointer_to_the_provider(
    sso_client, session
):
    person = UserFactory(email="head@sso-only.example.org")
    page = sso_client.post("/sign-in", {"email": person.email, "password": PASSWORD})
    assert error_summary(page) == [
        "Passwords are turned off for sso-only.example.org email addresses. "
        "Sign in with Loopback ID"
    ]
    event = last_event(session)
    assert (event.kind, event.user_id) == (EventKind.SIGN_IN_FAILED, person.id)
    assert event.detail == {"reason": "password sign-in off for domain"}
    other = UserFactory(email="teacher@school.example.org")
    sso_client.post("/sign-in", {"email": other.email, "password": PASSWORD}, status=302)


def test_signing_out_ends_the_portal_session_and_offers_the_providers_sign_out(
    sso_client, provider, session
):
    UserFactory(email="out@school.example.org")
    provider.add_user("out", "out@school.example.org")
    sign_in_through(sso_client, provider, "out")
    page = sso_client.post("/sign-out", status=200)
    assert page.h1.get_text(strip=True) == "You have signed out"
    offer = urlsplit(page.select_one("a.govuk-button")["href"])
    assert f"{offer.scheme}://{offer.netloc}{offer.path}" == f"{provider.issuer}/oauth2/end_session"
    query = parse_qs(offer.query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["post_logout_redirect_uri"] == ["http://127.0.0.1:5000/sign-in"]
    assert query["id_token_hint"][0].count(".") == 2
    sso_client.get("/dashboard", status=302)
    # Signing out again (no provider session left) is the ordinary sign-out.
    sso_client.post("/sign-out", status=302)


def test_without_an_end_session_endpoint_signing_out_is_the_ordinary_sign_out(
    sso_client, provider, session
):
    UserFactory(email="plain@school.example.org")
    provider.add_user("plain", "plain@school.example.org")
    provider.discovery_changes = {"end_session_endpoint": None}
    try:
        sign_in_through(sso_client, provider, "plain")
        sso_client.post("/sign-out", status=302)
    finally:
        provider.discovery_changes = {}
    assert sso_client.last_response.location == "/sign-in"
    sso_client.get("/dashboard", status=302)


def test_a_provider_that_does_not_answer_gets_a_clear_page_and_an_event(
    app, session, provider, monkeypatch
):
    monkeypatch.setenv("OIDC_LOOPBACK_CLIENT_SECRET", CLIENT_SECRET)
    silent = provider.settings(discovery_url="http://127.0.0.1:9/.well-known/openid-configuration")
    client = PageClient(sso_app_for(app, provider, OIDC_PROVIDERS=[silent]))
    page = client.get(START, status=503)
    assert "is not answering" in normalised_text(page)
    assert last_event(session).detail == {"provider": "loopback", "reason": "provider unreachable"}


def test_sso_sign_in_is_throttled_per_address_like_password_sign_in(
    app, session, provider, monkeypatch
):
    monkeypatch.setenv("OIDC_LOOPBACK_CLIENT_SECRET", CLIENT_SECRET)
    throttled = sso_app_for(
        app, provider, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://"
    )
    try:
        client = PageClient(throttled)
        starts = [client.raw("GET", START).status_code for _ in range(21)]
        callbacks = PageClient(throttled)
        answers = [callbacks.raw("GET", f"{START}/callback").status_code for _ in range(21)]
    finally:
        restore_limiter(app)
    assert starts == [302] * 20 + [429]
    assert answers == [400] * 20 + [429]


def test_a_discovery_document_naming_another_issuer_is_refused(sso_client, provider, session):
    provider.discovery_changes = {"issuer": "https://login.example.com"}
    try:
        page = sso_client.get(START, status=503)
    finally:
        provider.discovery_changes = {}
    assert "did not pass our security checks" in normalised_text(page)
    assert last_event(session).detail["reason"] == "discovery document names another issuer"


@pytest.mark.parametrize(
    ("issuer", "matches"),
    [
        ("https://oidc.example.gov.uk", True),
        ("https://oidc.example.gov.uk:443/", True),
        ("https://oidc.example.gov.uk/tenant", False),
        ("https://attacker.example.com", False),
        ("http://oidc.example.gov.uk", False),
    ],
)
def test_a_discovery_document_must_name_the_issuer_it_was_published_under(issuer, matches):
    assert same_issuer(issuer, "https://oidc.example.gov.uk") is matches
