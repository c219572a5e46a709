"""The email fixtures (tests/email_fixtures.py) for the notification tests."""

from tests.email_fixtures import (  # noqa: F401
    certificate,
    fake_notify,
    notify_app,
    smtp_app,
    smtp_down_app,
    smtp_server,
    tls_context,
)
