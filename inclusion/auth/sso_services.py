"""Single sign-on's verbs: find the account an identity belongs to, link it, record it all.

Nobody gains an account or a role by signing in: a provider's identity reaches only an account
the council already made (an invited, active person), matched the first time by a verified
email address and from then on by the (issuer, subject) pair it was linked with.
"""

from __future__ import annotations

from datetime import datetime
from typing import NoReturn

from flask import current_app
from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.oidc import Identity, Provider, configured_providers, email_domain
from inclusion.auth.services import user_by_email
from inclusion.auth.sign_in import SignInRefused, normalise_email
from inclusion.auth.sso_models import SsoIdentity
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.security import events
from inclusion.security.events import EventKind


class SsoRefused(Exception):
    """A trustworthy identity that may not sign in; `kind` chooses the page shown."""

    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


def sign_in(provider: Provider, identity: Identity, now: datetime | None = None) -> User:
    """The account this identity signs in to, linked on first use; one transaction."""
    now = now or utcnow()
    link = _link_for(identity)
    if link is None:
        user = _invited_account(provider, identity)
        link = _new_link(provider, identity, user, now)
    else:
        user = _linked_account(provider, identity, link)
    if not user.active:
        _refuse(provider, identity, "account deactivated", "deactivated", user)
    link.last_used_at = now
    user.last_sign_in_at = now
    events.record(
        EventKind.SSO_SIGNED_IN, user, actor=user, provider=provider.name, subject=identity.subject
    )
    db.session.commit()
    return user


def _link_for(identity: Identity) -> SsoIdentity | None:
    return db.session.scalar(
        select(SsoIdentity).where(
            SsoIdentity.issuer == identity.issuer, SsoIdentity.subject == identity.subject
        )
    )


def _linked_account(provider: Provider, identity: Identity, link: SsoIdentity) -> User:
    """The linked account, unless the provider now vouches for another account's address."""
    other = user_by_email(identity.email) if identity.email_verified and identity.email else None
    if other is not None and other.id != link.user_id:
        _refuse(provider, identity, "subject linked to another account", "linked_elsewhere", other)
    return link.user


def _invited_account(provider: Provider, identity: Identity) -> User:
    if not identity.email or not identity.email_verified:
        _refuse(provider, identity, "email not verified", "unverified")
    if not provider.covers(identity.email):
        _refuse(provider, identity, "email domain not allowed for provider", "unknown_person")
    user = user_by_email(identity.email)
    if user is None:
        _refuse(provider, identity, "email not invited", "unknown_person")
    taken = db.session.scalar(
        select(SsoIdentity).where(
            SsoIdentity.user_id == user.id, SsoIdentity.issuer == identity.issuer
        )
    )
    if taken is not None:
        _refuse(provider, identity, "account linked to another subject", "linked_elsewhere", user)
    return user


def _new_link(provider: Provider, identity: Identity, user: User, now: datetime) -> SsoIdentity:
    link = SsoIdentity(
        user=user,
        issuer=identity.issuer,
        subject=identity.subject,
        provider=provider.name,
        linked_at=now,
    )
    db.session.add(link)
    events.record(
        EventKind.SSO_LINKED, user, actor=user, provider=provider.name, subject=identity.subject
    )
    return link


def _refuse(
    provider: Provider, identity: Identity, reason: str, kind: str, user: User | None = None
) -> NoReturn:
    events.record(
        EventKind.SSO_REFUSED,
        user,
        email=identity.email,
        provider=provider.name,
        subject=identity.subject,
        reason=reason,
    )
    db.session.commit()
    raise SsoRefused(reason, kind)


def record_protocol_failure(provider: Provider, reason: str) -> None:
    """An answer from the provider that failed a check (state, nonce, signature, expiry...)."""
    events.record(EventKind.SSO_REFUSED, provider=provider.name, reason=reason)
    db.session.commit()


def refuse_password_if_off(email: str) -> None:
    """Where the council has turned passwords off for a domain, point to the provider."""
    domain = email_domain(email)
    off = current_app.config["PASSWORD_SIGN_IN_OFF_DOMAINS"].lower().split(",")
    if not domain or domain not in {entry.strip() for entry in off}:
        return
    events.record(
        EventKind.SIGN_IN_FAILED,
        user_by_email(email),
        email=normalise_email(email),
        reason="password sign-in off for domain",
    )
    db.session.commit()
    raise SignInRefused(password_off_message(domain))


def password_off_message(domain: str) -> str:
    provider = next((p for p in configured_providers() if p.covers(f"x@{domain}")), None)
    instead = f"Sign in with {provider.label}" if provider else "Ask your council how to sign in"
    return f"Passwords are turned off for {domain} email addresses. {instead}"
