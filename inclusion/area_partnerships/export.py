"""A partnership's or the council's dashboard as an XLSX workbook.

The same figures as the page, suppressed the same way (the presentation module), as Excel
tables with frozen headers and filters, native charts for the main figures, and a notes
sheet. Written in xlsxwriter's constant-memory mode, so council-wide exports stay small.
"""

from __future__ import annotations

from datetime import date

from xlsxwriter.worksheet import Worksheet

from inclusion.area_partnerships.dashboard import Dashboard
from inclusion.area_partnerships.sections import Section, dashboard_sections
from inclusion.spreadsheets import Book

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
    book = Book.new(constant_memory=True)
    _summary(book, board, threshold)
    sections = dashboard_sections(board, school_level, threshold)
    for section in sections.values():
        sheet = book.book.add_worksheet(section.title)
        book.table(sheet, 0, section.columns, section.rows)
        CHARTS.get(section.name, _no_chart)(book, sheet, section)
    _notes(book, threshold)
    return book.close()


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
    book.table(sheet, 0, [("Topic", 24, False), ("Note", 100, True)], rows)
