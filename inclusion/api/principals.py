"""Who an API key acts as: the permission policy treats it like a person with that scope.

A council-wide key reads as an inclusion adviser of every partnership would, plus the council
figures; a partnership key as an adviser of that partnership. It works at no school, so it never
sees pupil-level records. A read-write key may also save audit answers in its scope.
"""

from __future__ import annotations

from flask import g
from flask_login import current_user
from sqlalchemy import select

from inclusion.api.models import ApiKey
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership

READS_AS = (Role.ADVISER,)


class KeyPrincipal:
    is_authenticated = True
    is_anonymous = False
    is_admin = False

    def __init__(self, key: ApiKey) -> None:
        self.key = key
        self.id = None  # not a person: nothing may be recorded as done by the key itself
        self.email = f"API key {key.prefix}"

    @property
    def is_active(self) -> bool:
        return self.key.is_active

    @property
    def is_council_wide(self) -> bool:
        return self.key.partnership_id is None

    @property
    def may_write(self) -> bool:
        return self.key.access == "read-write"

    def get_id(self) -> None:
        return None

    def has_role(self, role: Role) -> bool:
        return role in READS_AS

    def school_ids(self, *roles: Role) -> set[int]:
        return set()

    def partnership_ids(self, *roles: Role) -> set[int]:
        if roles and not set(roles) & set(READS_AS):
            return set()
        if self.key.partnership_id is not None:
            return {self.key.partnership_id}
        return set(db.session.scalars(select(AreaInclusionPartnership.id)))


def acting_user() -> User:
    """Whom a change is recorded against: the person, or the key's own account (so history
    says the key made the change, not the administrator who made the key)."""
    key = g.get("api_key")
    return (key.account or key.created_by) if key is not None else current_user
