"""A school with a SENCO and a headteacher in a partnership with an adviser, this year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.notifications.models import OutboundEmail
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.services import current_year
from inclusion.uk_time import uk_today
from tests.auth.factories import UserFactory
from tests.email_fixtures import runner
from tests.schools.factories import AcademicYearFactory, MembershipFactory


@dataclass
class RoundSchool:
    year: AcademicYear
    school: School
    senco: User
    head: User
    adviser: User


def round_school(opens_days_ago: int = 7, due_in_days: int = 7) -> RoundSchool:
    """The current year's audit opened `opens_days_ago` and is due in `due_in_days`."""
    year = current_year() or AcademicYearFactory()
    today = uk_today()
    year.audit_opens_on = today - timedelta(days=opens_days_ago)
    year.audit_due_on = today + timedelta(days=due_in_days)
    membership = MembershipFactory(academic_year=year)
    school = membership.school
    senco = UserFactory.with_role(Role.SENCO, school=school)
    head = UserFactory.with_role(Role.HEADTEACHER, school=school)
    adviser = UserFactory.with_role(Role.ADVISER, partnership=membership.partnership)
    db.session.flush()
    return RoundSchool(year, school, senco, head, adviser)


def emails(kind: str | None = None) -> list[OutboundEmail]:
    query = select(OutboundEmail).order_by(OutboundEmail.id)
    if kind:
        query = query.where(OutboundEmail.kind == kind)
    return list(db.session.scalars(query))


def send_due(application: Flask) -> str:
    """Run the scheduled command as cron would, then the jobs it queued."""
    result = application.test_cli_runner().invoke(args=["notifications", "send-due"])
    assert result.exit_code == 0, result.output
    runner(application).run_pending()
    return result.output
