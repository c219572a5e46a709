"""A small world of schools, partnerships and one person per role, for access tests."""

from __future__ import annotations

from dataclasses import dataclass

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.schools.models import AreaInclusionPartnership, School
from tests.auth.factories import UserFactory
from tests.schools.factories import AcademicYearFactory, MembershipFactory

PERSONAS = (
    "anonymous",
    "senco_a",
    "head_a",
    "senco_b",
    "adviser_a",
    "adviser_b",
    "lead_a",
    "admin",
    "no_role",
)


@dataclass
class World:
    school_a: School
    school_b: School
    partnership_a: AreaInclusionPartnership
    partnership_b: AreaInclusionPartnership
    people: dict[str, User | None]


def build_world() -> World:
    year = AcademicYearFactory()
    member_a = MembershipFactory(academic_year=year)
    member_b = MembershipFactory(academic_year=year)
    school_a, school_b = member_a.school, member_b.school
    p_a, p_b = member_a.partnership, member_b.partnership
    people: dict[str, User | None] = {
        "anonymous": None,
        "senco_a": UserFactory.with_role(Role.SENCO, school=school_a),
        "head_a": UserFactory.with_role(Role.HEADTEACHER, school=school_a),
        "senco_b": UserFactory.with_role(Role.SENCO, school=school_b),
        "adviser_a": UserFactory.with_role(Role.ADVISER, partnership=p_a),
        "adviser_b": UserFactory.with_role(Role.ADVISER, partnership=p_b),
        "lead_a": UserFactory.with_role(Role.PARTNERSHIP_LEAD, partnership=p_a),
        "admin": UserFactory.with_role(Role.ADMIN),
        "no_role": UserFactory(),
    }
    return World(school_a, school_b, p_a, p_b, people)
