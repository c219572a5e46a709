"""The audit window: when the audit and the SEND Information Report checklist open and are
due in each academic year, and how each looks from a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear
from inclusion.uk_time import format_date, uk_today


@dataclass(frozen=True)
class WindowDates:
    audit_opens_on: date | None
    audit_due_on: date | None
    checklist_opens_on: date | None
    checklist_due_on: date | None


def set_window(year: AcademicYear, dates: WindowDates) -> None:
    """Save a year's window. A due date must come after its opening date."""
    _check_order(dates.audit_opens_on, dates.audit_due_on, "audit")
    _check_order(dates.checklist_opens_on, dates.checklist_due_on, "checklist")
    year.audit_opens_on = dates.audit_opens_on
    year.audit_due_on = dates.audit_due_on
    year.checklist_opens_on = dates.checklist_opens_on
    year.checklist_due_on = dates.checklist_due_on
    db.session.commit()


def _check_order(opens: date | None, due: date | None, what: str) -> None:
    if opens and due and due <= opens:
        raise InvalidInput(
            f"The {what} due date must be after the date it opens", field=f"{what}_due_on"
        )


@dataclass(frozen=True)
class Deadline:
    """A due date as a person reads it on a given day."""

    due_on: date
    today: date

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def due_text(self) -> str:
        return format_date(self.due_on)

    @property
    def summary(self) -> str:
        days = self.days_left
        if days < 0:
            return f"Overdue: it was due on {self.due_text}"
        if days == 0:
            return f"Due today, {self.due_text}"
        return f"Due on {self.due_text}: {days} day{'s' if days != 1 else ''} left"

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0


def audit_deadline(year: AcademicYear | None, today: date | None = None) -> Deadline | None:
    if year is None or year.audit_due_on is None:
        return None
    return Deadline(year.audit_due_on, today or uk_today())


def checklist_deadline(year: AcademicYear | None, today: date | None = None) -> Deadline | None:
    if year is None or year.checklist_due_on is None:
        return None
    return Deadline(year.checklist_due_on, today or uk_today())
