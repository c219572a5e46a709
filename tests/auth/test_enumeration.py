"""Sign-in tells nobody whether an address has an account (issue 18, item 6): every refusal
does the same Argon2 work and gives the same answer, whether the address is unknown, the
password wrong, the account deactivated, without a password yet, or slowed after failures."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from inclusion.auth.roles import Role
from inclusion.auth.sign_in import SIGN_IN_FAILED
from inclusion.db_types import utcnow
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import PageClient, error_summary


@pytest.fixture
def argon2_verifications(monkeypatch) -> list[str]:
    """Count calls into the Argon2 library (a third-party boundary, not our code)."""
    calls: list[str] = []
    real_verify = PasswordHasher.verify

    def counting(self, hash_, password):
        calls.append(hash_)
        return real_verify(self, hash_, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return calls


def people(session) -> dict[str, tuple[str, str]]:
    """Each kind of refusal: the address and password tried."""
    UserFactory.with_role(Role.ADMIN, email="known@x.example.org")
    UserFactory(email="gone@x.example.org", active=False)
    UserFactory(email="invited@x.example.org", password_hash=None)
    slowed = UserFactory(email="slowed@x.example.org", failed_sign_ins=9)
    slowed.locked_until = utcnow() + timedelta(minutes=10)
    session.flush()
    return {
        "unknown address": ("nobody@x.example.org", PASSWORD),
        "wrong password": ("known@x.example.org", "not the password at all"),
        "deactivated": ("gone@x.example.org", PASSWORD),
        "no password yet": ("invited@x.example.org", PASSWORD),
        "slowed, right password": ("slowed@x.example.org", PASSWORD),
    }


def test_every_refusal_verifies_exactly_one_argon2_hash_and_says_the_same(
    app, client, session, argon2_verifications
):
    for case, (email, password) in people(session).items():
        argon2_verifications.clear()
        page = PageClient(app).post("/sign-in", {"email": email, "password": password})
        assert error_summary(page) == [SIGN_IN_FAILED], case
        assert len(argon2_verifications) == 1, case


def median_seconds(app, email: str, password: str, tries: int = 5) -> float:
    timings = []
    for _ in range(tries):
        browser = PageClient(app)
        started = time.perf_counter()
        browser.post("/sign-in", {"email": email, "password": password})
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def test_an_unknown_address_takes_as_long_as_a_wrong_password(app, client, session):
    UserFactory(email="timed@x.example.org")
    PageClient(app).post("/sign-in", {"email": "warm@x.example.org", "password": "warm up"})
    known = median_seconds(app, "timed@x.example.org", "wrong password here")
    unknown = median_seconds(app, "nobody-timed@x.example.org", "wrong password here")
    # Argon2 dominates both; before the fix the unknown address was about 14 times faster.
    assert 0.5 < unknown / known < 2, (unknown, known)
