"""The rules of suspensions and permanent exclusions, as pure functions (no database).

Sources (docs/domain-rules.md): the School Discipline (Pupil Exclusions and Reviews)
(England) Regulations 2012 (governors' duty to consider reinstatement: regulation 6 for
maintained schools, 14 for pupil referral units, 24 for academies) and DfE's statutory guidance
"Suspension and permanent exclusion from maintained schools, academies and pupil referral units
in England, including pupil movement" (August 2024): 45 school days a year at most, a lunchtime
suspension counts as half a school day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from inclusion.graduated_response.terms import Term, academic_year_of, term_of

SESSIONS_PER_DAY = 2
YEARLY_LIMIT_DAYS = 45
APPROACHING_LIMIT_DAYS = 35
GOVERNORS_MUST_CONSIDER_OVER_DAYS = 15
PARENTS_MAY_ASK_OVER_DAYS = 5


@dataclass(frozen=True)
class Incident:
    pupil_ref: str
    kind: str  # suspension | lunchtime | permanent
    start_date: date
    sessions: int
    misses_public_exam: bool = False

    @property
    def days(self) -> float:
        """School days of suspension: a lunchtime suspension is half a day; permanent none."""
        if self.kind == "lunchtime":
            return 0.5
        if self.kind == "suspension":
            return self.sessions / SESSIONS_PER_DAY
        return 0.0


@dataclass(frozen=True)
class Duty:
    """Something the law asks of governors (or lets parents ask), about one pupil."""

    pupil_ref: str
    message: str
    must: bool


def days_in_year(incidents: list[Incident], pupil_ref: str, academic_year: str) -> float:
    return sum(
        i.days
        for i in incidents
        if i.pupil_ref == pupil_ref and academic_year_of(i.start_date) == academic_year
    )


def limit_breach(incidents: list[Incident], new: Incident) -> str | None:
    """The refusal message when `new` takes its pupil past 45 days in the academic year."""
    year = academic_year_of(new.start_date)
    total = days_in_year([*incidents, new], new.pupil_ref, year)
    if total <= YEARLY_LIMIT_DAYS:
        return None
    return (
        f"This would take {new.pupil_ref} to {total:g} days of suspension in {year}. The law "
        f"says a pupil may be suspended for at most {YEARLY_LIMIT_DAYS} school days in an "
        "academic year. If the days already recorded are wrong, correct them first; a council "
        "administrator can allow the record with a reason"
    )


def governors_duties(incidents: list[Incident]) -> list[Duty]:
    """What the governing board must (or, if parents ask, must) consider, pupil by pupil."""
    return [
        *_termly_duties(incidents),
        *_permanent_duties(incidents),
        *_exam_duties(incidents),
        *_yearly_warnings(incidents),
    ]


def _days_by_pupil_term(incidents: list[Incident]) -> dict[tuple[str, Term], float]:
    totals: dict[tuple[str, Term], float] = defaultdict(float)
    for incident in incidents:
        if incident.days:
            totals[(incident.pupil_ref, term_of(incident.start_date))] += incident.days
    return totals


def _termly_duties(incidents: list[Incident]) -> list[Duty]:
    duties = []
    totals = _days_by_pupil_term(incidents)
    for (pupil, term), days in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1].order)):
        if days > GOVERNORS_MUST_CONSIDER_OVER_DAYS:
            duties.append(Duty(pupil, _over_fifteen(days, term), must=True))
        elif days > PARENTS_MAY_ASK_OVER_DAYS:
            duties.append(Duty(pupil, _parents_may_ask(days, term), must=False))
    return duties


def _over_fifteen(days: float, term: Term) -> str:
    return (
        f"{days:g} days of suspension in the {term.label}: the law says the governors must "
        f"meet to consider reinstatement when suspensions total more than "
        f"{GOVERNORS_MUST_CONSIDER_OVER_DAYS} school days in a term"
    )


def _parents_may_ask(days: float, term: Term) -> str:
    return (
        f"{days:g} days of suspension in the {term.label}: the law says the governors must "
        "consider reinstatement if the parents ask (suspensions of more than 5 and up to 15 "
        "school days in a term)"
    )


def _permanent_duties(incidents: list[Incident]) -> list[Duty]:
    return [
        Duty(
            i.pupil_ref,
            f"Permanent exclusion from {i.start_date:%-d %B %Y}: the law says the governors "
            "must meet to consider reinstatement",
            must=True,
        )
        for i in incidents
        if i.kind == "permanent"
    ]


def _exam_duties(incidents: list[Incident]) -> list[Duty]:
    return [
        Duty(
            i.pupil_ref,
            f"The suspension from {i.start_date:%-d %B %Y} means missing a public examination "
            "or national curriculum test: the law says the governors must consider "
            "reinstatement, before the test where they can",
            must=True,
        )
        for i in incidents
        if i.misses_public_exam and i.kind != "permanent"
    ]


def _yearly_warnings(incidents: list[Incident]) -> list[Duty]:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for incident in incidents:
        totals[(incident.pupil_ref, academic_year_of(incident.start_date))] += incident.days
    return [
        Duty(
            pupil,
            f"{days:g} days of suspension in {year}: the law allows at most "
            f"{YEARLY_LIMIT_DAYS} school days in an academic year",
            must=False,
        )
        for (pupil, year), days in sorted(totals.items())
        if days >= APPROACHING_LIMIT_DAYS
    ]
