"""The email fixtures (tests/email_fixtures.py) for the round's tests."""

from tests.audit.conftest import world  # noqa: F401  (a school with a small framework)
from tests.email_fixtures import (  # noqa: F401
    certificate,
    smtp_app,
    smtp_server,
    tls_context,
)
