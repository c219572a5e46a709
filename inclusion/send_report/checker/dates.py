"""Dates written in documents (12/09/2025, 12 September 2025, September 2025, 2025-09-12,
Autumn 2025) and the words that label them ("last reviewed", "next review due")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        "sept" if number == 9 else calendar.month_abbr[number].lower(),
    }
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"
SEASONS = {"autumn": (9, 12), "spring": (1, 4), "summer": (4, 8)}
LABEL = re.compile(
    r"last\s+reviewed|reviewed(?:\s+and\s+\w+)?(?:\s+(?:on|in|by))?|last\s+updated|updated|"
    r"date\s+of\s+(?:last\s+)?review|review\s+date|date\s+reviewed|last\s+review|"
    r"approved|date\s+of\s+approval|ratified|adopted|published|date\s+of\s+publication|"
    r"date\s+written|written|issued|date\s+of\s+(?:this\s+)?(?:policy|plan|report|document)|"
    r"(?<![\w ])date\s*:|^date\s*:",
    re.IGNORECASE,
)
NEXT = re.compile(
    r"next\s+review|review\s+due|due\s+for\s+review|to\s+be\s+reviewed|next\s+update|"
    r"renewal\s+date|review\s+by|expires?",
    re.IGNORECASE,
)
LABEL_WINDOW = 80
FUTURE_MARGIN = timedelta(days=31)


@dataclass(frozen=True)
class FoundDate:
    text: str
    earliest: date
    latest: date
    start: int
    end: int


@dataclass(frozen=True)
class LabelledDate:
    found: FoundDate
    label: str
    kind: str  # "last" | "next" | "unlabelled"


def _year(text: str) -> int:
    number = int(text)
    return 2000 + number if number < 100 else number


def _day(match: re.Match[str]) -> tuple[date, date]:
    day = date(_year(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    return day, day


def _numeric(match: re.Match[str]) -> tuple[date, date]:
    day = date(_year(match["year"]), int(match["month"]), int(match["day"]))
    return day, day


def _month(match: re.Match[str]) -> tuple[date, date]:
    year, month = int(match["year"]), MONTHS[match["month"].lower()]
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _season(match: re.Match[str]) -> tuple[date, date]:
    year = int(match["year"])
    first, last = SEASONS[match["season"].lower()]
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


Parser = Callable[[re.Match[str]], tuple[date, date]]
PATTERNS: list[tuple[re.Pattern[str], Parser]] = [
    (re.compile(rf"\b{YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})\b"), _numeric),
    (
        re.compile(r"\b(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4}|\d{2})\b"),
        _numeric,
    ),
    (re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b", re.IGNORECASE), _day),
    (re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b", re.IGNORECASE), _day),
    (re.compile(rf"\b{MONTH},?\s+{YEAR}\b", re.IGNORECASE), _month),
    (re.compile(rf"\b(?P<season>autumn|spring|summer)(?:\s+term)?,?\s+{YEAR}\b", re.I), _season),
]


def find_dates(text: str) -> list[FoundDate]:
    """Every date in the text, earliest position first; the most precise reading wins."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, parse in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                earliest, latest = parse(match)
            except (ValueError, KeyError):
                continue
            taken.append(match.span())
            found.append(FoundDate(match.group(0), earliest, latest, *match.span()))
    return sorted(found, key=lambda item: item.start)


def labelled_dates(text: str, today: date) -> list[LabelledDate]:
    """Dates with the nearest label before them; future "last" dates count as next reviews."""
    result = []
    for found in find_dates(text):
        window = text[max(0, found.start - LABEL_WINDOW) : found.start]
        label, kind = _nearest_label(window)
        if kind == "last" and found.earliest > today + FUTURE_MARGIN:
            kind = "next"
        result.append(LabelledDate(found, label, kind))
    return result


def _nearest_label(window: str) -> tuple[str, str]:
    """The label closest before the date; "next review date" is a next-review label."""
    nexts = [m for m in NEXT.finditer(window) if not find_dates(window[m.end() :])]
    spans = [m.span() for m in NEXT.finditer(window)]
    lasts = [
        m
        for m in LABEL.finditer(window)
        if not find_dates(window[m.end() :])
        and not any(m.start() < end and start < m.end() for start, end in spans)
    ]
    labelled = [(m, "next") for m in nexts] + [(m, "last") for m in lasts]
    if not labelled:
        return "", "unlabelled"
    match, kind = max(labelled, key=lambda pair: pair[0].end())
    return re.sub(r"\s+", " ", match.group(0).lower()), kind


def months_before(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def iso_range(found: FoundDate) -> str:
    if found.earliest == found.latest:
        return found.earliest.isoformat()
    return f"{found.earliest.isoformat()} to {found.latest.isoformat()}"
