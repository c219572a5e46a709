"""Invitations: a new person gets an email with their single-use set-password link.

Used by the "add a user" form, the CSV upload (many people in one transaction) and "resend".
The link lasts SET_PASSWORD_LINK_HOURS; sending a new invitation revokes the older link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from inclusion.auth.models import SetPasswordLink, User
from inclusion.auth.services import (
    NewUser,
    add_user,
    add_users,
    link_lifetime,
    new_link,
    portal_url,
)
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.notifications.kinds import INVITATION
from inclusion.notifications.models import OutboundEmail
from inclusion.notifications.services import dispatch, queue_email
from inclusion.security import events
from inclusion.security.events import EventKind
from inclusion.uk_time import format_datetime


def invite_new_user(details: NewUser) -> tuple[User, OutboundEmail]:
    """Create the account and email the invitation, in one transaction."""
    user, token = add_user(details)
    email = _queue_invitation(user, token)
    return user, _commit_and_send([email])[0]


def invite_many(people: Sequence[NewUser]) -> list[OutboundEmail]:
    """Create every account and queue every invitation in one transaction: all or none."""
    emails = [_queue_invitation(user, token) for user, token in add_users(people)]
    return _commit_and_send(emails)


def send_invitation(user: User) -> OutboundEmail:
    """A new invitation with a new link; any older link stops working."""
    token = new_link(user)
    events.record(EventKind.LINK_ISSUED, user, purpose="invitation")
    return _commit_and_send([_queue_invitation(user, token)])[0]


def _commit_and_send(emails: list[OutboundEmail]) -> list[OutboundEmail]:
    db.session.flush()
    ids = [email.id for email in emails]
    db.session.commit()
    dispatch(ids)
    return emails


def _queue_invitation(user: User, token: str) -> OutboundEmail:
    expires = utcnow() + link_lifetime("invitation")
    events.record(EventKind.INVITATION_SENT, user)
    personalisation = {
        "name": user.display_name,
        "role": _role_text(user),
        "link": portal_url("auth.set_password", token=token),
        "expires": format_datetime(expires),
    }
    return queue_email(INVITATION, user, personalisation)


def _role_text(user: User) -> str:
    """ "SENCO at Oak Primary School": what the person was invited as."""
    parts = []
    for assignment in user.roles:
        scope = assignment.school or assignment.partnership
        label = assignment.role_label
        parts.append(f"{label} for {scope.name}" if scope else label)
    return ", ".join(parts) or "a member of staff"


def latest_invitation_email(user: User) -> OutboundEmail | None:
    return db.session.scalar(
        select(OutboundEmail)
        .where(OutboundEmail.user_id == user.id, OutboundEmail.kind == INVITATION.name)
        .order_by(OutboundEmail.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class PendingInvitation:
    user: User
    invited_at: datetime | None
    link_expires_at: datetime | None
    last_email: OutboundEmail | None

    @property
    def link_expired(self) -> bool:
        return self.link_expires_at is None or self.link_expires_at <= utcnow()


def pending_invitations() -> list[PendingInvitation]:
    """Active people who have not yet set a password, with their latest link and email."""
    people = db.session.scalars(
        select(User)
        .where(User.password_hash.is_(None), User.active.is_(True))
        .order_by(User.display_name)
    ).all()
    links = _latest_by_user(SetPasswordLink, SetPasswordLink.user_id, [p.id for p in people])
    emails = _latest_by_user(
        OutboundEmail,
        OutboundEmail.user_id,
        [p.id for p in people],
        OutboundEmail.kind == INVITATION.name,
    )
    return [
        PendingInvitation(
            user=person,
            invited_at=links[person.id].created_at if person.id in links else None,
            link_expires_at=_live_expiry(links.get(person.id)),
            last_email=emails.get(person.id),
        )
        for person in people
    ]


def _latest_by_user(model, user_column, user_ids: list[int], *conditions) -> dict[int, object]:
    rows = db.session.scalars(
        select(model).where(user_column.in_(user_ids), *conditions).order_by(model.id)
    )
    return {row.user_id: row for row in rows}  # the last one wins


def _live_expiry(link: SetPasswordLink | None) -> datetime | None:
    if link is None or link.revoked or link.used_at is not None:
        return None
    return link.expires_at
