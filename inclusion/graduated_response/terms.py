"""DfE census terms: autumn 1 August to 31 December, spring 1 January to Easter Sunday,
summer Easter Monday to 31 July (DfE pupil exclusion statistics methodology, section 4.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TERM_NAMES = ("autumn", "spring", "summer")


@dataclass(frozen=True)
class Term:
    academic_year: str  # 2025/26
    name: str  # autumn, spring, summer

    @property
    def label(self) -> str:
        return f"{self.name.capitalize()} term {self.academic_year}"

    @property
    def order(self) -> tuple[str, int]:
        return (self.academic_year, TERM_NAMES.index(self.name))


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def academic_year_of(day: date) -> str:
    """DfE's academic year runs from 1 August to 31 July: written 2025/26."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def term_of(day: date) -> Term:
    year = academic_year_of(day)
    if day.month >= 8:
        return Term(year, "autumn")
    if day <= easter_sunday(day.year):
        return Term(year, "spring")
    return Term(year, "summer")


def term_bounds(academic_year_start: int) -> dict[str, tuple[date, date]]:
    """The first and last day of each census term of the year starting in August of the year."""
    easter = easter_sunday(academic_year_start + 1)
    return {
        "autumn": (date(academic_year_start, 8, 1), date(academic_year_start, 12, 31)),
        "spring": (date(academic_year_start + 1, 1, 1), easter),
        "summer": (easter + timedelta(days=1), date(academic_year_start + 1, 7, 31)),
    }


@dataclass(frozen=True)
class HalfTerm:
    """A half term for the council's part-time timetable returns.

    DfE's census terms split at their usual half-term breaks (end of October, end of February,
    end of May); the return is due 14 days after the half term ends (council practice).
    """

    academic_year: str
    number: int  # 1 to 6
    start: date
    end: date

    RETURN_DAYS = 14

    @property
    def label(self) -> str:
        term = TERM_NAMES[(self.number - 1) // 2].capitalize()
        return f"{term} {2 - self.number % 2} {self.academic_year}"

    @property
    def due(self) -> date:
        return self.end + timedelta(days=self.RETURN_DAYS)


def half_terms(academic_year_start: int) -> list[HalfTerm]:
    y = academic_year_start
    year = f"{y}/{(y + 1) % 100:02d}"
    easter = easter_sunday(y + 1)
    march_first = date(y + 1, 3, 1)
    bounds = [
        (date(y, 8, 1), date(y, 10, 31)),
        (date(y, 11, 1), date(y, 12, 31)),
        (date(y + 1, 1, 1), march_first - timedelta(days=1)),
        (march_first, easter),
        (easter + timedelta(days=1), date(y + 1, 5, 31)),
        (date(y + 1, 6, 1), date(y + 1, 7, 31)),
    ]
    return [HalfTerm(year, n, start, end) for n, (start, end) in enumerate(bounds, start=1)]


def half_terms_ended(today: date) -> list[HalfTerm]:
    """This academic year's half terms that have ended by `today`, oldest first."""
    start = today.year if today.month >= 8 else today.year - 1
    return [h for h in half_terms(start) if h.end < today]
