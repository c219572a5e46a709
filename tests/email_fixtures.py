"""Email fixtures: apps configured for each backend (each joined to the test's transaction)
and the real servers on loopback they send to. Imported by the conftests that need them."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import pytest
from flask import Flask

from inclusion.jobs import DeferredRunner
from tests.conftest import TestSettings, app_in_test_transaction
from tests.notifications.servers import (
    SMTP_PASSWORD,
    SMTP_USER,
    FakeNotify,
    SmtpServer,
    free_port,
    self_signed_certificate,
)

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"
TEMPLATES = {
    "NOTIFY_TEMPLATE_INVITATION": "f33517ff-2a88-4f6e-b855-c550268ce08a",
    "NOTIFY_TEMPLATE_PASSWORD_RESET": "3ff7d6a3-6d4f-4c1e-9bd8-2f5a0f5a6b70",
    "NOTIFY_TEMPLATE_PASSWORD_CHANGED": "9c1c9a4b-1e57-4d0e-8a7f-36b5d2a1c9e2",
}


@pytest.fixture(scope="session")
def certificate(tmp_path_factory) -> tuple[str, str]:
    cert, key = self_signed_certificate(tmp_path_factory.mktemp("smtp-tls"))
    return str(cert), str(key)


@pytest.fixture(scope="session")
def tls_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def smtp_server(tls_context) -> Iterator[SmtpServer]:
    """A relay that insists on STARTTLS before anyone logs in, as a real one should."""
    server = SmtpServer(tls_context=tls_context).start()
    yield server
    server.stop()


@pytest.fixture
def fake_notify() -> Iterator[FakeNotify]:
    server = FakeNotify().start()
    yield server
    server.stop()


def smtp_settings(port: int, ca_file: str) -> type[TestSettings]:
    class SmtpSettings(TestSettings):
        SMTP_HOST = "127.0.0.1"
        SMTP_PORT = port
        SMTP_USERNAME = SMTP_USER
        SMTP_PASSWORD = SMTP_PASSWORD
        SMTP_STARTTLS = True
        SMTP_CA_FILE = ca_file
        SMTP_TIMEOUT_SECONDS = 5
        MAIL_FROM = "Inclusion Portal <no-reply@portal.example.org>"

    return SmtpSettings


@pytest.fixture
def smtp_app(app, session, smtp_server, certificate) -> Iterator[Flask]:
    yield from _pushed(
        app_in_test_transaction(smtp_settings(smtp_server.port, certificate[0]), app)
    )


@pytest.fixture
def smtp_down_app(app, session, certificate) -> Iterator[Flask]:
    """Configured for a relay on a port where nothing listens."""
    yield from _pushed(app_in_test_transaction(smtp_settings(free_port(), certificate[0]), app))


@pytest.fixture
def notify_app(app, session, fake_notify) -> Iterator[Flask]:
    class NotifySettings(TestSettings):
        NOTIFY_API_KEY = API_KEY
        NOTIFY_BASE_URL = fake_notify.url

    for setting, template_id in TEMPLATES.items():
        setattr(NotifySettings, setting, template_id)
    yield from _pushed(app_in_test_transaction(NotifySettings, app))


def _pushed(application: Flask) -> Iterator[Flask]:
    with application.app_context():
        yield application


def runner(application: Flask) -> DeferredRunner:
    return application.extensions["job_runner"]
