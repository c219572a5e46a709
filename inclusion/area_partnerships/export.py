"""A partnership's or the council's dashboard as an XLSX workbook.

The same figures as the page, suppressed the same way (the presentation module), as Excel
tables with frozen headers and filters, native charts for the main figures, and a notes
sheet. Written in xlsxwriter's constant-memory mode, so council-wide exports stay small.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inclusion.area_partnerships import presentation
from inclusion.area_partnerships.dashboard import Dashboard
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
    _participation(book, board)
    _medians(book, board)
    if school_level:
        _heatmap(book, board)
    _training(book, board, school_level)
    _exclusions(book, board, school_level, threshold)
    _timetables(book, board, threshold)
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


def _participation(book: Book, board: Dashboard) -> None:
    sheet = book.book.add_worksheet("Participation")
    rows = [[status.label, count] for status, count in board.participation.counts.items()]
    book.table(sheet, 0, [("Audit status", 24, False), ("Schools", 10, False)], rows)
    chart = book.book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Schools",
            "categories": ["Participation", 1, 0, len(rows), 0],
            "values": ["Participation", 1, 1, len(rows), 1],
        }
    )
    chart.set_title({"name": "Schools by audit status"})
    chart.set_legend({"none": True})
    sheet.insert_chart("D2", chart)


def _medians(book: Book, board: Dashboard) -> None:
    sheet = book.book.add_worksheet("Area medians")
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
    book.table(sheet, 0, columns, rows)
    chart = book.book.add_chart({"type": "bar"})
    for col, name in ((1, board.scope.label), (2, "Council")):
        chart.add_series(
            {
                "name": name,
                "categories": ["Area medians", 1, 0, len(rows), 0],
                "values": ["Area medians", 1, col, len(rows), col],
            }
        )
    chart.set_title({"name": "Median area scores (0 to 3)"})
    chart.set_size({"width": 720, "height": 520})
    sheet.insert_chart("E2", chart)


def _heatmap(book: Book, board: Dashboard) -> None:
    sheet = book.book.add_worksheet("Audit results")
    columns = [("URN", 10, False), ("School", 40, True)] + [
        (code, 8, False) for code, _ in board.heatmap.areas
    ]
    rows = [
        [school.urn, school.name] + [_score(scores.get(code)) for code, _ in board.heatmap.areas]
        for school, scores in board.heatmap.rows
    ]
    book.table(sheet, 0, columns, rows)


def _score(cell: Any) -> float | None:
    return cell[0] if cell else None


def _training(book: Book, board: Dashboard, school_level: bool) -> None:
    sheet = book.book.add_worksheet("Training needs")
    columns = [
        ("Topic", 48, True),
        ("Schools", 10, False),
        ("From ratings", 14, False),
        ("Asked for", 12, False),
    ]
    if school_level:
        columns.append(("Which schools", 80, True))
    rows = []
    for line in board.training:
        row = [line.title, len(line.schools), line.derived, line.requested]
        rows.append(row + ([", ".join(s.name for s in line.schools)] if school_level else []))
    book.table(sheet, 0, columns, rows)


def _exclusions(book: Book, board: Dashboard, school_level: bool, threshold: int) -> None:
    sheet = book.book.add_worksheet("Suspensions")
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
    ]
    shown = (rows if school_level else []) + [total]
    book.table(sheet, 0, columns, [_exclusion_cells(row) for row in shown])


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
    ]


def _timetables(book: Book, board: Dashboard, threshold: int) -> None:
    sheet = book.book.add_worksheet("Part-time timetables")
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
    book.table(sheet, 0, [("Measure", 44, True), ("Value", 12, False)], rows)


def _notes(book: Book, threshold: int) -> None:
    sheet = book.book.add_worksheet("Notes")
    rows = [
        [topic, text.replace("the threshold", f"the threshold ({threshold})")]
        for topic, text in NOTES
    ]
    book.table(sheet, 0, [("Topic", 24, False), ("Note", 100, True)], rows)
