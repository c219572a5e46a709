"""The council's KPIs, one typed record per KPI per academic year, each with its source.

Counts here are exact: they come from pupil-level records or DfE files, and pass through
`kpi_sections` (suppression) before anyone outside the council's own page sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from inclusion.graduated_response.vocab import SenStatus

ALL = "all"  # every pupil, whatever their SEN status
STATUSES = (ALL, SenStatus.SEN_SUPPORT.value, SenStatus.EHC_PLAN.value, SenStatus.NONE.value)
STATUS_LABELS = {
    ALL: "All pupils",
    SenStatus.SEN_SUPPORT.value: "SEN support",
    SenStatus.EHC_PLAN.value: "EHC plan",
    SenStatus.NONE.value: "No SEN (neither)",
}
PORTAL = "recorded in the portal"
NOT_AT_SCHOOL_LEVEL = "not available at school level"


def dfe_source(what: str, year: str, held: bool) -> str:
    """'DfE school-level SEN file 2025/26', or that no such file is imported for the year."""
    return f"DfE school-level {what} file {year}" if held else f"no DfE {what} file for {year}"


def per_hundred(count: int | float | None, pupils: int | float | None) -> float | None:
    if count is None or not pupils:
        return None
    return round(100 * count / pupils, 2)


def share(part: int | float | None, whole: int | float | None) -> float | None:
    """A percentage to one decimal place; None when there is nothing to divide by."""
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class AuditParticipation:
    year: str
    schools: int
    taking_part: int  # submitted, signed off or reviewed
    source: str = PORTAL

    @property
    def share(self) -> float | None:
        return share(self.taking_part, self.schools)


@dataclass
class ExclusionRates:
    """Suspensions and permanent exclusions per 100 pupils, overall and by SEN status.

    Numerators are the portal's records (they carry each pupil's SEN status) in the schools
    that have a complete row in DfE's SEN file for the year; denominators are that file's
    pupils by SEN provision, so each rate's top and bottom cover the same schools."""

    year: str
    pupils: dict[str, int] = field(default_factory=dict)  # by status, from the SEN file
    schools_with_sen_figures: int = 0
    suspensions: dict[str, int] = field(default_factory=dict)
    permanent: dict[str, int] = field(default_factory=dict)
    recorded_suspensions_all_schools: int = 0
    recorded_permanent_all_schools: int = 0
    official_suspensions: int | None = None
    official_permanent: int | None = None
    official_headcount: int | None = None
    official_schools: int = 0  # schools with a full DfE figure for the year
    source_pupils: str = ""
    source_recorded: str = PORTAL
    source_official: str = ""

    def suspension_rate(self, status: str = ALL) -> float | None:
        return per_hundred(self.suspensions.get(status, 0), self.pupils.get(status))

    def permanent_rate(self, status: str = ALL) -> float | None:
        return per_hundred(self.permanent.get(status, 0), self.pupils.get(status))

    @property
    def official_suspension_rate(self) -> float | None:
        return per_hundred(self.official_suspensions, self.official_headcount)

    @property
    def official_permanent_rate(self) -> float | None:
        return per_hundred(self.official_permanent, self.official_headcount)


@dataclass
class TimetableYear:
    """Part-time timetables started in each census term and the year, pupils on them, and the
    weekly hours missed (the school's week less the timetable's hours), by SEN status."""

    year: str
    started_by_term: dict[str, dict[str, int]] = field(default_factory=dict)
    started: dict[str, int] = field(default_factory=dict)
    pupils: dict[str, int] = field(default_factory=dict)
    hours_missed: dict[str, Decimal] = field(default_factory=dict)
    source: str = PORTAL

    def average_hours_missed(self, status: str = ALL) -> float | None:
        started = self.started.get(status, 0)
        if not started:
            return None
        return round(float(self.hours_missed.get(status, Decimal(0))) / started, 1)


@dataclass(frozen=True)
class PersistentAbsence:
    """Persistent absentees (10% or more of sessions missed) over enrolments, whole year.

    DfE's school-level absence file has no SEN breakdown, so by SEN status is not available."""

    year: str
    enrolments: int
    persistent_absentees: int
    schools: int
    source: str
    by_sen_status: str = NOT_AT_SCHOOL_LEVEL

    @property
    def rate(self) -> float | None:
        return share(self.persistent_absentees, self.enrolments)


@dataclass(frozen=True)
class EhcInMainstream:
    """Pupils with EHC plans in mainstream schools over pupils with EHC plans in all schools."""

    year: str
    ehc_plans: int
    in_mainstream: int
    schools: int
    source: str

    @property
    def share(self) -> float | None:
        return share(self.in_mainstream, self.ehc_plans)


@dataclass(frozen=True)
class WebsiteKeyMeasure:
    """Schools whose website meets every item of the four-item key measure that binds them."""

    year: str
    schools: int
    meeting: int
    items: tuple[str, ...]  # the key measure's items in that year's checklist
    source: str = PORTAL

    @property
    def share(self) -> float | None:
        return share(self.meeting, self.schools) if self.items else None


@dataclass
class CouncilKpis:
    area: str
    years: list[str]
    participation: list[AuditParticipation]
    exclusions: list[ExclusionRates]
    timetables: list[TimetableYear]
    absence: list[PersistentAbsence]
    ehc_mainstream: list[EhcInMainstream]
    websites: list[WebsiteKeyMeasure]
