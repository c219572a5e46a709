"""Known devices: a signed cookie naming the accounts that signed in on this browser before.

A correct password from a known device passes the per-account back-off (see
`inclusion/auth/sign_in.py`), so a stranger guessing wrong passwords cannot keep the person
out. The cookie is signed with SECRET_KEY, so it cannot be forged for another account; it
proves only that the browser was used before, never replaces the password.
"""

from __future__ import annotations

from flask import Request, Response, current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_NAME = "known_device"
_SALT = "inclusion-known-device"
_MAX_ACCOUNTS = 5  # a shared staffroom computer remembers its last few people


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=_SALT)


def _max_age_seconds() -> int:
    return current_app.config["KNOWN_DEVICE_DAYS"] * 24 * 3600


def known_account_ids(request: Request) -> tuple[int, ...]:
    """The accounts this browser signed in to within KNOWN_DEVICE_DAYS; none if tampered."""
    raw = request.cookies.get(COOKIE_NAME, "")
    if not raw:
        return ()
    try:
        ids = _serializer().loads(raw, max_age=_max_age_seconds())
    except BadSignature:
        return ()
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return ()
    return tuple(ids)


def remember_device(request: Request, response: Response, account_id: int) -> None:
    ids = [account_id, *(i for i in known_account_ids(request) if i != account_id)]
    response.set_cookie(
        COOKIE_NAME,
        _serializer().dumps(ids[:_MAX_ACCOUNTS]),
        max_age=_max_age_seconds(),
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
    )
