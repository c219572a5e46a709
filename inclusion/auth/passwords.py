"""Password hashing (Argon2id) and the password rules, following NCSC guidance:
length over complexity, and no password from a list of commonly used ones."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Package data (inclusion/auth/data/, see its README), so an installed wheel has the lists:
# about 20,000 breached passwords (Royce Williams' list as shipped by Django, BSD licence)
# and the portal's own additions (place names, "senco123" and the like).
BREACHED_PASSWORDS = "common-passwords.txt.gz"
PORTAL_PASSWORDS = "portal-passwords.txt"
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
    data = resources.files("inclusion.auth") / "data"
    breached = gzip.decompress(data.joinpath(BREACHED_PASSWORDS).read_bytes()).decode("utf-8")
    ours = data.joinpath(PORTAL_PASSWORDS).read_text(encoding="utf-8")
    lines = (breached + "\n" + ours).splitlines()
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
