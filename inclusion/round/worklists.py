"""What is waiting for each person, for the top of their home page.

Each section costs a fixed number of queries however many schools a person has (the
dashboard's query count is tested), and each item links to the page where the work is done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from inclusion.audit.models import Audit, AuditAction, AuditEvent
from inclusion.audit.statuses import ActionStatus, AuditStatus
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.graduated_response import records, rules
from inclusion.graduated_response.models import ImportRun, PartTimeTimetable
from inclusion.notifications.models import EmailStatus, OutboundEmail
from inclusion.round.window import Deadline, audit_deadline, checklist_deadline
from inclusion.schools.models import AcademicYear, School
from inclusion.send_report.models import Checklist, ChecklistAnswer

ACTIONS_DUE_WITHIN = timedelta(days=14)
RECENT_IMPORTS = timedelta(days=30)


@dataclass(frozen=True)
class WorkItem:
    text: str
    href: str


@dataclass
class Worklist:
    deadline: Deadline | None = None
    checklist_deadline: Deadline | None = None
    items: list[WorkItem] = field(default_factory=list)


def school_worklist(user: User, year: AcademicYear | None, today: date) -> Worklist:
    """A SENCO's and a headteacher's work at their schools this year."""
    senco_of, head_of = user.school_ids(Role.SENCO), user.school_ids(Role.HEADTEACHER)
    if year is None or not (senco_of or head_of):
        return Worklist()
    schools = _schools(senco_of | head_of)
    audits = _audits(schools, year)
    work = Worklist(deadline=_deadline(audits, schools, year, today))
    work.checklist_deadline = checklist_deadline(year, today)
    work.items += _to_sign_off(audits, head_of)
    work.items += _checklist_gaps(head_of, schools, year)
    work.items += _returned(audits, senco_of)
    work.items += _overdue_reviews(senco_of, schools, today)
    work.items += _actions_due(audits, senco_of, today)
    return work


def _schools(ids: set[int]) -> dict[int, School]:
    return {s.id: s for s in db.session.scalars(select(School).where(School.id.in_(ids)))}


def _audits(schools: dict[int, School], year: AcademicYear) -> dict[int, Audit]:
    query = (
        select(Audit)
        .where(Audit.school_id.in_(schools), Audit.academic_year_id == year.id)
        .options(joinedload(Audit.school), joinedload(Audit.academic_year))
    )
    return {a.school_id: a for a in db.session.scalars(query)}


def _slug(year: AcademicYear) -> str:
    return year.label.replace("/", "-")


def _deadline(audits, schools, year: AcademicYear, today: date) -> Deadline | None:
    """Shown while any of the person's schools is still to submit."""
    waiting = [
        sid
        for sid in schools
        if sid not in audits
        or audits[sid].status_enum in (AuditStatus.NOT_STARTED, AuditStatus.IN_PROGRESS)
    ]
    return audit_deadline(year, today) if waiting else None


def _to_sign_off(audits: dict[int, Audit], head_of: set[int]) -> list[WorkItem]:
    return [
        WorkItem(
            f"{audit.school.name}'s audit is waiting for you to sign off",
            url_for("audit_review.sign_off", urn=audit.school.urn, year=_slug(audit.academic_year)),
        )
        for sid, audit in sorted(audits.items())
        if sid in head_of and audit.status_enum is AuditStatus.SUBMITTED
    ]


def _checklist_gaps(head_of: set[int], schools, year: AcademicYear) -> list[WorkItem]:
    if not head_of:
        return []
    rows = db.session.execute(
        select(Checklist.school_id, func.count(ChecklistAnswer.id))
        .join(ChecklistAnswer, ChecklistAnswer.checklist_id == Checklist.id)
        .where(
            Checklist.school_id.in_(head_of),
            Checklist.academic_year_id == year.id,
            ChecklistAnswer.status.in_(("not_met", "partly_met")),
        )
        .group_by(Checklist.school_id)
    ).all()
    return [
        WorkItem(
            f"{schools[sid].name}: {count} SEND Information Report checklist "
            f"item{'s' if count != 1 else ''} to review (not met or partly met)",
            url_for("send_report.overview", urn=schools[sid].urn, year=_slug(year)),
        )
        for sid, count in sorted(rows)
    ]


def _returned(audits: dict[int, Audit], senco_of: set[int]) -> list[WorkItem]:
    candidates = {
        a.id: a
        for sid, a in audits.items()
        if sid in senco_of and a.status_enum is AuditStatus.IN_PROGRESS
    }
    if not candidates:
        return []
    latest = (
        select(func.max(AuditEvent.id))
        .where(AuditEvent.audit_id.in_(candidates))
        .group_by(AuditEvent.audit_id)
    )
    returned = db.session.scalars(
        select(AuditEvent.audit_id).where(AuditEvent.id.in_(latest), AuditEvent.event == "returned")
    )
    return [
        WorkItem(
            f"{candidates[aid].school.name}'s audit was returned by the headteacher",
            url_for(
                "audit.overview",
                urn=candidates[aid].school.urn,
                year=_slug(candidates[aid].academic_year),
            ),
        )
        for aid in sorted(returned)
    ]


def _overdue_reviews(senco_of: set[int], schools, today: date) -> list[WorkItem]:
    if not senco_of:
        return []
    counts: dict[int, int] = defaultdict(int)
    for record in _live_timetables_of(senco_of):
        if rules.is_review_overdue(records.timetable_facts(record), today):
            counts[record.school_id] += 1
    return [
        WorkItem(
            f"{schools[sid].name}: {n} part-time timetable review{'s' if n != 1 else ''} overdue",
            url_for("records.timetables", urn=schools[sid].urn),
        )
        for sid, n in sorted(counts.items())
    ]


def _live_timetables_of(school_ids: set[int]) -> list[PartTimeTimetable]:
    query = (
        select(PartTimeTimetable)
        .where(PartTimeTimetable.school_id.in_(school_ids), PartTimeTimetable.deleted_at.is_(None))
        .options(selectinload(PartTimeTimetable.reviews), selectinload(PartTimeTimetable.school))
    )
    return list(db.session.scalars(query))


def _actions_due(audits: dict[int, Audit], senco_of: set[int], today: date) -> list[WorkItem]:
    mine = {a.id: a for sid, a in audits.items() if sid in senco_of}
    if not mine:
        return []
    rows = db.session.execute(
        select(AuditAction.audit_id, func.count(AuditAction.id))
        .where(
            AuditAction.audit_id.in_(mine),
            AuditAction.status != ActionStatus.DONE.value,
            AuditAction.due_date <= today + ACTIONS_DUE_WITHIN,
        )
        .group_by(AuditAction.audit_id)
    ).all()
    return [
        WorkItem(
            f"{mine[aid].school.name}: {n} action{'s' if n != 1 else ''} due in the next two "
            "weeks or overdue",
            url_for(
                "audit_plan.actions", urn=mine[aid].school.urn, year=_slug(mine[aid].academic_year)
            ),
        )
        for aid, n in sorted(rows)
    ]


def admin_worklist(today: date) -> Worklist:
    """Invitations not accepted, emails that failed, imports refused lately: three counts."""
    pending = db.session.scalar(
        select(func.count(User.id)).where(User.password_hash.is_(None), User.active.is_(True))
    )
    failed = db.session.scalar(
        select(func.count(OutboundEmail.id)).where(OutboundEmail.status == EmailStatus.FAILED.value)
    )
    since = datetime.combine(today - RECENT_IMPORTS, time(), tzinfo=UTC)
    refused = db.session.scalar(
        select(func.count(ImportRun.id)).where(
            ImportRun.succeeded.is_(False), ImportRun.started_at >= since
        )
    )
    work = Worklist()
    if pending:
        work.items.append(
            WorkItem(
                _people(pending, "not accepted their invitation"), url_for("invitations.pending")
            )
        )
    if failed:
        work.items.append(
            WorkItem(
                _plural(failed, "email") + " failed to send",
                url_for("emails.index", status="failed"),
            )
        )
    if refused:
        work.items.append(
            WorkItem(
                _plural(refused, "import") + " refused in the last 30 days",
                url_for("imports.history"),
            )
        )
    return work


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _people(count: int, what: str) -> str:
    return f"{count} {'person has' if count == 1 else 'people have'} {what}"
