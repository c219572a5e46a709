"""The rules of part-time timetables, as pure functions (no database).

Every rule names its source in docs/domain-rules.md. Messages say "the guidance says" for
statutory or departmental guidance and "the law says" only for Acts and regulations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# DfE, "Length of the school week: minimum expectation" (2023, in force from September 2024):
# 32.5 hours a week for mainstream state-funded schools. Each school records its own week.
DEFAULT_SCHOOL_WEEK_HOURS = Decimal("32.5")
# Council practice (Somerset and others): 6 to 12 weeks at most, reviewed every 2 to 6 weeks.
LONGEST_PLANNED = timedelta(weeks=12)
REVIEW_INTERVAL = timedelta(weeks=3)
# Nursery and Reception pupils may be below compulsory school age (Education Act 1996 s.8).
MAY_BE_BELOW_COMPULSORY_AGE = frozenset({"N", "R"})


@dataclass(frozen=True)
class TimetableFacts:
    year_group: str
    start_date: date
    planned_end_date: date | None
    hours_per_week: Decimal
    reason: str
    actual_end_date: date | None = None
    last_review: date | None = None
    school_week_hours: Decimal = DEFAULT_SCHOOL_WEEK_HOURS
    below_compulsory_school_age: bool = False
    parental_agreement_date: date | None = None
    linked_plan: str = "none"
    looked_after: bool = False
    child_in_need: bool = False
    child_protection: bool = False
    social_worker_involved: bool = False
    virtual_school_involved: bool = False

    @property
    def hours_missed(self) -> Decimal:
        """Hours a week below the school's own week (never negative)."""
        return max(self.school_week_hours - self.hours_per_week, Decimal(0))

    @property
    def is_below_compulsory_school_age(self) -> bool:
        return self.year_group == "N" or (
            self.below_compulsory_school_age and self.year_group in MAY_BE_BELOW_COMPULSORY_AGE
        )


def timetable_problems(facts: TimetableFacts) -> dict[str, str]:
    """Errors that stop a save, by field name."""
    problems: dict[str, str] = {}
    if facts.planned_end_date and facts.planned_end_date <= facts.start_date:
        problems["planned_end_date"] = "The planned end date must be after the start date"
    if facts.actual_end_date and facts.actual_end_date < facts.start_date:
        problems["actual_end_date"] = "The actual end date cannot be before the start date"
    hours_problem = _hours_problem(facts)
    if hours_problem:
        problems["hours_per_week"] = hours_problem
    return problems


def _hours_problem(facts: TimetableFacts) -> str | None:
    week = facts.school_week_hours
    if facts.hours_per_week < 0:
        return "Enter the hours in school each week, 0 or more"
    if facts.hours_per_week >= week and not facts.is_below_compulsory_school_age:
        return (
            f"This is not a part-time timetable: the school's week is {week:g} hours. "
            f"Enter fewer than {week:g} hours, or change the school's week on its details page"
        )
    return None


def timetable_warnings(facts: TimetableFacts, today: date) -> list[str]:
    """Things to act on, which do not stop a save."""
    if facts.is_below_compulsory_school_age:
        return [BELOW_COMPULSORY_AGE_NOTE]
    checks = (
        _end_date_warnings(facts),
        _agreement_warnings(facts),
        _plan_warnings(facts),
        _safeguarding_warnings(facts),
        _review_warnings(facts, today),
    )
    return [warning for found in checks for warning in found]


BELOW_COMPULSORY_AGE_NOTE = (
    "Below compulsory school age: the pupil does not have to attend full time yet, and the "
    "School Admissions Code lets parents ask for part-time attendance until then"
)


def _end_date_warnings(facts: TimetableFacts) -> list[str]:
    if facts.planned_end_date is None:
        return [
            "No end date: the guidance says a part-time timetable must be temporary, with a "
            "time limit by which the pupil returns to full-time education"
        ]
    if facts.planned_end_date - facts.start_date > LONGEST_PLANNED:
        return [
            "Planned for longer than 12 weeks: the guidance says part-time timetables must be "
            "temporary, and the council expects 6 to 12 weeks at most"
        ]
    return []


def _agreement_warnings(facts: TimetableFacts) -> list[str]:
    if facts.parental_agreement_date is not None:
        return []
    return [
        "No parental agreement recorded: the guidance says a part-time timetable needs the "
        "agreement of the pupil's parent"
    ]


def _plan_warnings(facts: TimetableFacts) -> list[str]:
    if facts.linked_plan != "none":
        return []
    return [
        "No linked plan recorded: the guidance says a part-time timetable should be part of a "
        "plan to return the pupil to full-time education (a pastoral support plan, an early "
        "help assessment or an EHC plan review)"
    ]


def _safeguarding_warnings(facts: TimetableFacts) -> list[str]:
    warnings = []
    if facts.looked_after and not facts.virtual_school_involved:
        warnings.append(
            "The pupil is looked after and no virtual school head involvement is recorded: the "
            "guidance says to agree a part-time timetable with the virtual school head"
        )
    if (facts.child_in_need or facts.child_protection) and not facts.social_worker_involved:
        warnings.append(
            "The pupil has a social worker and no social worker involvement is recorded: the "
            "guidance says to involve the social worker in a part-time timetable"
        )
    return warnings


def _review_warnings(facts: TimetableFacts, today: date) -> list[str]:
    if not is_review_overdue(facts, today):
        return []
    return ["A review is overdue: more than 3 weeks since the last one"]


def is_active(facts: TimetableFacts, today: date) -> bool:
    return facts.start_date <= today and (
        facts.actual_end_date is None or facts.actual_end_date >= today
    )


def is_review_overdue(facts: TimetableFacts, today: date) -> bool:
    if not is_active(facts, today):
        return False
    since = facts.last_review or facts.start_date
    return today - since > REVIEW_INTERVAL
