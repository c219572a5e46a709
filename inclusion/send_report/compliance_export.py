"""The website compliance grid as an XLSX workbook."""

from __future__ import annotations

from inclusion.send_report.compliance import ITEM_COLUMNS, ComplianceGrid, item_totals
from inclusion.spreadsheets import Book

STATUS_TEXT = {
    "met": "Met",
    "partly_met": "Partly met",
    "not_met": "Not met",
    "not_applicable": "Not applicable",
    "does_not_apply": "Does not apply to this school",
}


def compliance_workbook(grid: ComplianceGrid, filters: dict) -> bytes:
    book = Book.new()
    summary = book.book.add_worksheet("Summary")
    next_row = book.pairs(
        summary,
        [
            ("Academic year", filters["year"].label),
            ("Partnership", filters["partnership"] or "All you can see"),
            ("Phase", filters["phase"] or "All phases"),
            ("Schools", len(grid.rows)),
            ("Fully compliant schools", grid.fully_compliant),
            ("Share fully compliant (%)", grid.share_fully_compliant),
            ("Source", "Schools' own SEND Information Report checklists in the Inclusion Portal"),
        ],
    )
    missing = [[item.code, item.title, count] for item, count in grid.most_often_missing(10)]
    book.table(
        summary,
        next_row,
        [("Item", 10, False), ("Most often missing", 60, True), ("Schools", 10, False)],
        missing,
    )
    if filters["schools_shown"]:
        _schools_sheet(book, grid)
    else:
        _item_totals_sheet(book, grid)
    return book.close()


def _item_totals_sheet(book: Book, grid: ComplianceGrid) -> None:
    sheet = book.book.add_worksheet("Items")
    columns = [("Item", 10, False), ("Title", 60, True)]
    columns += [(label, 12, False) for _, label in ITEM_COLUMNS]
    rows = [[item.code, item.title, *counts] for item, counts in item_totals(grid)]
    book.table(sheet, 0, columns, rows)


def _schools_sheet(book: Book, grid: ComplianceGrid) -> None:
    schools = book.book.add_worksheet("Schools")
    columns = [
        ("URN", 10, False),
        ("School", 40, True),
        ("Partnership", 30, True),
        ("Items met", 10, False),
        ("Items that count", 10, False),
    ]
    columns += [(item.code, 11, False) for item in grid.items]
    rows = [
        [
            row.school.urn,
            row.school.name,
            row.partnership,
            row.met(grid.items),
            len(row.counted(grid.items)),
        ]
        + [STATUS_TEXT.get(row.shown_status(item), "Not answered") for item in grid.items]
        for row in grid.rows
    ]
    book.table(schools, 0, columns, rows)
