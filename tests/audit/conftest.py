"""Audit fixtures: two small framework versions (2024/25 and 2025/26) and a school's people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from inclusion.audit.answers import AnswerInput, save_answer, standard_in, start_audit
from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.models import Audit
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.schools.models import AcademicYear, AreaInclusionPartnership, School
from tests.auth.factories import UserFactory
from tests.schools.factories import AcademicYearFactory, MembershipFactory

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class AuditWorld:
    last_year: AcademicYear
    year: AcademicYear
    school: School
    partnership: AreaInclusionPartnership
    senco: User
    head: User
    adviser: User
    admin: User

    @property
    def slug(self) -> str:
        return self.year.label.replace("/", "-")

    def url(self, suffix: str = "", year: AcademicYear | None = None) -> str:
        label = (year or self.year).label.replace("/", "-")
        return f"/schools/{self.school.urn}/audits/{label}/{suffix}"


def small_years() -> tuple[AcademicYear, AcademicYear]:
    last = AcademicYearFactory(
        label="2024/25", start_date=date(2024, 9, 1), end_date=date(2025, 8, 31), is_current=False
    )
    this = AcademicYearFactory(
        label="2025/26", start_date=date(2025, 9, 1), end_date=date(2026, 8, 31)
    )
    return last, this


def load_small_frameworks(app) -> None:
    with app.test_request_context():
        load_framework_file(FIXTURES / "small-2024-25.yaml")
        load_framework_file(FIXTURES / "small-2025-26.yaml")


@pytest.fixture
def world(app, session) -> AuditWorld:
    last, this = small_years()
    load_small_frameworks(app)
    membership = MembershipFactory(academic_year=this)
    MembershipFactory(
        academic_year=last, school=membership.school, partnership=membership.partnership
    )
    school, partnership = membership.school, membership.partnership
    return AuditWorld(
        last_year=last,
        year=this,
        school=school,
        partnership=partnership,
        senco=UserFactory.with_role(Role.SENCO, school=school),
        head=UserFactory.with_role(Role.HEADTEACHER, school=school),
        adviser=UserFactory.with_role(Role.ADVISER, partnership=partnership),
        admin=UserFactory.with_role(Role.ADMIN),
    )


def begin(app, world: AuditWorld, year: AcademicYear | None = None) -> Audit:
    with app.test_request_context():
        return start_audit(world.school, year or world.year, world.senco)


def answer_all(app, audit: Audit, user: User, ratings: dict[str, int | str]) -> None:
    """Answer standards directly through the service ('na' for not applicable)."""
    with app.test_request_context():
        for code, rating in ratings.items():
            given = (
                AnswerInput(
                    not_applicable=True, not_applicable_reason="No such pupils", evidence="x"
                )
                if rating == "na"
                else AnswerInput(rating=rating, evidence=f"Evidence for {code}")
            )
            save_answer(audit, standard_in(audit, code), given, None, user)


ALL_ESTABLISHED = {
    "LG1": 2,
    "LG2": 2,
    "CI-U1": 2,
    "CI-U2": 2,
    "CI-U4": 2,
    "SD1": 2,
    "SD2": 2,
    "SD3": 2,
}
