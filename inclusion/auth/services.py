"""Sign-in, accounts, role assignments and set-password links."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update

from inclusion.auth.models import RoleAssignment, SetPasswordLink, User, new_session_id
from inclusion.auth.passwords import hash_password, password_problem, verify_password
from inclusion.auth.roles import Role
from inclusion.auth.sign_in import count_failure, normalise_email
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership, School
from inclusion.security import events
from inclusion.security.events import EventKind


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def user_by_session_id(session_id: str) -> User | None:
    return db.session.scalar(select(User).where(User.session_id == session_id))


def sign_out(user: User, everywhere: bool = False, actor: User | None = None) -> None:
    """End every session the person has: a new session id makes each copy of their session
    cookie (on this browser, another device, or in an attacker's hands) sign in nobody."""
    user.session_id = new_session_id()
    kind = EventKind.SIGNED_OUT_EVERYWHERE if everywhere else EventKind.SIGNED_OUT
    events.record(kind, user, actor=actor)
    db.session.commit()


@dataclass(frozen=True)
class NewUser:
    email: str
    display_name: str
    role: Role
    school: School | None = None
    partnership: AreaInclusionPartnership | None = None


def create_user(details: NewUser) -> tuple[User, str]:
    """Create an account with one role; returns the user and a set-password token."""
    user, token = add_user(details)
    db.session.commit()
    return user, token


def add_user(details: NewUser) -> tuple[User, str]:
    """`create_user` without the commit, for several accounts in one transaction."""
    email = normalise_email(details.email)
    if user_by_email(email) is not None:
        raise InvalidInput("A user with this email address already exists", field="email")
    user = User(email=email, display_name=details.display_name.strip())
    db.session.add(user)
    _add_role(user, details.role, details.school, details.partnership)
    token = new_link(user)
    db.session.flush()
    events.record(EventKind.USER_CREATED, user, role=details.role.value)
    return user, token


def add_users(people: Sequence[NewUser]) -> list[tuple[User, str]]:
    """Several new accounts in one go (no commit): one lookup for addresses already taken and
    one flush, so that a council's list of hundreds takes seconds, not minutes."""
    emails = [normalise_email(details.email) for details in people]
    taken = sorted(db.session.scalars(select(User.email).where(User.email.in_(emails))))
    if taken or len(set(emails)) != len(emails):
        raise InvalidInput(
            f"{taken[0] if taken else 'An address'} already has an account", field="email"
        )
    created = []
    with db.session.no_autoflush:
        for details, email in zip(people, emails, strict=True):
            user = User(email=email, display_name=details.display_name.strip())
            db.session.add(user)
            _add_role(user, details.role, details.school, details.partnership)
            created.append((user, new_link(user)))
    db.session.flush()
    for details, (user, _) in zip(people, created, strict=True):
        events.record(EventKind.USER_CREATED, user, role=details.role.value)
    return created


def assign_role(
    user: User,
    role: Role,
    school: School | None = None,
    partnership: AreaInclusionPartnership | None = None,
    actor: User | None = None,
) -> None:
    """Add a role. Nobody grants a role to themselves: an administrator who could would reach
    any school's pupil records in two clicks, so another administrator must do it."""
    scope = _scope_name(school, partnership)
    if actor is not None and actor.id == user.id:
        events.record(EventKind.ROLE_REFUSED, user, role=role.value, scope=scope, why="self")
        db.session.commit()
        raise InvalidInput(
            "You cannot give yourself a role. Ask another administrator to add it", field="role"
        )
    _add_role(user, role, school, partnership)
    events.record(EventKind.ROLE_ADDED, user, role=role.value, scope=scope)
    db.session.commit()


def _add_role(
    user: User, role: Role, school: School | None, partnership: AreaInclusionPartnership | None
) -> None:
    school, partnership = _scope_for(role, school, partnership)
    if role == Role.PARTNERSHIP_LEAD and user.has_role(Role.PARTNERSHIP_LEAD):
        raise InvalidInput("A partnership lead leads one partnership only", field="role")
    for existing in user.roles:
        if (existing.role, existing.school, existing.partnership) == (role, school, partnership):
            raise InvalidInput("This person already has that role", field="role")
    user.roles.append(RoleAssignment(role=role.value, school=school, partnership=partnership))


def _scope_for(
    role: Role, school: School | None, partnership: AreaInclusionPartnership | None
) -> tuple[School | None, AreaInclusionPartnership | None]:
    if role.scope == "school":
        if school is None:
            raise InvalidInput(f"Choose the school for the {role.label} role", field="school")
        return school, None
    if role.scope == "partnership":
        if partnership is None:
            raise InvalidInput(
                f"Choose the partnership for the {role.label} role", field="partnership"
            )
        return None, partnership
    return None, None


def remove_role(user: User, assignment_id: int) -> None:
    assignment = next((a for a in user.roles if a.id == assignment_id), None)
    if assignment is None:
        raise NotFound("That role assignment does not exist.")
    if assignment.role == Role.ADMIN and user.active:
        _keep_an_administrator(user)
    user.roles.remove(assignment)
    events.record(EventKind.ROLE_REMOVED, user, role=assignment.role, scope=assignment.scope_label)
    db.session.commit()


def set_active(user: User, active: bool) -> None:
    if not active and user.is_admin:
        _keep_an_administrator(user)
    user.active = active
    user.session_id = new_session_id()
    kind = EventKind.ACCOUNT_REACTIVATED if active else EventKind.ACCOUNT_DEACTIVATED
    events.record(kind, user)
    db.session.commit()


def _keep_an_administrator(leaving: User) -> None:
    """Refuse to leave the council with no active administrator (nobody could then manage
    accounts or unlock anyone)."""
    others = db.session.scalar(
        select(func.count(RoleAssignment.id))
        .join(User)
        .where(RoleAssignment.role == Role.ADMIN.value, User.active, User.id != leaving.id)
    )
    if not others:
        events.record(EventKind.ROLE_REFUSED, leaving, role=Role.ADMIN.value, why="last admin")
        db.session.commit()
        raise InvalidInput(
            "This is the only active administrator. Make someone else an administrator first",
            field="role",
        )


def _scope_name(school: School | None, partnership: AreaInclusionPartnership | None) -> str:
    return school.name if school else (partnership.name if partnership else "whole council")


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(user: User, purpose: str = "invitation") -> str:
    """Revoke the person's older links and make a new one; only its hash is stored.
    Invitations last SET_PASSWORD_LINK_HOURS, resets PASSWORD_RESET_LINK_MINUTES."""
    if user.id is not None:  # an account not yet saved has no links to revoke
        for link in db.session.scalars(
            select(SetPasswordLink).where(SetPasswordLink.user_id == user.id)
        ):
            link.revoked = True
    token = secrets.token_urlsafe(32)
    expires = utcnow() + link_lifetime(purpose)
    db.session.add(
        SetPasswordLink(
            user=user, token_hash=_hash_token(token), expires_at=expires, purpose=purpose
        )
    )
    return token


def link_lifetime(purpose: str) -> timedelta:
    if purpose == "reset":
        return timedelta(minutes=current_app.config["PASSWORD_RESET_LINK_MINUTES"])
    return timedelta(hours=current_app.config["SET_PASSWORD_LINK_HOURS"])


def issue_set_password_link(user: User) -> str:
    token = new_link(user)
    events.record(EventKind.LINK_ISSUED, user)
    db.session.commit()
    return token


class LinkUnusable(Exception):
    """The set-password link is unknown, used, revoked or expired."""


def usable_link(token: str) -> SetPasswordLink:
    link = db.session.scalar(
        select(SetPasswordLink).where(SetPasswordLink.token_hash == _hash_token(token))
    )
    if link is None or link.used_at or link.revoked or link.expires_at <= utcnow():
        raise LinkUnusable()
    return link


def set_password_with_link(token: str, password: str) -> User:
    """Set the password, use up the link and end every session the person had."""
    link = usable_link(token)
    _set_password(link.user, password)
    _use_up(link)
    kind = EventKind.PASSWORD_RESET if link.purpose == "reset" else EventKind.PASSWORD_SET
    events.record(kind, link.user)
    db.session.commit()
    if link.purpose == "reset":
        _tell_of_password_change(link.user)
    return link.user


def _use_up(link: SetPasswordLink) -> None:
    """Mark the link used with a compare-and-set, so of two requests racing with one link
    only one sets a password; the other gets LinkUnusable and its change is rolled back."""
    now = utcnow()
    claimed = db.session.execute(
        update(SetPasswordLink)
        .where(
            SetPasswordLink.id == link.id,
            SetPasswordLink.used_at.is_(None),
            SetPasswordLink.revoked.is_(False),
            SetPasswordLink.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise LinkUnusable()


def change_password(user: User, current_password: str, new_password: str) -> None:
    """A wrong current password counts as a failed sign-in (and towards the back-off) and is
    logged, so the form cannot be used to guess a signed-in person's password unseen."""
    if not verify_password(user.password_hash, current_password):
        events.record(EventKind.PASSWORD_CHANGE_FAILED, user)
        count_failure(user, utcnow())
        db.session.commit()
        raise InvalidInput("Your current password is not correct", field="current_password")
    _set_password(user, new_password)
    events.record(EventKind.PASSWORD_CHANGED, user)
    db.session.commit()
    _tell_of_password_change(user)


def _tell_of_password_change(user: User) -> None:
    """An email, so that a person whose password someone else changed finds out."""
    from inclusion.notifications.kinds import PASSWORD_CHANGED
    from inclusion.notifications.services import send_email
    from inclusion.uk_time import format_datetime

    sign_in_link = portal_url("auth.sign_in")
    values = {"name": user.display_name, "changed_at": format_datetime(utcnow())}
    send_email(PASSWORD_CHANGED, user, values | {"sign_in_link": sign_in_link})


def portal_url(endpoint: str, **values: str) -> str:
    """An absolute link to the portal for emails, built from PUBLIC_BASE_URL rather than the
    request's host (a forged Host header must not send a reset link to another site), and
    without a request, so that background jobs can build it too."""
    path = current_app.url_map.bind("portal").build(endpoint, values)
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def _set_password(user: User, password: str) -> None:
    problem = password_problem(password, user.email, current_app.config["PASSWORD_MIN_LENGTH"])
    if problem:
        raise InvalidInput(problem, field="password")
    user.password_hash = hash_password(password)
    user.session_id = new_session_id()
    user.failed_sign_ins = 0
    user.locked_until = None
