"""A partnership's or the council's dashboard as an XLSX workbook.

The same figures as the page, suppressed the same way (the presentation module), as ranges
with frozen headers and filters, native charts for the main figures, and a notes sheet.
Streamed to a file in xlsxwriter's constant-memory mode (`Book.streaming`), so a council-wide
export holds one row at a time, not the workbook. A "Which schools" list longer than a cell
holds is never cut: its cell points to the sheet "Training need schools", one row per school
and a column for each such topic.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from inclusion.area_partnerships.audit_figures import TrainingNeedLine
from inclusion.area_partnerships.dashboard import Dashboard
from inclusion.area_partnerships.sections import Section, dashboard_sections
from inclusion.schools.models import School
from inclusion.spreadsheets import CELL_LIMIT, Book, safe_text

SCHOOLS_SHEET = "Training need schools"

NOTES = [
    (
        "Source: audits",
        "Schools' Inclusion Audits in the portal: the latest score snapshot of "
        "each audit (taken at submission or sign-off).",
    ),
    (
        "Source: school-recorded",
        "Suspensions, permanent exclusions and part-time timetables "
        "recorded by schools in the portal.",
    ),
    (
        "Source: official",
        "DfE, Suspensions and permanent exclusions in England, school-level "
        "file, where imported. Contains public sector information licensed under the Open "
        "Government Licence v3.0.",
    ),
    ("Rates", "Per 100 pupils on roll (the school census headcount in the school's record)."),
    (
        "Suppression",
        "Counts from pupils' records below the threshold are shown as c (DfE's "
        "symbol), with any rate built on them; where one hidden figure could be worked out from "
        "a total, the next smallest is hidden too.",
    ),
    ("Medians", "Shown only when at least 5 schools contribute."),
]


def dashboard_workbook(board: Dashboard, school_level: bool, threshold: int) -> bytes:
    """The workbook as bytes (a partnership's: small enough to hand back in the request)."""
    with tempfile.TemporaryDirectory(prefix="inclusion-export-") as folder:
        path = Path(folder) / "dashboard.xlsx"
        write_dashboard_workbook(board, school_level, threshold, path)
        return path.read_bytes()


def write_dashboard_workbook(
    board: Dashboard, school_level: bool, threshold: int, path: Path
) -> None:
    """Stream the workbook to `path` in constant memory."""
    book = Book.streaming(path)
    _summary(book, board, threshold)
    sections = dashboard_sections(board, school_level, threshold)
    for section in sections.values():
        sheet = book.book.add_worksheet(section.title)
        book.ranges(sheet, 0, section.columns, _fitting(section))
        CHARTS.get(section.name, _no_chart)(book, sheet, section)
    if school_level:
        too_long = [line for line in board.training if not _fits(_names(line.schools))]
        _training_schools(book, too_long)
    _notes(book, threshold)
    book.close()


def _fitting(section: Section) -> list[list[Any]]:
    """Rows whose every text fits in a cell; a longer "Which schools" list points to its sheet."""
    if section.name != "training-needs" or "Which schools" not in section.headers:
        return section.rows
    at = section.headers.index("Which schools")
    return [
        row
        if _fits(row[at])
        else [
            *row[:at],
            f"{row[1]:,} schools: filter this topic's column on the sheet '{SCHOOLS_SHEET}'",
        ]
        for row in section.rows
    ]


def _names(schools: list[School]) -> str:
    """As `sections.training_needs` lists them."""
    return ", ".join(school.name for school in schools)


def _fits(text: str) -> bool:
    return len(safe_text(text)) <= CELL_LIMIT


def _training_schools(book: Book, lines: list[TrainingNeedLine]) -> None:
    """One row per school, one column per topic whose list is too long for a cell: "Yes" where
    the school needs the topic, so filtering a column lists that topic's schools."""
    if not lines:
        return
    sheet = book.book.add_worksheet(SCHOOLS_SHEET)
    columns = [("URN", 10, False), ("School", 60, True)]
    columns += [(line.title, 18, True) for line in lines]
    needs = _topics_by_school(lines)
    book.ranges(sheet, 0, columns, [])
    for row, (school, topics) in enumerate(sorted(needs.items(), key=_by_name), start=1):
        book.put(sheet, row, 0, school[0])
        book.put(sheet, row, 1, school[1])
        for col in topics:
            sheet.write_string(row, col, "Yes")
    sheet.autofilter(0, 0, max(len(needs), 1), len(columns) - 1)


def _topics_by_school(lines: list[TrainingNeedLine]) -> dict[tuple[str, str], list[int]]:
    """(URN, name) -> the columns of the topics the school needs."""
    needs: dict[tuple[str, str], list[int]] = {}
    for col, line in enumerate(lines, start=2):
        for school in line.schools:
            needs.setdefault((school.urn, school.name), []).append(col)
    return needs


def _by_name(item: tuple[tuple[str, str], list[int]]) -> tuple[str, str]:
    (urn, name), _ = item
    return name, urn


def _summary(book: Book, board: Dashboard, threshold: int) -> None:
    sheet = book.book.add_worksheet("Summary")
    book.pairs(
        sheet,
        [
            ("Area", board.scope.label),
            ("Academic year", board.scope.year.label),
            ("Phase", board.scope.phase or "All phases"),
            ("Produced", date.today()),
            ("Schools", board.participation.schools),
            ("Schools that have submitted their audit", board.participation.taking_part),
            ("Share taking part (%)", board.participation.share_taking_part),
            (
                "Schools fully compliant on their website (%)",
                board.compliance.share_fully_compliant,
            ),
            ("Suppression threshold", threshold),
        ],
    )


def _participation_chart(book: Book, sheet: Worksheet, section: Section) -> None:
    chart = book.book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Schools",
            "categories": [section.title, 1, 0, len(section.rows), 0],
            "values": [section.title, 1, 1, len(section.rows), 1],
        }
    )
    chart.set_title({"name": "Schools by audit status"})
    chart.set_legend({"none": True})
    sheet.insert_chart("D2", chart)


def _medians_chart(book: Book, sheet: Worksheet, section: Section) -> None:
    chart = book.book.add_chart({"type": "bar"})
    for col, name in ((1, section.headers[1].removesuffix(" median")), (2, "Council")):
        chart.add_series(
            {
                "name": name,
                "categories": [section.title, 1, 0, len(section.rows), 0],
                "values": [section.title, 1, col, len(section.rows), col],
            }
        )
    chart.set_title({"name": "Median area scores (0 to 3)"})
    chart.set_size({"width": 720, "height": 520})
    sheet.insert_chart("E2", chart)


def _no_chart(book: Book, sheet: Worksheet, section: Section) -> None:
    return None


CHARTS = {"participation": _participation_chart, "area-medians": _medians_chart}


def _notes(book: Book, threshold: int) -> None:
    sheet = book.book.add_worksheet("Notes")
    rows = [
        [topic, text.replace("the threshold", f"the threshold ({threshold})")]
        for topic, text in NOTES
    ]
    book.ranges(sheet, 0, [("Topic", 24, False), ("Note", 100, True)], rows)
