"""Long school lists on a dashboard cut to the first few, with a link to show them all.

A partnership lists a few dozen schools and the council hundreds: at full length the council's
page was some 36,000 pixels tall. Each list shows its first ten (the most suspended first, for
suspensions) until the reader asks for all of that list (`?show=<section>`), which works
without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from inclusion.area_partnerships.presentation import ExclusionRow

SHORT_LIST = 10
T = TypeVar("T")


@dataclass(frozen=True)
class ShortList(Generic[T]):
    items: list[T]
    total: int
    section: str  # the page section (and `show` value) the list belongs to

    @property
    def cut(self) -> bool:
        return len(self.items) < self.total


def short_list(items: list[T], section: str, show: str) -> ShortList[T]:
    """All of `items` when the reader asked for this section's list, else the first ten."""
    shown = items if show in (section, "all") else items[:SHORT_LIST]
    return ShortList(list(shown), len(items), section)


def most_suspended_first(rows: list[ExclusionRow]) -> list[ExclusionRow]:
    # Ordered by the rate as shown: a hidden rate sorts last, so the order reveals nothing of it.
    def rate(row: ExclusionRow) -> float:
        return row.suspension_rate if isinstance(row.suspension_rate, int | float) else -1.0

    return sorted(rows, key=lambda row: (-rate(row), row.label))
