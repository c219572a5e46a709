"""What the school's registers show: filters, warnings, overdue first, termly totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inclusion.graduated_response import records, rules
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.graduated_response.vocab import ExclusionKind
from inclusion.schools.models import School


@dataclass(frozen=True)
class TimetableFilter:
    status: str = "active"  # active | ended | all
    sen_status: str = ""
    reason: str = ""


@dataclass
class TimetableRow:
    record: PartTimeTimetable
    active: bool
    overdue: bool
    warnings: list[str]

    @property
    def benchmark(self):
        return rules.full_time_hours(self.record.year_group)


def timetable_register(school: School, wanted: TimetableFilter, today: date) -> list[TimetableRow]:
    rows = [_row(record, today) for record in records.live_timetables(school)]
    rows = [row for row in rows if _matches(row, wanted)]
    # Overdue reviews first, then the ones running now, newest first within each.
    return sorted(
        rows, key=lambda r: (not r.overdue, not r.active, -r.record.start_date.toordinal())
    )


def _row(record: PartTimeTimetable, today: date) -> TimetableRow:
    facts = records.timetable_facts(record)
    return TimetableRow(
        record,
        rules.is_active(facts, today),
        rules.is_review_overdue(facts, today),
        rules.timetable_warnings(facts, today),
    )


def _matches(row: TimetableRow, wanted: TimetableFilter) -> bool:
    if wanted.status == "active" and not row.active:
        return False
    if wanted.status == "ended" and row.active:
        return False
    if wanted.sen_status and row.record.sen_status != wanted.sen_status:
        return False
    return not wanted.reason or row.record.reason == wanted.reason


@dataclass
class TermTotals:
    term: rules.Term
    suspensions: int = 0
    suspension_sessions: int = 0
    permanent_exclusions: int = 0
    pupils: set[str] | None = None

    @property
    def pupils_suspended(self) -> int:
        return len(self.pupils or ())


def termly_totals(incidents: list[ExclusionIncident]) -> list[TermTotals]:
    """Totals per term, newest first, computed from the log (never typed in)."""
    totals: dict[rules.Term, TermTotals] = {}
    for incident in incidents:
        term = rules.term_of(incident.start_date)
        row = totals.setdefault(term, TermTotals(term, pupils=set()))
        if incident.kind == ExclusionKind.PERMANENT:
            row.permanent_exclusions += 1
        else:
            row.suspensions += 1
            row.suspension_sessions += incident.sessions
            row.pupils.add(incident.pupil_ref)
    return sorted(
        totals.values(),
        key=lambda t: (t.term.academic_year, _TERM_ORDER[t.term.name]),
        reverse=True,
    )


_TERM_ORDER = {"autumn": 0, "spring": 1, "summer": 2}


def suspension_alerts(incidents: list[ExclusionIncident]) -> list[rules.SuspensionWarning]:
    suspensions = [
        (i.pupil_ref, i.start_date, i.sessions)
        for i in incidents
        if i.kind == ExclusionKind.SUSPENSION
    ]
    return rules.suspension_warnings(suspensions)
