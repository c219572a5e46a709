"""Each person's email settings: which optional kinds of email they receive."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select

from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.notifications.kinds import KINDS, EmailKind
from inclusion.round.models import EmailPreference


def optional_kinds() -> list[EmailKind]:
    return [kind for kind in KINDS.values() if kind.optional]


def always_on_kinds() -> list[EmailKind]:
    return [kind for kind in KINDS.values() if not kind.optional]


def kinds_turned_off(user: User) -> set[str]:
    query = select(EmailPreference.kind).where(EmailPreference.user_id == user.id)
    return set(db.session.scalars(query))


def save_preferences(user: User, wanted: Iterable[str]) -> None:
    """Turn on the optional kinds named in `wanted` and turn off the rest. Account and
    security kinds cannot be turned off: they are not optional, so they are never stored."""
    wanted = set(wanted)
    off = {kind.name for kind in optional_kinds()} - wanted
    db.session.execute(delete(EmailPreference).where(EmailPreference.user_id == user.id))
    db.session.add_all(EmailPreference(user_id=user.id, kind=name) for name in sorted(off))
    db.session.commit()
