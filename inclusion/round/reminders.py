"""Advisers' reminders to schools that have not submitted: at most one a day per school."""

from __future__ import annotations

from dataclasses import dataclass

from inclusion.auth.models import User
from inclusion.errors import InvalidInput
from inclusion.notifications import kinds
from inclusion.round.due import audit_values, schools_not_submitted
from inclusion.round.notices import send_notices
from inclusion.round.recipients import staff_of
from inclusion.schools.models import AcademicYear, AreaInclusionPartnership, School
from inclusion.schools.services import current_year, members_of
from inclusion.uk_time import uk_today


@dataclass(frozen=True)
class Reminded:
    sent: int
    message: str


def remind_school(school: School, adviser: User) -> Reminded:
    year = _year()
    if school not in schools_not_submitted(year):
        raise InvalidInput(f"{school.name} has already submitted its {year.label} audit.")
    sent = _remind(school, adviser, year)
    if sent:
        return Reminded(sent, f"{school.name} has been reminded.")
    return Reminded(0, f"{school.name} was already reminded today: try again tomorrow.")


def remind_partnership(partnership: AreaInclusionPartnership, adviser: User) -> Reminded:
    """Remind every member school still to submit; those reminded today are skipped."""
    year = _year()
    waiting = set(schools_not_submitted(year))
    schools = [s for s in members_of(partnership, year) if s in waiting]
    reminded = sum(1 for school in schools if _remind(school, adviser, year))
    return Reminded(
        reminded, f"{reminded} of {len(schools)} schools to chase have been reminded today."
    )


def _remind(school: School, adviser: User, year: AcademicYear) -> int:
    values = audit_values(year, school) | {"adviser_name": adviser.display_name}
    key = f"chase:{year.id}:{school.id}:{uk_today().isoformat()}"
    return send_notices(kinds.ADVISER_REMINDER, staff_of(school), lambda _: values, key)


def _year() -> AcademicYear:
    year = current_year()
    if year is None:
        raise InvalidInput("There is no current academic year to chase.")
    return year
