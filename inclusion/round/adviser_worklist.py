"""An inclusion adviser's work across their partnerships: audits to review, challenges the
school has answered, schools to chase (with their SENCO and headteacher), pairings ending."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from inclusion.area_partnerships.models import SupportPairing
from inclusion.area_partnerships.support import OPEN_STATUSES
from inclusion.audit.models import Answer, Audit
from inclusion.audit.statuses import AuditStatus
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.round.recipients import staff_by_school
from inclusion.round.worklists import WorkItem
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)

PAIRINGS_ENDING_WITHIN = timedelta(days=30)


@dataclass(frozen=True)
class SchoolToChase:
    school: School
    status: AuditStatus
    partnership: AreaInclusionPartnership
    sencos: list[User]
    heads: list[User]


@dataclass
class AdviserWork:
    items: list[WorkItem] = field(default_factory=list)
    to_chase: list[SchoolToChase] = field(default_factory=list)
    partnerships: list[AreaInclusionPartnership] = field(default_factory=list)


def adviser_worklist(user: User, year: AcademicYear | None, today: date) -> AdviserWork:
    advised = user.partnership_ids(Role.ADVISER)
    if year is None or not advised:
        return AdviserWork()
    members = _members(advised, year)
    audits = _audits(members, year)
    work = AdviserWork(partnerships=sorted({p for _, p in members.values()}, key=lambda p: p.name))
    work.items += _to_review(members, audits, year)
    work.items += _challenges_answered(members, audits, year)
    work.items += _pairings_ending(members, year, today)
    work.to_chase = _to_chase(members, audits)
    return work


def _members(advised: set[int], year: AcademicYear) -> dict[int, tuple[School, object]]:
    """School id -> (school, partnership) for the adviser's partnerships this year."""
    rows = db.session.execute(
        select(School, AreaInclusionPartnership)
        .join(PartnershipMembership, PartnershipMembership.school_id == School.id)
        .join(
            AreaInclusionPartnership,
            AreaInclusionPartnership.id == PartnershipMembership.partnership_id,
        )
        .where(
            PartnershipMembership.partnership_id.in_(advised),
            PartnershipMembership.academic_year_id == year.id,
        )
        .order_by(School.name)
    ).all()
    return {school.id: (school, partnership) for school, partnership in rows}


def _audits(members, year: AcademicYear) -> dict[int, Audit]:
    query = select(Audit).where(Audit.school_id.in_(members), Audit.academic_year_id == year.id)
    return {audit.school_id: audit for audit in db.session.scalars(query)}


def _slug(year: AcademicYear) -> str:
    return year.label.replace("/", "-")


def _to_review(members, audits: dict[int, Audit], year: AcademicYear) -> list[WorkItem]:
    return [
        WorkItem(
            f"{members[sid][0].name}'s audit is signed off and waiting for your review",
            url_for("audit.overview", urn=members[sid][0].urn, year=_slug(year)),
        )
        for sid in members
        if sid in audits and audits[sid].status_enum is AuditStatus.SIGNED_OFF
    ]


def _challenges_answered(members, audits: dict[int, Audit], year: AcademicYear) -> list[WorkItem]:
    """Challenged ratings the school has changed since the challenge."""
    if not audits:
        return []
    by_audit = {audit.id: sid for sid, audit in audits.items()}
    rows = db.session.execute(
        select(Answer.audit_id, func.count(Answer.id))
        .where(
            Answer.audit_id.in_(by_audit),
            Answer.moderation_decision == "challenge",
            Answer.updated_at > Answer.moderated_at,
        )
        .group_by(Answer.audit_id)
    ).all()
    return [
        WorkItem(
            f"{members[by_audit[aid]][0].name} has answered your challenge to "
            f"{n} rating{'s' if n != 1 else ''}",
            url_for("audit_results.results", urn=members[by_audit[aid]][0].urn, year=_slug(year)),
        )
        for aid, n in sorted(rows)
    ]


def _pairings_ending(members, year: AcademicYear, today: date) -> list[WorkItem]:
    supported = aliased(School)
    rows = db.session.execute(
        select(SupportPairing, supported.name)
        .join(supported, supported.id == SupportPairing.supported_school_id)
        .where(
            SupportPairing.academic_year_id == year.id,
            SupportPairing.supported_school_id.in_(members),
            SupportPairing.status.in_(OPEN_STATUSES),
            SupportPairing.planned_end_date.between(today, today + PAIRINGS_ENDING_WITHIN),
        )
        .order_by(SupportPairing.planned_end_date)
    ).all()
    items = []
    for pairing, school_name in rows:
        partnership = members[pairing.supported_school_id][1]
        items.append(
            WorkItem(
                f"Support for {school_name} on {pairing.standard_code} is planned to end on "
                f"{pairing.planned_end_date.day} {pairing.planned_end_date:%B %Y}",
                url_for("support.edit_pairing", code=partnership.code, pairing_id=pairing.id),
            )
        )
    return items


def _to_chase(members, audits: dict[int, Audit]) -> list[SchoolToChase]:
    waiting = {
        sid: (audits[sid].status_enum if sid in audits else AuditStatus.NOT_STARTED)
        for sid, (school, _) in members.items()
        if school.is_open
    }
    waiting = {
        sid: status
        for sid, status in waiting.items()
        if status in (AuditStatus.NOT_STARTED, AuditStatus.IN_PROGRESS)
    }
    sencos = staff_by_school(waiting, Role.SENCO)
    heads = staff_by_school(waiting, Role.HEADTEACHER)
    return [
        SchoolToChase(
            members[sid][0], status, members[sid][1], sencos.get(sid, []), heads.get(sid, [])
        )
        for sid, status in waiting.items()
    ]
