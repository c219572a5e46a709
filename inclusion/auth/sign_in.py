"""Signing in: one answer and one password check for every refusal, and a per-account
back-off that a person's own device or a reset link passes (docs/decisions/0002).

Every attempt verifies one Argon2 hash (a dummy one for an unknown, deactivated or password-less
account), so the time taken says nothing about whether the address has an account, and every
refusal has the same message. After SIGN_IN_FREE_FAILURES wrong passwords in a row an account
is slowed: new devices must wait SIGN_IN_BACKOFF_SECONDS, doubling per further failure up to
SIGN_IN_BACKOFF_MAX_MINUTES. A browser that signed in to the account before (a signed cookie,
`devices.py`) is never slowed, and a password reset link clears the back-off.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.passwords import verify_password
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.security import events
from inclusion.security.events import EventKind

SIGN_IN_FAILED = "Enter a correct email address and password"


class SignInRefused(Exception):
    def __init__(self, message: str = SIGN_IN_FAILED) -> None:
        super().__init__(message)
        self.message = message


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(
    email: str,
    password: str,
    known_accounts: Collection[int] = (),
    now: datetime | None = None,
) -> User:
    """The signed-in user, or SignInRefused with the same message for every refusal."""
    now = now or utcnow()
    address = normalise_email(email)
    user = db.session.scalar(select(User).where(User.email == address))
    password_hash = user.password_hash if user is not None and user.active else None
    if not verify_password(password_hash, password):  # Argon2 work on every path
        _refuse(user, address, now, counted=True)
    if is_slowed(user, now) and user.id not in known_accounts:
        _refuse(user, address, now, counted=False)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    events.record(EventKind.SIGNED_IN, user, actor=user)
    db.session.commit()
    return user


def is_slowed(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def _refuse(user: User | None, address: str, now: datetime, counted: bool) -> None:
    reason = "wrong password or no such account" if counted else "slowed, new device"
    events.record(EventKind.SIGN_IN_FAILED, user, email=address, reason=reason)
    if counted and user is not None:
        count_failure(user, now)
    db.session.commit()
    raise SignInRefused()


def count_failure(user: User, now: datetime) -> None:
    """One more wrong password in a row; from SIGN_IN_FREE_FAILURES on, a growing wait."""
    user.failed_sign_ins += 1
    beyond = user.failed_sign_ins - current_app.config["SIGN_IN_FREE_FAILURES"]
    if beyond < 0:
        return
    user.locked_until = now + backoff(beyond)
    if beyond == 0:
        events.record(EventKind.SIGN_IN_SLOWED, user, minutes=backoff(0).total_seconds() / 60)


def backoff(beyond_free: int) -> timedelta:
    base = current_app.config["SIGN_IN_BACKOFF_SECONDS"]
    longest = current_app.config["SIGN_IN_BACKOFF_MAX_MINUTES"] * 60
    return timedelta(seconds=min(base * 2 ** min(beyond_free, 20), longest))


def unlock(user: User) -> None:
    """An administrator ends the back-off."""
    user.locked_until = None
    user.failed_sign_ins = 0
    events.record(EventKind.ACCOUNT_UNLOCKED, user)
    db.session.commit()
