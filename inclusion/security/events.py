"""Recording security events. Called by services; details are plain facts, never secrets."""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any

from flask import g, has_request_context, request

from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.security.models import SecurityEvent

FORBIDDEN_KEYS = {"password", "token", "secret", "hash"}
logger = logging.getLogger("inclusion.security")


class EventKind(StrEnum):
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_IN_SLOWED = "sign_in_slowed"
    SIGNED_OUT = "signed_out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"
    PASSWORD_SET = "password_set"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_CHANGE_FAILED = "password_change_failed"
    PASSWORD_RESET_REQUESTED = "password_reset_requested"
    PASSWORD_RESET_LIMITED = "password_reset_limited"
    PASSWORD_RESET = "password_reset"
    INVITATION_SENT = "invitation_sent"
    LINK_ISSUED = "set_password_link_issued"
    USER_CREATED = "user_created"
    ROLE_ADDED = "role_added"
    ROLE_REMOVED = "role_removed"
    ROLE_REFUSED = "role_change_refused"
    ACCOUNT_DEACTIVATED = "account_deactivated"
    ACCOUNT_REACTIVATED = "account_reactivated"
    ACCOUNT_UNLOCKED = "account_unlocked"
    DATA_IMPORTED = "data_imported"
    DATA_EXPORTED = "data_exported"
    API_KEY_CREATED = "api_key_created"
    API_KEY_REVOKED = "api_key_revoked"
    API_KEY_USED = "api_key_used"
    API_KEY_REFUSED = "api_key_refused"
    SUSPENSION_LIMIT_OVERRIDDEN = "suspension_limit_overridden"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


def record(
    kind: EventKind,
    user: User | None = None,
    email: str = "",
    actor: User | None = None,
    **detail: Any,
) -> None:
    """Add an event to the session; the caller's transaction commits it with its own work.
    The actor is whoever is signed in (or the API key) unless the caller names one."""
    if FORBIDDEN_KEYS & {key.lower() for key in detail}:
        raise ValueError("security events never hold passwords, tokens or hashes")
    actor_id, actor_label = _actor(actor)
    event = SecurityEvent(
        kind=kind.value,
        user_id=user.id if user is not None and user.id else None,
        email=(email or (user.email if user is not None else ""))[:254],
        address=_address(),
        detail={key: str(value)[:200] for key, value in detail.items()},
        actor_id=actor_id,
        actor=actor_label[:254],
    )
    db.session.add(event)
    logger.info(
        "security event %s",
        kind.value,
        extra={
            "event": kind.value,
            "account": event.email,
            "actor": event.actor,
            "address": event.address,
            "detail": event.detail,
        },
    )


def _actor(actor: User | None) -> tuple[int | None, str]:
    if actor is not None:
        return actor.id, actor.email
    if not has_request_context():
        return None, "command line"
    key = g.get("api_key")
    if key is not None:
        return key.account_id, f"API key {key.prefix}"
    # Flask-Login's loaded user, read without loading (events are written while loading too).
    signed_in = g.get("_login_user")
    if signed_in is not None and signed_in.is_authenticated and isinstance(signed_in.id, int):
        return signed_in.id, signed_in.email
    return None, ""


def record_import(report: Any, user: User | None) -> None:
    """An import run, kept or refused: what, which file, how many rows, by whom."""
    record(
        EventKind.DATA_IMPORTED,
        user,
        source=report.kind,
        file=report.filename,
        succeeded=report.succeeded,
        dry_run=report.dry_run,
        rows=report.rows_read,
    )
    db.session.commit()


def record_export(what: str, user: User | None, **detail: Any) -> None:
    """A download of the portal's data (an audit, a dashboard table), in its own transaction."""
    record(EventKind.DATA_EXPORTED, user, what=what, **detail)
    db.session.commit()


def _address() -> str:
    return (request.remote_addr or "")[:64] if has_request_context() else "command line"
