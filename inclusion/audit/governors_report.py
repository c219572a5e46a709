"""The figures of the one-page report for the governing board.

This year's audit beside last year's (overall and section results, bands), the open actions
with owners and dates, the SEND Information Report checklist, suspensions and part-time
timetables by term and SEN status (suppressed as for publication), and who signed off when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inclusion.audit.governors_figures import TermTable, suspensions_by_term, timetables_by_term
from inclusion.audit.models import Audit, AuditAction, ScoreSnapshot
from inclusion.audit.results import results_for
from inclusion.audit.sign_off import SignOffRecord, signed_off_record
from inclusion.audit.statuses import ActionStatus
from inclusion.errors import NotFound
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear
from inclusion.send_report.checklists import Compliance, compliance_for

GAPS_LISTED = 5
ACTIONS_LISTED = 12  # keeps the report to one page, two at most; the rest are in the plan


@dataclass(frozen=True)
class SectionLine:
    title: str
    score: float | None
    level: str | None
    band: str | None
    gated: bool
    last_score: float | None
    last_level: str | None


@dataclass(frozen=True)
class ActionLine:
    description: str
    standard: str
    owner: str
    due: date | None
    status: str


@dataclass(frozen=True)
class ChecklistSummary:
    percentage: int
    met: int
    counted: int
    fully_compliant: bool
    gaps: list[str]
    more_gaps: int


@dataclass(frozen=True)
class GovernorsReport:
    audit: Audit
    provisional: bool
    maximum: int
    overall: float | None
    last_year: str | None
    last_overall: float | None
    sections: list[SectionLine]
    actions: list[ActionLine]
    more_actions: int
    checklist: ChecklistSummary | None
    suspensions: TermTable
    timetables: TermTable
    signed_off: SignOffRecord | None
    threshold: int


def governors_report(audit: Audit, threshold: int, today: date) -> GovernorsReport:
    results = results_for(audit)
    previous = previous_snapshot(audit)
    last = {a.area_code: a for a in previous.area_scores} if previous else {}
    sections = [
        SectionLine(
            area.title,
            area.score,
            area.level,
            area.band,
            area.gated,
            last[area.code].score if area.code in last else None,
            last[area.code].level if area.code in last else None,
        )
        for area in results.areas
    ]
    school, year = audit.school, audit.academic_year
    actions = open_actions(audit)
    return GovernorsReport(
        audit=audit,
        provisional=results.provisional,
        maximum=max(results.scale),
        overall=results.overall,
        last_year=previous.audit.academic_year.label if previous else None,
        last_overall=previous.overall_score if previous else None,
        sections=sections,
        actions=actions[:ACTIONS_LISTED],
        more_actions=max(0, len(actions) - ACTIONS_LISTED),
        checklist=checklist_summary(audit),
        suspensions=suspensions_by_term(school, year, threshold),
        timetables=timetables_by_term(school, year, threshold, today),
        signed_off=signed_off_record(audit),
        threshold=threshold,
    )


def previous_snapshot(audit: Audit) -> ScoreSnapshot | None:
    """The latest scores of the school's most recent earlier audit that has any."""
    query = (
        select(ScoreSnapshot)
        .join(Audit, Audit.latest_snapshot_id == ScoreSnapshot.id)
        .join(AcademicYear, Audit.academic_year_id == AcademicYear.id)
        .where(
            Audit.school_id == audit.school_id,
            AcademicYear.start_date < audit.academic_year.start_date,
        )
        .order_by(AcademicYear.start_date.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def open_actions(audit: Audit) -> list[ActionLine]:
    """Actions not done, soonest due first (those without a date last)."""
    query = select(AuditAction).where(
        AuditAction.audit_id == audit.id, AuditAction.status != ActionStatus.DONE.value
    )
    actions = db.session.scalars(query).all()
    ordered = sorted(actions, key=lambda a: (a.due_date is None, a.due_date or date.max, a.id))
    return [
        ActionLine(
            action.description,
            action.standard.code if action.standard else "",
            action.owner,
            action.due_date,
            ActionStatus(action.status).label,
        )
        for action in ordered
    ]


def checklist_summary(audit: Audit) -> ChecklistSummary | None:
    """None when there is no checklist for the year at all."""
    try:
        compliance: Compliance = compliance_for(audit.school, audit.academic_year)
    except NotFound:
        return None
    gaps = [item.title for item in compliance.gaps()]
    return ChecklistSummary(
        percentage=compliance.percentage,
        met=compliance.met,
        counted=len(compliance.counted),
        fully_compliant=compliance.fully_compliant,
        gaps=gaps[:GAPS_LISTED],
        more_gaps=max(0, len(gaps) - GAPS_LISTED),
    )
