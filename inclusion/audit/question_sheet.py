"""The audit's questions as a spreadsheet to prepare with colleagues: one row per standard,
with blank columns for a draft rating and notes (the school answers in the portal).

XLSX rather than PDF: colleagues fill in draft ratings and evidence beside each question,
sort and filter by section, and share one file; the print view already gives a paper copy."""

from __future__ import annotations

from typing import Any

from inclusion.audit.models import Standard
from inclusion.audit.preparation import Preparation
from inclusion.spreadsheets import Book, Column

ABOUT_SHEET = "About"
QUESTIONS_SHEET = "Questions"
QUESTION_COLUMNS: list[Column] = [
    ("Section", 30, True),
    ("Code", 10, False),
    ("Standard", 40, True),
    ("Statutory", 11, False),
    ("What it means", 60, True),
    ("Rating scale", 50, True),
    ("Evidence you could point to", 50, True),
    ("Last year's rating", 20, False),
    ("Draft rating", 18, False),
    ("Draft evidence and notes", 50, True),
]


def questions_workbook(prep: Preparation) -> bytes:
    book = Book.new()
    _about(book, prep)
    sheet = book.book.add_worksheet(QUESTIONS_SHEET)
    rows = [
        _row(prep, section.area.title, standard)
        for section in prep.sections
        for standard in section.standards
    ]
    book.table(sheet, 0, QUESTION_COLUMNS, rows, name="Questions")
    return book.close()


def _about(book: Book, prep: Preparation) -> None:
    sheet = book.book.add_worksheet(ABOUT_SHEET)
    due = prep.deadline.due_text if prep.deadline else "Not set yet"
    book.pairs(
        sheet,
        [
            ("School", prep.school.name),
            ("Academic year", prep.year.label),
            ("Framework", prep.framework.name),
            ("Standards to rate", prep.standards),
            ("Sections", len(prep.sections)),
            ("Time to allow", prep.estimate.text + ", once the evidence is to hand"),
            ("Due date", due),
            ("Rating scale", "; ".join(f"{s.value}: {s.label}" for s in prep.scale)),
            ("Answer in the portal", "This sheet is for preparing only: answers count there."),
        ],
    )


def _row(prep: Preparation, section: str, standard: Standard) -> list[Any]:
    scale = "\n".join(
        f"{step.label}: {prep.descriptor(standard, step)}".rstrip(": ") for step in prep.scale
    )
    if standard.allows_not_applicable:
        scale += f"\n{prep.not_applicable_label} (give the reason)"
    return [
        section,
        standard.code,
        standard.title,
        standard.statutory,
        standard.guidance,
        scale,
        "\n".join(standard.evidence_prompts or []),
        prep.last_year_text(standard),
        "",
        "",
    ]
