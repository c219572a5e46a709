"""An app with rate limiting switched on, for the throttling tests; the email fixtures."""

from __future__ import annotations

import pytest

from tests.auth.sso_fixtures import provider, sso_app, sso_client  # noqa: F401
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
def throttled_client(app, session) -> PageClient:
    return PageClient(app_in_test_transaction(ThrottledSettings, app))
