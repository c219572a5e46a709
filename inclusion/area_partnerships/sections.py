"""A dashboard as named tables: one source of rows for the XLSX sheets, the CSVs and the API.

Every pupil-derived figure in these rows is already suppressed (the presentation module), so
whichever way a section leaves the portal it shows the same thing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from inclusion.area_partnerships import presentation
from inclusion.area_partnerships.dashboard import Dashboard
from inclusion.spreadsheets import safe_text

Column = tuple[str, int, bool]  # header, width in the spreadsheet, wrapped


@dataclass(frozen=True)
class Section:
    name: str  # in URLs: /dashboard/<name>.csv
    title: str  # the sheet's name
    columns: list[Column]
    rows: list[list[Any]]

    @property
    def headers(self) -> list[str]:
        return [header for header, _, _ in self.columns]


SECTION_NAMES = (
    "participation",
    "area-medians",
    "audit-results",
    "training-needs",
    "suspensions",
    "part-time-timetables",
)


def dashboard_sections(board: Dashboard, school_level: bool, threshold: int) -> dict[str, Section]:
    """The sections this viewer may have; school-level ones only for those who see schools."""
    found = [
        participation(board),
        area_medians(board),
        *([audit_results(board)] if school_level else []),
        training_needs(board, school_level),
        suspensions(board, school_level, threshold),
        part_time_timetables(board, threshold),
    ]
    return {section.name: section for section in found}


def participation(board: Dashboard) -> Section:
    rows = [[status.label, count] for status, count in board.participation.counts.items()]
    return Section(
        "participation",
        "Participation",
        [("Audit status", 24, False), ("Schools", 10, False)],
        rows,
    )


def area_medians(board: Dashboard) -> Section:
    heat = board.heatmap
    rows = [
        [title, heat.partnership_medians.get(code), heat.council_medians.get(code)]
        for code, title in heat.areas
    ]
    columns = [
        ("Area", 44, True),
        (f"{board.scope.label} median", 20, False),
        ("Council median", 16, False),
    ]
    return Section("area-medians", "Area medians", columns, rows)


def audit_results(board: Dashboard) -> Section:
    areas = board.heatmap.areas
    columns = [("URN", 10, False), ("School", 40, True)] + [(code, 8, False) for code, _ in areas]
    rows = [
        [school.urn, school.name] + [_score(scores.get(code)) for code, _ in areas]
        for school, scores in board.heatmap.rows
    ]
    return Section("audit-results", "Audit results", columns, rows)


def _score(cell: Any) -> float | None:
    return cell[0] if cell else None


def training_needs(board: Dashboard, school_level: bool) -> Section:
    columns = [
        ("Topic", 48, True),
        ("Schools", 10, False),
        ("From ratings", 14, False),
        ("Asked for", 12, False),
    ] + ([("Which schools", 80, True)] if school_level else [])
    rows = []
    for line in board.training:
        row = [line.title, line.school_count, line.derived, line.requested]
        rows.append(row + ([", ".join(s.name for s in line.schools)] if school_level else []))
    return Section("training-needs", "Training needs", columns, rows)


def suspensions(board: Dashboard, school_level: bool, threshold: int) -> Section:
    rows, total = presentation.exclusion_rows(board, threshold)
    columns = [
        ("Name", 40, True),
        ("Pupils on roll", 14, False),
        ("Suspensions", 12, False),
        ("Suspension rate", 16, False),
        ("Pupils suspended", 16, False),
        ("One-plus rate", 14, False),
        ("Permanent exclusions", 20, False),
        ("Official suspensions (DfE)", 24, False),
        ("Official pupils suspended (DfE)", 28, False),
        ("DfE figures from", 36, True),
    ]
    shown = (rows if school_level else []) + [total]
    return Section("suspensions", "Suspensions", columns, [_exclusion_cells(row) for row in shown])


def _exclusion_cells(row: presentation.ExclusionRow) -> list[Any]:
    return [
        row.label,
        row.headcount,
        row.suspensions,
        row.suspension_rate,
        row.pupils_suspended,
        row.one_plus_rate,
        row.permanent,
        row.official_suspensions,
        row.official_pupils_suspended,
        row.official_basis,
    ]


def part_time_timetables(board: Dashboard, threshold: int) -> Section:
    figures = board.timetables
    rows = [
        ["Running today", presentation.count(figures.current, threshold)],
        ["With a review overdue", presentation.count(figures.overdue_reviews, threshold)],
        ["Not notified to the council", presentation.count(figures.not_notified, threshold)],
    ]
    rows += [
        [f"SEN status: {k}", v]
        for k, v in presentation.series(figures.by_sen_status, threshold).items()
    ]
    rows += [
        [f"Reason: {k}", v] for k, v in presentation.series(figures.by_reason, threshold).items()
    ]
    columns = [("Measure", 44, True), ("Value", 12, False)]
    return Section("part-time-timetables", "Part-time timetables", columns, rows)


def section_csv(section: Section) -> str:
    """UTF-8 CSV with a byte-order mark (Excel and Power Query read it as UTF-8).

    Text goes through the same formula neutralising as the spreadsheets: a CSV opened in
    Excel runs formulas too.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(section.headers)
    writer.writerows([_csv_cell(value) for value in row] for row in section.rows)
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return safe_text(value) if isinstance(value, str) else value
