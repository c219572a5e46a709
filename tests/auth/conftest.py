"""An app with rate limiting switched on, for the throttling tests."""

from __future__ import annotations

import pytest

from inclusion import create_app
from tests.conftest import TestSettings
from tests.pages import PageClient


class ThrottledSettings(TestSettings):
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"


@pytest.fixture
def throttled_client(app, session) -> PageClient:
    throttled = create_app(ThrottledSettings)
    return PageClient(throttled)
