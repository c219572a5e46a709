"""Dashboard figures as people may see them: pupil-derived counts suppressed, always."""

from __future__ import annotations

from dataclasses import dataclass

from inclusion.area_partnerships import suppression
from inclusion.area_partnerships.dashboard import Dashboard
from inclusion.area_partnerships.record_figures import ExclusionLine

Shown = int | float | str | None


@dataclass
class ExclusionRow:
    label: str
    headcount: int
    suspensions: Shown
    suspension_rate: Shown
    pupils_suspended: Shown
    one_plus_rate: Shown
    permanent: Shown
    permanent_rate: Shown
    official_suspensions: Shown
    official_permanent: Shown
    official_pupils_suspended: Shown = None
    official_basis: str | None = None
    school_urn: str | None = None


def exclusion_rows(board: Dashboard, threshold: int) -> tuple[list[ExclusionRow], ExclusionRow]:
    """Per school and in total; a column's single small cell never recoverable from its total."""
    lines = board.exclusions
    total = board.totals
    shown_total = {
        name: suppression.suppress_count(getattr(total, name), threshold)
        for name in ("suspensions", "pupils_suspended", "permanent")
    }
    if not lines:  # totals only: the page lists no school
        return [], _row(total, shown_total, threshold)
    columns = {
        name: suppression.suppress_series(
            {str(i): getattr(line, name) for i, line in enumerate(lines)},
            threshold,
            getattr(total, name),
        )
        for name in ("suspensions", "pupils_suspended", "permanent")
    }
    rows = [
        _row(line, {n: columns[n][str(i)] for n in columns}, threshold)
        for i, line in enumerate(lines)
    ]
    return rows, _row(total, shown_total, threshold)


def _row(line: ExclusionLine, shown: dict[str, Shown], threshold: int) -> ExclusionRow:
    def rate(name: str) -> Shown:
        return suppression.suppress_rate(line.rate(getattr(line, name)), shown[name], threshold)

    return ExclusionRow(
        label=line.label,
        headcount=line.headcount,
        suspensions=shown["suspensions"],
        suspension_rate=rate("suspensions"),
        pupils_suspended=shown["pupils_suspended"],
        one_plus_rate=rate("pupils_suspended"),
        permanent=shown["permanent"],
        permanent_rate=rate("permanent"),
        official_suspensions=official_beside(
            line.official_symbols.get("suspension"),
            line.official_suspensions,
            shown["suspensions"],
        ),
        official_permanent=official_beside(
            line.official_symbols.get("perm_excl"), line.official_permanent, shown["permanent"]
        ),
        official_pupils_suspended=official_beside(
            line.official_symbols.get("one_plus_susp"),
            line.official_pupils_suspended,
            shown["pupils_suspended"],
        ),
        official_basis=line.official_basis,
        school_urn=line.school.urn if line.school else None,
    )


def official_beside(symbol: str | None, value: float | None, recorded: Shown) -> Shown:
    """DfE's figure as printed beside the school-recorded count of the same thing.

    Both count the same suspensions, so where the recorded count is suppressed the official
    one would give it away: the pair is suppressed together. DfE's own symbols (c, x, z, ...)
    are kept, and counts are whole numbers (the import stores them as decimals)."""
    if symbol is not None:
        return symbol
    if value is None:
        return None
    if recorded == suppression.SUPPRESSED:
        return suppression.SUPPRESSED
    return as_count(value)


def as_count(value: float | int) -> int:
    """A count is an integer: 3, never 3.0."""
    return round(value)


def series(values: dict[str, int], threshold: int) -> dict[str, Shown]:
    return suppression.suppress_series(values, threshold, sum(values.values()))


def count(value: int | None, threshold: int) -> Shown:
    return suppression.suppress_count(value, threshold)
