"""Single sign-on in a real browser: a SENCO signs in at a provider on loopback and lands on
their dashboard; every portal page on the way passes axe."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from inclusion import create_app
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.seeding import seed_demo_users, seed_reference_data
from tests.browser.axe import assert_accessible
from tests.browser.conftest import recreate_postgres_database, require_frontend_assets
from tests.oidc_provider import CLIENT_SECRET, LoopbackProvider

SECRET_VARIABLE = "OIDC_LOOPBACK_CLIENT_SECRET"
SENCO_EMAIL = "senco@demo.example.org"
PROVIDER_LABEL = "Somerset Council (Microsoft)"


def _database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        return recreate_postgres_database(url, "_sso_browser")
    folder = Path(tempfile.mkdtemp(prefix="inclusion-sso-browser-"))
    return f"sqlite:///{folder / 'browser.sqlite'}"


def _portal(provider: LoopbackProvider, base_url: str) -> Flask:
    class SsoBrowserSettings(TestConfig):
        SQLALCHEMY_DATABASE_URI = _database_url()
        WTF_CSRF_ENABLED = True
        RATELIMIT_ENABLED = False
        PUBLIC_BASE_URL = base_url
        OIDC_PROVIDERS = [
            provider.settings(label=PROVIDER_LABEL, email_domains=["demo.example.org"])
        ]

    app = create_app(SsoBrowserSettings)
    with app.app_context():
        upgrade()
        seed_reference_data()
        seed_demo_users()
        db.session.remove()
    return app


@pytest.fixture(scope="module")
def sso_server() -> Iterator[tuple[str, LoopbackProvider]]:
    require_frontend_assets()
    provider = LoopbackProvider()
    portal: dict[str, Flask] = {}
    server = make_server(
        "127.0.0.1", 0, lambda env, reply: portal["app"](env, reply), threaded=True
    )
    base_url = f"http://127.0.0.1:{server.server_port}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SECRET_VARIABLE, CLIENT_SECRET)
        portal["app"] = _portal(provider, base_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url, provider
    server.shutdown()
    thread.join(timeout=10)
    provider.stop()
    with portal["app"].app_context():
        db.engine.dispose()


@pytest.fixture
def sso_page(browser: Browser, sso_server) -> Iterator[Page]:
    context = browser.new_context(base_url=sso_server[0])
    # The provider's own pages ask a CDN for a stylesheet: tests stay off the network.
    context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    yield context.new_page()
    context.close()


def sign_in_at_provider(page: Page, subject: str) -> None:
    page.goto("/sign-in")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_LABEL}").click()
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()


def test_a_senco_signs_in_through_the_provider_and_lands_on_their_dashboard(sso_page, sso_server):
    provider = sso_server[1]
    provider.add_user("senco-at-provider", SENCO_EMAIL)
    sso_page.goto("/sign-in")
    assert_accessible(sso_page)
    sign_in_at_provider(sso_page, "senco-at-provider")
    expect(sso_page).to_have_url(f"{sso_server[0]}/dashboard")
    expect(sso_page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(sso_page)
    sso_page.get_by_role("button", name="Sign out").click()
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(sso_page.get_by_role("button", name=f"Sign out of {PROVIDER_LABEL}")).to_be_visible()
    assert_accessible(sso_page)


def test_someone_the_council_never_invited_is_told_to_ask_their_council(sso_page, sso_server):
    sso_server[1].add_user("stranger", "stranger@demo.example.org")
    sign_in_at_provider(sso_page, "stranger")
    heading = sso_page.get_by_role("heading", level=1)
    expect(heading).to_have_text("You do not have an account yet")
    assert_accessible(sso_page)
