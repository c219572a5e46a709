"""Who hears about a school: its SENCOs and headteachers, and its partnership's advisers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import PartnershipMembership, School
from inclusion.schools.services import current_year


def staff_of(school: School, *roles: Role) -> list[User]:
    return staff_by_school([school.id], *roles).get(school.id, [])


def staff_by_school(school_ids: Iterable[int], *roles: Role) -> dict[int, list[User]]:
    """School id -> its active people in `roles` (SENCO and headteacher by default), in one
    query however many schools."""
    ids = list(school_ids)
    wanted = [r.value for r in (roles or (Role.SENCO, Role.HEADTEACHER))]
    if not ids:
        return {}
    rows = db.session.execute(
        select(RoleAssignment.school_id, User)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.school_id.in_(ids),
            RoleAssignment.role.in_(wanted),
            User.active,
        )
        .order_by(User.id)
    ).all()
    staff: dict[int, list[User]] = defaultdict(list)
    for school_id, user in rows:
        if user not in staff[school_id]:
            staff[school_id].append(user)
    return dict(staff)


def advisers_of(school: School) -> list[User]:
    """Advisers of the partnership the school belongs to this year."""
    year = current_year()
    if year is None:
        return []
    partnership_ids = select(PartnershipMembership.partnership_id).where(
        PartnershipMembership.school_id == school.id,
        PartnershipMembership.academic_year_id == year.id,
    )
    return list(
        db.session.scalars(
            select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(
                RoleAssignment.role == Role.ADVISER.value,
                RoleAssignment.partnership_id.in_(partnership_ids),
                User.active,
            )
            .distinct()
            .order_by(User.id)
        )
    )
