"""API keys: made and revoked by administrators, shown once, stored as a hash.

A key is a random 256-bit token, so a fast hash (SHA-256) is the right store: slow password
hashing defends guessable secrets, and nobody can guess this one. Lookup is by hash, so no
stored value is ever compared with the token itself.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from enum import StrEnum

from flask import Flask, current_app, g, request
from flask_limiter.util import get_remote_address
from limits import parse
from sqlalchemy import select
from werkzeug.exceptions import TooManyRequests

from inclusion.api.models import ApiKey
from inclusion.api.principals import KeyPrincipal
from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput
from inclusion.extensions import db, limiter, login_manager
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.security import events
from inclusion.security.events import EventKind

TOKEN_PREFIX = "ipk_"
# Last-used time and the "key used" event are written at most this often per key, so a
# dashboard refreshing every few seconds neither floods the log nor writes on every read.
USE_RECORDED_EVERY = timedelta(minutes=15)
REFUSALS_LOGGED_EVERY = "1 per 15 minutes"


class KeyAccess(StrEnum):
    READ = "read"
    READ_WRITE = "read-write"

    @property
    def label(self) -> str:
        return "Read only" if self is KeyAccess.READ else "Read and write (audit answers)"


def create_key(
    *,
    name: str,
    access: KeyAccess,
    partnership: AreaInclusionPartnership | None,
    created_by: User,
) -> tuple[ApiKey, str]:
    """The new key and its token: the token is shown once and never stored."""
    if not name.strip() or len(name) > 100:
        raise InvalidInput("Give the key a name of up to 100 characters", field="name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name.strip(),
        access=KeyAccess(access).value,
        partnership=partnership,
        prefix=token[:12],
        token_hash=_hash(token),
        created_by=created_by,
    )
    db.session.add(key)
    db.session.flush()
    _give_account(key)
    events.record(EventKind.API_KEY_CREATED, created_by, key=key.prefix, access=key.access)
    db.session.commit()
    return key, token


def revoke_key(key: ApiKey, by: User) -> None:
    if key.revoked_at is None:
        key.revoked_at, key.revoked_by = utcnow(), by
        events.record(EventKind.API_KEY_REVOKED, by, key=key.prefix)
        db.session.commit()


def keys_listed() -> list[ApiKey]:
    return list(db.session.scalars(select(ApiKey).order_by(ApiKey.created_at.desc())))


def authenticate(token: str) -> ApiKey | None:
    """The active key with this token, its use recorded; None for anything else."""
    key = db.session.scalar(select(ApiKey).where(ApiKey.token_hash == _hash(token)))
    if key is None or not key.is_active:
        _refuse(token)
        return None
    if key.account_id is None:  # a key made before keys had accounts
        _give_account(key)
        db.session.commit()
    _note_use(key)
    return key


def _refuse(token: str) -> None:
    """Made-up keys cost the sender, not the database: past a few a minute from one address
    the answer is 429 before any write, and the security log gets one entry per address per
    quarter of an hour, however many keys are tried (a flood once wrote a row each)."""
    address = get_remote_address()
    if not _hit(current_app.config["API_KEY_REFUSALS_PER_ADDRESS"], "api-key-refused", address):
        raise TooManyRequests("Too many requests with keys that are not valid.")
    if _hit(REFUSALS_LOGGED_EVERY, "api-key-refusal-logged", address):
        note = "later refusals from this address in the next 15 minutes are not logged"
        events.record(EventKind.API_KEY_REFUSED, None, key=token[:12], path=request.path, note=note)
        db.session.commit()


def _hit(limit: str, scope: str, address: str) -> bool:
    """Count one against `limit` for this address; False once it is used up. Without rate
    limiting (tests that do not test it) every hit is allowed."""
    if not current_app.config["RATELIMIT_ENABLED"]:  # per app; the limiter object is shared
        return True
    return limiter.limiter.hit(parse(limit), scope, address)


def _give_account(key: ApiKey) -> None:
    """The account the key's saves are recorded against, so history names the key, not the
    administrator who made it. It cannot sign in: no password, deactivated, an .invalid
    address no mail reaches."""
    key.account = User(
        email=f"api-key-{key.id}@keys.invalid",
        display_name=f"API key {key.prefix} ({key.name[:80]})",
        password_hash=None,
        active=False,
        is_api_key=True,
    )
    db.session.flush()


def _note_use(key: ApiKey) -> None:
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at >= USE_RECORDED_EVERY:
        key.last_used_at = now
        events.record(EventKind.API_KEY_USED, key.created_by, key=key.prefix, path=request.path)
        db.session.commit()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def register_key_loader(app: Flask) -> None:
    login_manager.request_loader(_principal_from_header)


def _principal_from_header(_request) -> KeyPrincipal | None:
    """Flask-Login asks here when no session is signed in; only /api/v1 accepts keys."""
    from inclusion.api import is_api_request

    header = request.headers.get("Authorization", "")
    if not is_api_request() or not header.startswith("Bearer "):
        return None
    key = authenticate(header.removeprefix("Bearer ").strip())
    if key is None:
        return None
    g.api_key = key
    g.login_via_header = True  # Flask-Login: never turn this into a session cookie
    return KeyPrincipal(key)
