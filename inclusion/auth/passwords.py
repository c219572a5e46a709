"""Password hashing (Argon2id) and the password rules, following NCSC guidance:
length over complexity, and no password from a list of commonly used ones."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parents[2] / "seeds" / "common_passwords.txt"
MAX_LENGTH = 256
_hasher = PasswordHasher()
# Verifying against this keeps unknown-email sign-ins as slow as wrong-password ones.
_DUMMY_HASH = _hasher.hash("not a real password, used for timing")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


@cache
def common_passwords() -> frozenset[str]:
    if not COMMON_PASSWORDS_FILE.exists():
        return frozenset()
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str, email: str, min_length: int) -> str | None:
    """The first reason `password` is not acceptable, or None when it is."""
    if len(password) < min_length:
        return f"Password must be {min_length} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    if _is_guessable(password, email):
        return "Password is too easy to guess. Try three random words together"
    return None


def _is_guessable(password: str, email: str) -> bool:
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 4:
        return True
    local_part = email.split("@")[0].lower()
    return len(local_part) >= 4 and local_part in lowered
