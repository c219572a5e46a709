"""An app with rate limiting switched on, for the throttling tests; the email fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from inclusion.extensions import limiter
from tests.conftest import TestSettings, app_in_test_transaction
from tests.email_fixtures import (  # noqa: F401
    certificate,
    smtp_app,
    smtp_down_app,
    smtp_server,
    tls_context,
)
from tests.pages import PageClient


class ThrottledSettings(TestSettings):
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"


@pytest.fixture
def throttled_client(app, session) -> Iterator[PageClient]:
    yield PageClient(app_in_test_transaction(ThrottledSettings, app))
    restore_limiter(app)


def restore_limiter(app: Flask) -> None:
    """Flask-Limiter is one object: the last app to initialise it sets whether it counts and
    where. Forget this test's counts and give the limiter back to the shared test app."""
    limiter.reset()
    limiter.enabled = app.config["RATELIMIT_ENABLED"]
