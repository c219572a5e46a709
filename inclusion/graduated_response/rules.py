"""The rules of graduated-response records, as pure functions (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# Full-time hours a week by year group (DfE benchmarks); N (nursery) is not compulsory age.
FULL_TIME_HOURS = {
    "R": Decimal("21"),
    "1": Decimal("21"),
    "2": Decimal("21"),
    **{str(y): Decimal("23.5") for y in range(3, 7)},
    **{str(y): Decimal("24") for y in range(7, 11)},
    "11": Decimal("25"),
}
LONGEST_PLANNED = timedelta(weeks=12)
REVIEW_INTERVAL = timedelta(weeks=3)
GOVERNORS_REVIEW_DAYS_IN_TERM = 15
YEARLY_SUSPENSION_LIMIT_DAYS = 45
APPROACHING_LIMIT_DAYS = 35
SESSIONS_PER_DAY = 2


def full_time_hours(year_group: str) -> Decimal | None:
    """The benchmark for the year group; None past Year 11 or before Reception."""
    return FULL_TIME_HOURS.get(year_group)


@dataclass(frozen=True)
class TimetableFacts:
    year_group: str
    start_date: date
    planned_end_date: date
    hours_per_week: Decimal
    reason: str
    actual_end_date: date | None = None
    last_review: date | None = None


def timetable_problems(facts: TimetableFacts) -> dict[str, str]:
    """Errors that stop a save, by field name."""
    problems: dict[str, str] = {}
    if facts.planned_end_date <= facts.start_date:
        problems["planned_end_date"] = "The planned end date must be after the start date"
    if facts.actual_end_date and facts.actual_end_date < facts.start_date:
        problems["actual_end_date"] = "The actual end date cannot be before the start date"
    benchmark = full_time_hours(facts.year_group)
    if facts.hours_per_week <= 0:
        problems["hours_per_week"] = "Enter the hours in school each week, more than 0"
    elif benchmark is not None and facts.hours_per_week >= benchmark:
        problems["hours_per_week"] = (
            f"A part-time timetable is fewer hours than full time: {benchmark} hours a week "
            f"for Year {facts.year_group}. Enter fewer than {benchmark}"
        )
    return problems


def timetable_warnings(facts: TimetableFacts, today: date) -> list[str]:
    """Things to act on, which do not stop a save."""
    warnings = []
    if facts.planned_end_date - facts.start_date > LONGEST_PLANNED:
        warnings.append("Planned for longer than 12 weeks: part-time timetables must be temporary")
    if is_review_overdue(facts, today):
        warnings.append("A review is overdue: more than 3 weeks since the last one")
    return warnings


def is_active(facts: TimetableFacts, today: date) -> bool:
    return facts.start_date <= today and (
        facts.actual_end_date is None or facts.actual_end_date >= today
    )


def is_review_overdue(facts: TimetableFacts, today: date) -> bool:
    if not is_active(facts, today):
        return False
    since = facts.last_review or facts.start_date
    return today - since > REVIEW_INTERVAL


@dataclass(frozen=True)
class Term:
    academic_year: str  # 2025/26
    name: str  # autumn, spring, summer

    @property
    def label(self) -> str:
        return f"{self.name.capitalize()} term {self.academic_year}"


def term_of(day: date) -> Term:
    """Autumn: September to December; spring: January to March; summer: April to August.

    Real term dates move with Easter; councils' returns use these calendar blocks.
    """
    start = day.year if day.month >= 9 else day.year - 1
    year = f"{start}/{(start + 1) % 100:02d}"
    if day.month >= 9:
        return Term(year, "autumn")
    return Term(year, "spring" if day.month <= 3 else "summer")


@dataclass(frozen=True)
class SuspensionWarning:
    pupil_ref: str
    message: str


def suspension_warnings(incidents: list[tuple[str, date, int]]) -> list[SuspensionWarning]:
    """Warnings from suspensions given as (pupil ref, start date, sessions).

    A pupil reaching 15 days in a term needs a governors' review; one nearing 45 days in a
    year is close to the legal limit.
    """
    by_term: dict[tuple[str, Term], int] = {}
    by_year: dict[tuple[str, str], int] = {}
    for pupil, start, sessions in incidents:
        term = term_of(start)
        by_term[(pupil, term)] = by_term.get((pupil, term), 0) + sessions
        by_year[(pupil, term.academic_year)] = (
            by_year.get((pupil, term.academic_year), 0) + sessions
        )
    return _term_warnings(by_term) + _year_warnings(by_year)


def _term_warnings(by_term: dict[tuple[str, Term], int]) -> list[SuspensionWarning]:
    return [
        SuspensionWarning(
            pupil,
            f"{_days(sessions)} days of suspension in the {term.label}: governors must review "
            f"suspensions of more than {GOVERNORS_REVIEW_DAYS_IN_TERM} days in a term",
        )
        for (pupil, term), sessions in sorted(
            by_term.items(), key=lambda kv: (kv[0][0], kv[0][1].label)
        )
        if sessions / SESSIONS_PER_DAY >= GOVERNORS_REVIEW_DAYS_IN_TERM
    ]


def _year_warnings(by_year: dict[tuple[str, str], int]) -> list[SuspensionWarning]:
    return [
        SuspensionWarning(
            pupil,
            f"{_days(sessions)} days of suspension in {year}: the limit is "
            f"{YEARLY_SUSPENSION_LIMIT_DAYS} days in an academic year",
        )
        for (pupil, year), sessions in sorted(by_year.items())
        if sessions / SESSIONS_PER_DAY >= APPROACHING_LIMIT_DAYS
    ]


def _days(sessions: int) -> str:
    days = sessions / SESSIONS_PER_DAY
    return f"{days:g}"
