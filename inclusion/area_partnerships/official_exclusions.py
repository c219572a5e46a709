"""DfE's official exclusion figures for an academic year, from whatever rows were published.

DfE's school-level file is termly: a release may carry an "Academic year" row for a school, or
only its term rows. The year's figure is the "Academic year" row when there is one; otherwise
suspensions and permanent exclusions are the sum of the terms published. Pupils with at least
one suspension (`one_plus_susp`) are never summed: a pupil suspended in two terms is counted
in both, so a sum over terms would overstate it. Without an "Academic year" row that figure is
marked not available (DfE's symbol x).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from inclusion.graduated_response.models import OfficialExclusionFigure

ACADEMIC_YEAR = "Academic year"
TERM_ORDER = ("Autumn term", "Spring term", "Summer term")
NOT_AVAILABLE = "x"  # DfE's symbol for a figure that is not available
SUMMED = (("suspension", "suspensions"), ("perm_excl", "permanent"))


@dataclass
class YearlyOfficial:
    """One school's official figures for the year, and the rows they come from."""

    suspensions: float | None = None
    permanent: float | None = None
    pupils_suspended: float | None = None
    symbols: dict[str, str] = field(default_factory=dict)
    basis: str = ACADEMIC_YEAR  # "Academic year", or the terms summed ("Autumn term + ...")


def yearly(figures: Iterable[OfficialExclusionFigure]) -> YearlyOfficial:
    """The year's figures from one school's rows for one year (in any order)."""
    by_identifier = {figure.time_identifier: figure for figure in figures}
    whole_year = by_identifier.get(ACADEMIC_YEAR)
    if whole_year is not None:
        return _from_year_row(whole_year)
    terms = [by_identifier[term] for term in TERM_ORDER if term in by_identifier]
    return _from_terms(terms)


def _from_year_row(figure: OfficialExclusionFigure) -> YearlyOfficial:
    return YearlyOfficial(
        suspensions=_number(figure.suspension),
        permanent=_number(figure.perm_excl),
        pupils_suspended=_number(figure.one_plus_susp),
        symbols=dict(figure.symbols or {}),
    )


def _from_terms(terms: list[OfficialExclusionFigure]) -> YearlyOfficial:
    result = YearlyOfficial(
        symbols={"one_plus_susp": NOT_AVAILABLE},
        basis=" + ".join(term.time_identifier for term in terms),
    )
    for column, name in SUMMED:
        missing = [term.symbols.get(column) for term in terms if getattr(term, column) is None]
        if missing:
            # One term's figure is suppressed or unavailable, so the year's sum is unknown too.
            result.symbols[column] = missing[0] or NOT_AVAILABLE
        else:
            setattr(result, name, float(sum(getattr(term, column) for term in terms)))
    return result


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def by_school(scope: Scope) -> dict[int, YearlyOfficial]:
    """Each school in scope with official rows for the scope's year: its yearly figures."""
    query = select(OfficialExclusionFigure).where(
        OfficialExclusionFigure.school_id.in_(scope.school_ids()),
        OfficialExclusionFigure.time_period == scope.year.dfe_code,
        OfficialExclusionFigure.time_identifier.in_((ACADEMIC_YEAR, *TERM_ORDER)),
    )
    rows: dict[int, list[OfficialExclusionFigure]] = defaultdict(list)
    for figure in db.session.scalars(query):
        rows[figure.school_id].append(figure)
    return {school_id: yearly(figures) for school_id, figures in rows.items()}
