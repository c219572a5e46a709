"""Password rules (NCSC: length over complexity, no common passwords) and hashing."""

from __future__ import annotations

import pytest

from inclusion.auth.passwords import (
    common_passwords,
    hash_password,
    password_problem,
    verify_password,
)

EMAIL = "sam.senco@school.example.org"


def test_a_long_passphrase_without_symbols_is_accepted():
    assert password_problem("tractor cider levels", EMAIL, 10) is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1!", "Password must be 10 characters or more"),
        ("x" * 257, "Password must be 256 characters or fewer"),
        ("password123", "Password is too easy to guess. Try three random words together"),
        ("aaaaaaaaaaaa", "Password is too easy to guess. Try three random words together"),
        ("sam.senco-rocks", "Password is too easy to guess. Try three random words together"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(password, problem):
    assert password_problem(password, EMAIL, 10) == problem


def test_the_common_password_list_is_loaded_from_the_seeds():
    assert "password123" in common_passwords()
    assert len(common_passwords()) > 100


def test_hashes_are_argon2id_and_salted():
    first, second = hash_password("tractor cider levels"), hash_password("tractor cider levels")
    assert first.startswith("$argon2id$")
    assert first != second
    assert verify_password(first, "tractor cider levels")
    assert not verify_password(first, "tractor cider level")


def test_an_account_without_a_password_never_verifies():
    assert not verify_password(None, "")
    assert not verify_password("not-a-hash", "anything at all")
