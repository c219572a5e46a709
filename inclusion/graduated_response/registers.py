"""What the school's registers show: filters, warnings, overdue first, termly totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from inclusion.graduated_response import exclusion_rules, incidents, records, rules
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.graduated_response.terms import Term, term_of
from inclusion.graduated_response.vocab import ExclusionKind, PermanentOutcome
from inclusion.schools.models import School


@dataclass(frozen=True)
class TimetableFilter:
    status: str = "active"  # active | ended | all
    sen_status: str = ""
    reason: str = ""


@dataclass
class TimetableRow:
    record: PartTimeTimetable
    facts: rules.TimetableFacts
    active: bool
    overdue: bool
    warnings: list[str]

    @property
    def school_week(self) -> Decimal:
        return self.facts.school_week_hours

    @property
    def hours_missed(self) -> Decimal:
        return self.facts.hours_missed

    @property
    def below_compulsory_school_age(self) -> bool:
        return self.facts.is_below_compulsory_school_age


def timetable_register(school: School, wanted: TimetableFilter, today: date) -> list[TimetableRow]:
    rows = [row_for(record, today) for record in records.live_timetables(school)]
    rows = [row for row in rows if _matches(row, wanted)]
    # Overdue reviews first, then the ones running now, newest first within each.
    return sorted(
        rows, key=lambda r: (not r.overdue, not r.active, -r.record.start_date.toordinal())
    )


def row_for(record: PartTimeTimetable, today: date) -> TimetableRow:
    facts = records.timetable_facts(record)
    return TimetableRow(
        record,
        facts,
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
    term: Term
    suspensions: int = 0
    lunchtime_suspensions: int = 0
    suspension_days: float = 0
    permanent_exclusions: int = 0
    pupils: set[str] = field(default_factory=set)

    @property
    def pupils_suspended(self) -> int:
        return len(self.pupils)

    def add(self, incident: ExclusionIncident) -> None:
        if incident.kind == ExclusionKind.PERMANENT:
            if PermanentOutcome(incident.permanent_outcome or "pending").counts_in_statistics:
                self.permanent_exclusions += 1
            return
        if incident.kind == ExclusionKind.LUNCHTIME:
            self.lunchtime_suspensions += 1
        else:
            self.suspensions += 1
        self.suspension_days += incidents.incidents_of([incident])[0].days
        self.pupils.add(incident.pupil_ref)


def termly_totals(logged: list[ExclusionIncident]) -> list[TermTotals]:
    """Totals per DfE census term, newest first, computed from the log (never typed in)."""
    totals: dict[Term, TermTotals] = {}
    for incident in logged:
        term = term_of(incident.start_date)
        totals.setdefault(term, TermTotals(term)).add(incident)
    return sorted(totals.values(), key=lambda t: t.term.order, reverse=True)


def suspension_alerts(logged: list[ExclusionIncident]) -> list[exclusion_rules.Duty]:
    """What the governors must consider (or parents may ask), and pupils near the limit."""
    return exclusion_rules.governors_duties(incidents.incidents_of(logged))
