"""Sending a message the way features do, for the backend tests."""

from __future__ import annotations

from inclusion.notifications.kinds import PASSWORD_CHANGED
from inclusion.notifications.models import OutboundEmail
from inclusion.notifications.services import send_email

PORTAL = "http://127.0.0.1:5000"


def send_password_changed(address: str) -> OutboundEmail:
    return send_email(
        PASSWORD_CHANGED,
        address,
        {
            "name": "Sam Taylor",
            "changed_at": "2 December 2026 at 5:30pm",
            "sign_in_link": f"{PORTAL}/sign-in",
        },
    )
