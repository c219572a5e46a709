"""What each signed-in person sees first: their schools, partnerships and next steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.permissions import partnerships_visible_to
from inclusion.schools.models import AcademicYear, AreaInclusionPartnership, School
from inclusion.schools.services import current_year


@dataclass
class Dashboard:
    year: AcademicYear | None
    roles: list[str]
    schools: list[tuple[School, list[str]]] = field(default_factory=list)
    partnerships: list[AreaInclusionPartnership] = field(default_factory=list)
    is_admin: bool = False
    school_count: int = 0
    user_count: int = 0


def dashboard_for(user: User) -> Dashboard:
    board = Dashboard(year=current_year(), roles=sorted({a.role_label for a in user.roles}))
    board.schools = _schools_with_roles(user)
    board.partnerships = list(db.session.scalars(partnerships_visible_to(user)))
    if user.is_admin:
        board.is_admin = True
        board.school_count = db.session.scalar(select(func.count(School.id)).where(School.is_open))
        board.user_count = db.session.scalar(select(func.count(User.id)))
    return board


def _schools_with_roles(user: User) -> list[tuple[School, list[str]]]:
    by_school: dict[int, tuple[School, list[str]]] = {}
    for assignment in user.roles:
        if assignment.role in (Role.SENCO, Role.HEADTEACHER) and assignment.school:
            entry = by_school.setdefault(assignment.school_id, (assignment.school, []))
            entry[1].append(assignment.role_label)
    return sorted(by_school.values(), key=lambda pair: pair[0].name)
