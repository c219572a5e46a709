"""Factories for people and their roles; `UserFactory.with_role(...)` reads as the role."""

from __future__ import annotations

import factory

from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.passwords import hash_password
from inclusion.auth.roles import Role
from tests.schools.factories import BaseFactory

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = hash_password(PASSWORD)


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@school.example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password_hash = _PASSWORD_HASH

    @classmethod
    def with_role(cls, role: Role, school=None, partnership=None, **kwargs) -> User:
        user = cls(**kwargs)
        user.roles.append(RoleAssignment(role=role.value, school=school, partnership=partnership))
        cls._meta.sqlalchemy_session_factory().flush()
        return user
