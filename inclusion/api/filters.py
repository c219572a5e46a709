"""What the figure endpoints' query filters mean, in one place for every API blueprint."""

from __future__ import annotations

from inclusion.audit.context import year_from_slug
from inclusion.errors import NotFound
from inclusion.schools.models import AcademicYear
from inclusion.schools.services import current_year


def year_from_filters(filters: dict[str, str]) -> AcademicYear:
    """The year asked for (as 2026-27), else the current one; 404 when there is neither."""
    year = year_from_slug(filters["year"]) if filters.get("year") else current_year()
    if year is None:
        raise NotFound("There is no current academic year.")
    return year
