"""What each signed-in person sees first: their schools, partnerships and next steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from inclusion.audit.models import Audit
from inclusion.audit.statuses import AuditStatus
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.permissions import partnerships_visible_to
from inclusion.round.adviser_worklist import AdviserWork, adviser_worklist
from inclusion.round.worklists import Worklist, admin_worklist, school_worklist
from inclusion.schools.models import AcademicYear, AreaInclusionPartnership, School
from inclusion.schools.services import current_year
from inclusion.send_report.progress import ChecklistStanding, standings_for
from inclusion.uk_time import uk_today


@dataclass
class Dashboard:
    year: AcademicYear | None
    roles: list[str]
    schools: list[tuple[School, list[str]]] = field(default_factory=list)
    audit_status: dict[int, str] = field(default_factory=dict)
    partnerships: list[AreaInclusionPartnership] = field(default_factory=list)
    is_admin: bool = False
    school_count: int = 0
    user_count: int = 0
    is_inclusion_officer: bool = False
    notices_waiting: int = 0
    # What is waiting for the person, shown first (inclusion/round/).
    school_work: Worklist = field(default_factory=Worklist)
    adviser_work: AdviserWork = field(default_factory=AdviserWork)
    admin_work: Worklist = field(default_factory=Worklist)
    # School id -> its SEND Information Report checklist this year (inclusion/send_report/).
    checklists: dict[int, ChecklistStanding] = field(default_factory=dict)


def dashboard_for(user: User) -> Dashboard:
    board = Dashboard(year=current_year(), roles=sorted({a.role_label for a in user.roles}))
    board.schools = _schools_with_roles(user)
    board.audit_status = _audit_statuses([s.id for s, _ in board.schools], board.year)
    board.checklists = standings_for([s for s, _ in board.schools], board.year)
    board.partnerships = list(db.session.scalars(partnerships_visible_to(user)))
    today = uk_today()
    board.school_work = school_worklist(user, board.year, today)
    board.adviser_work = adviser_worklist(user, board.year, today)
    if user.is_admin:
        board.admin_work = admin_worklist(today)
        board.is_admin = True
        board.school_count = db.session.scalar(select(func.count(School.id)).where(School.is_open))
        board.user_count = db.session.scalar(select(func.count(User.id)))
    if user.has_role(Role.INCLUSION_OFFICER):
        board.is_inclusion_officer = True
        board.notices_waiting = _notices_waiting()
    return board


def _notices_waiting() -> int:
    from inclusion.graduated_response.models import CouncilNotification

    return db.session.scalar(
        select(func.count(CouncilNotification.id)).where(
            CouncilNotification.acknowledged_at.is_(None)
        )
    )


def _schools_with_roles(user: User) -> list[tuple[School, list[str]]]:
    by_school: dict[int, tuple[School, list[str]]] = {}
    for assignment in user.roles:
        if assignment.role in (Role.SENCO, Role.HEADTEACHER) and assignment.school:
            entry = by_school.setdefault(assignment.school_id, (assignment.school, []))
            entry[1].append(assignment.role_label)
    return sorted(by_school.values(), key=lambda pair: pair[0].name)


def _audit_statuses(school_ids: list[int], year: AcademicYear | None) -> dict[int, str]:
    """School id -> this year's audit status, in one query."""
    if not school_ids or year is None:
        return {}
    rows = db.session.execute(
        select(Audit.school_id, Audit.status).where(
            Audit.school_id.in_(school_ids), Audit.academic_year_id == year.id
        )
    ).all()
    return {school_id: AuditStatus(status).label for school_id, status in rows}
