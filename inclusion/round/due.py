"""What falls due on a day: `flask --app inclusion notifications send-due` runs `send_due`.

Audit reminders go to the SENCO and headteacher of each open school that has not submitted:
when the audit opens, 14, 7 and 1 days before it is due (the nearest one passed, so a day the
command did not run is caught up once) and when it is overdue. Records that need attention
(a part-time timetable review overdue, a pupil's suspensions nearing the yearly limit) and a
SEND Information Report whose annual review is near go to the school's SENCOs, saying only
that something needs attention. Every notice carries a subject key: `notices.py` sends each
(kind, person, subject key) once, so the command can run every few minutes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from inclusion.audit.models import Audit
from inclusion.audit.statuses import AuditStatus
from inclusion.auth.roles import Role
from inclusion.auth.services import portal_url
from inclusion.extensions import db
from inclusion.graduated_response import exclusion_rules, records, rules
from inclusion.graduated_response.incidents import incidents_of
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.notifications import kinds
from inclusion.notifications.kinds import EmailKind
from inclusion.notifications.services import dispatch
from inclusion.round.notices import queue_notices
from inclusion.round.recipients import staff_by_school
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.services import current_year
from inclusion.send_report.models import WebsiteCheck
from inclusion.uk_time import format_date

REMINDER_DAYS = (14, 7, 1)
REPORT_REVIEW_NOTICE_DAYS = 30
NOT_SUBMITTED = (AuditStatus.NOT_STARTED.value, AuditStatus.IN_PROGRESS.value)


@dataclass
class DueRun:
    """How many emails one run queued, by kind."""

    sent: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def total(self) -> int:
        return sum(self.sent.values())


@dataclass(frozen=True)
class Notice:
    """One kind of notice for one school, about one subject."""

    kind: EmailKind
    school: School
    subject_key: str
    values: dict[str, str]
    roles: tuple[Role, ...] = (Role.SENCO, Role.HEADTEACHER)


def send_due(today: date) -> DueRun:
    notices = [*audit_notices(today), *timetable_notices(today), *suspension_notices(today)]
    notices += report_review_notices(today)
    run = DueRun()
    staff = _staff_for(notices)
    for notice in notices:
        people = [p for p in staff.get(notice.school.id, []) if _has_role(p, notice)]
        run.sent[notice.kind.name] += _send_once(notice, people)
    return run


def _staff_for(notices: list[Notice]) -> dict[int, list]:
    return staff_by_school({n.school.id for n in notices}, Role.SENCO, Role.HEADTEACHER)


def _has_role(person, notice: Notice) -> bool:
    return bool(person.school_ids(*notice.roles) & {notice.school.id})


def _send_once(notice: Notice, people: list) -> int:
    """One school's notice in its own transaction: if another run got there first, the
    unique constraint refuses our copy and we send nothing."""
    try:
        ids = queue_notices(notice.kind, people, lambda _: notice.values, notice.subject_key)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return 0
    dispatch(ids)
    return len(ids)


# ---- the audit window ----------------------------------------------------------------


def audit_notices(today: date) -> list[Notice]:
    year = current_year()
    if year is None or year.audit_opens_on is None or today < year.audit_opens_on:
        return []
    kind, stage, extra = _audit_stage(year, today)
    if kind is None:
        return []
    return [
        Notice(
            kind,
            school,
            f"audit:{year.id}:{school.id}:{stage}",
            audit_values(year, school) | extra,
        )
        for school in schools_not_submitted(year)
    ]


def _audit_stage(year: AcademicYear, today: date) -> tuple[EmailKind | None, str, dict]:
    """Which audit notice is due today: overdue, the nearest reminder passed, or the opening."""
    if year.audit_due_on is None:
        return kinds.AUDIT_OPENED, "opened", {}
    days_left = (year.audit_due_on - today).days
    if days_left < 0:
        return kinds.AUDIT_OVERDUE, "overdue", {}
    passed = [d for d in REMINDER_DAYS if days_left <= d]
    if passed:
        nearest = min(passed)
        return kinds.AUDIT_DUE_SOON, f"due-{nearest}", {"days_left": _days_text(days_left)}
    return kinds.AUDIT_OPENED, "opened", {}


def _days_text(days: int) -> str:
    if days == 0:
        return "less than a day"
    return f"{days} day{'s' if days != 1 else ''}"


def audit_values(year: AcademicYear, school: School) -> dict[str, str]:
    return {
        "school_name": school.name,
        "year": year.label,
        "due_date": format_date(year.audit_due_on) if year.audit_due_on else "not set yet",
        "audit_link": portal_url(
            "audit.overview", urn=school.urn, year=year.label.replace("/", "-")
        ),
    }


def schools_not_submitted(year: AcademicYear) -> list[School]:
    """Open schools whose audit this year is not started or still in progress."""
    submitted = select(Audit.school_id).where(
        Audit.academic_year_id == year.id, Audit.status.not_in(NOT_SUBMITTED)
    )
    query = select(School).where(School.is_open, School.id.not_in(submitted)).order_by(School.id)
    return list(db.session.scalars(query))


# ---- records that need attention -----------------------------------------------------


def timetable_notices(today: date) -> list[Notice]:
    """A school with part-time timetable reviews overdue; told again when another falls due."""
    overdue: dict[int, list[tuple[int, date]]] = defaultdict(list)
    schools: dict[int, School] = {}
    for record in _live_timetables():
        facts = records.timetable_facts(record)
        if rules.is_review_overdue(facts, today):
            overdue[record.school_id].append((record.id, facts.last_review or facts.start_date))
            schools[record.school_id] = record.school
    return [
        _records_notice(schools[sid], "timetables", items, "part-time timetable reviews")
        for sid, items in overdue.items()
    ]


def _live_timetables() -> list[PartTimeTimetable]:
    query = (
        select(PartTimeTimetable)
        .where(PartTimeTimetable.deleted_at.is_(None))
        .options(selectinload(PartTimeTimetable.reviews), selectinload(PartTimeTimetable.school))
    )
    return list(db.session.scalars(query))


def suspension_notices(today: date) -> list[Notice]:
    """A school with a pupil whose suspensions this year are nearing the 45-day limit."""
    year = current_year()
    if year is None:
        return []
    logged = db.session.scalars(
        select(ExclusionIncident)
        .where(
            ExclusionIncident.deleted_at.is_(None),
            ExclusionIncident.start_date >= year.start_date,
            ExclusionIncident.start_date <= min(today, year.end_date),
        )
        .options(selectinload(ExclusionIncident.school))
    ).all()
    by_school: dict[int, list[ExclusionIncident]] = defaultdict(list)
    for record in logged:
        by_school[record.school_id].append(record)
    return [
        _records_notice(rows[0].school, "suspensions", near, "suspension records")
        for rows in by_school.values()
        if (near := _nearing_limit(rows))
    ]


def _nearing_limit(rows: list[ExclusionIncident]) -> list[tuple[int, date]]:
    """The latest incident of each pupil at or past the warning level (ids, never references)."""
    totals: dict[str, float] = defaultdict(float)
    latest: dict[str, ExclusionIncident] = {}
    for record, incident in zip(rows, incidents_of(rows), strict=True):
        totals[incident.pupil_ref] += incident.days
        if incident.pupil_ref not in latest or record.id > latest[incident.pupil_ref].id:
            latest[incident.pupil_ref] = record
    near = [p for p, days in totals.items() if days >= exclusion_rules.APPROACHING_LIMIT_DAYS]
    return sorted((latest[p].id, latest[p].start_date) for p in near)


def _records_notice(school: School, topic: str, items: list, what: str) -> Notice:
    # The key changes when another record needs attention, so the school hears again then.
    digest = hashlib.sha256(repr(sorted(items)).encode()).hexdigest()[:16]
    values = {
        "school_name": school.name,
        "what": what,
        "records_link": portal_url("records.overview", urn=school.urn),
    }
    return Notice(
        kinds.RECORDS_NEED_ATTENTION, school, f"{topic}:{school.id}:{digest}", values, (Role.SENCO,)
    )


# ---- the SEND Information Report ------------------------------------------------------


def report_review_notices(today: date) -> list[Notice]:
    """A report whose date (found by the latest website check) is nearly a year old."""
    year = current_year()
    notices = []
    for school, report_date in _latest_report_dates():
        review_by = _a_year_after(report_date)
        if year is None or not today <= review_by <= today + timedelta(REPORT_REVIEW_NOTICE_DAYS):
            continue
        values = {
            "school_name": school.name,
            "review_date": format_date(review_by),
            "report_link": portal_url(
                "send_report.overview", urn=school.urn, year=year.label.replace("/", "-")
            ),
        }
        key = f"report:{school.id}:{review_by.isoformat()}"
        notices.append(Notice(kinds.REPORT_REVIEW_DUE, school, key, values, (Role.SENCO,)))
    return notices


def _latest_report_dates() -> list[tuple[School, date]]:
    latest = (
        select(WebsiteCheck.school_id, db.func.max(WebsiteCheck.id).label("check_id"))
        .where(WebsiteCheck.status == "completed")
        .group_by(WebsiteCheck.school_id)
        .subquery()
    )
    query = (
        select(School, WebsiteCheck.report_date)
        .join(WebsiteCheck, WebsiteCheck.school_id == School.id)
        .join(latest, latest.c.check_id == WebsiteCheck.id)
        .where(School.is_open, WebsiteCheck.report_date.is_not(None))
    )
    return [(school, report_date) for school, report_date in db.session.execute(query)]


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
