"""Sending the round's messages: to the people who still want them, and at most once each.

Event messages (an audit submitted, a pairing recorded) go once per event. Due messages
(`due.py`) and advisers' reminders carry a subject key: a `SentNotice` row per (kind, person,
subject key) is written in the same transaction as the email, and the unique constraint makes
a second run find it and send nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.services import portal_url
from inclusion.extensions import db
from inclusion.notifications.kinds import EmailKind
from inclusion.notifications.services import dispatch, queue_email
from inclusion.round.models import EmailPreference, SentNotice

Values = Callable[[User], Mapping[str, str]]


def turned_off(user_ids: Iterable[int], kind: EmailKind) -> set[int]:
    """Of these people, those who turned `kind` off (never any for an always-on kind)."""
    ids = list(user_ids)
    if not kind.optional or not ids:
        return set()
    query = select(EmailPreference.user_id).where(
        EmailPreference.user_id.in_(ids), EmailPreference.kind == kind.name
    )
    return set(db.session.scalars(query))


def already_sent(kind: EmailKind, user_ids: Iterable[int], subject_key: str) -> set[int]:
    ids = list(user_ids)
    if not ids:
        return set()
    query = select(SentNotice.user_id).where(
        SentNotice.kind == kind.name,
        SentNotice.subject_key == subject_key,
        SentNotice.user_id.in_(ids),
    )
    return set(db.session.scalars(query))


def queue_notices(
    kind: EmailKind, people: Iterable[User], values: Values, subject_key: str | None = None
) -> list[int]:
    """Queue `kind` to each active person who wants it (and, with a subject key, has not had
    it for that subject); returns the email ids to `dispatch` after the commit."""
    recipients = {p.id: p for p in people if p.is_active}
    skip = turned_off(recipients, kind)
    if subject_key is not None:
        skip |= already_sent(kind, recipients, subject_key)
    queued = []
    for person in recipients.values():
        if person.id in skip:
            continue
        if subject_key is not None:
            db.session.add(SentNotice(kind=kind.name, user_id=person.id, subject_key=subject_key))
        personalisation = {"name": person.display_name, "settings_link": settings_link()}
        queued.append(queue_email(kind, person, personalisation | dict(values(person))))
    db.session.flush()
    return [email.id for email in queued]


def send_notices(
    kind: EmailKind, people: Iterable[User], values: Values, subject_key: str | None = None
) -> int:
    """Queue, commit and dispatch: for a use case whose own work is already committed."""
    ids = queue_notices(kind, people, values, subject_key)
    db.session.commit()
    dispatch(ids)
    return len(ids)


def settings_link() -> str:
    return portal_url("email_settings.edit")
