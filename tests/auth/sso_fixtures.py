"""Fixtures for single sign-on: a loopback provider, and a portal app configured to use it."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select

from inclusion.security.models import SecurityEvent
from tests.conftest import TestSettings, app_in_test_transaction
from tests.oidc_provider import CLIENT_SECRET, LoopbackProvider
from tests.pages import PageClient

START = "/sign-in/with/loopback"


@pytest.fixture(scope="module")
def provider() -> Iterator[LoopbackProvider]:
    running = LoopbackProvider()
    yield running
    running.stop()


def sso_app_for(app: Flask, provider: LoopbackProvider, **settings: object) -> Flask:
    entries = settings.pop("OIDC_PROVIDERS", None) or [
        provider.settings(email_domains=["school.example.org", "sso-only.example.org"])
    ]
    attributes = {"OIDC_PROVIDERS": entries, "PASSWORD_SIGN_IN_OFF_DOMAINS": "sso-only.example.org"}
    settings_class = type("SsoSettings", (TestSettings,), attributes | settings)
    return app_in_test_transaction(settings_class, app)


@pytest.fixture
def sso_app(app, session, provider, monkeypatch) -> Flask:
    monkeypatch.setenv("OIDC_LOOPBACK_CLIENT_SECRET", CLIENT_SECRET)
    provider.forged_claims, provider.signing_key = {}, None
    return sso_app_for(app, provider)


@pytest.fixture
def sso_client(sso_app) -> PageClient:
    return PageClient(sso_app)


def start(client: PageClient) -> str:
    """Press the provider's button: the address of the provider's sign-in page."""
    client.get(START, status=302)
    return client.last_response.location


def come_back(client: PageClient, callback_url: str, status: int) -> BeautifulSoup:
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}", status=status)


def sign_in_through(
    client: PageClient, provider: LoopbackProvider, subject: str, status: int = 302
) -> BeautifulSoup:
    return come_back(client, provider.authorize(start(client), subject), status)


def last_event(session) -> SecurityEvent:
    session.expire_all()
    return session.scalars(select(SecurityEvent).order_by(SecurityEvent.id.desc())).first()


def event_kinds(session) -> list[str]:
    return list(session.scalars(select(SecurityEvent.kind).order_by(SecurityEvent.id)))
