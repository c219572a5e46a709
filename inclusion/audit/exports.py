"""A school's audit and its results as an XLSX workbook: summary, one sheet per area, actions.

Every user-supplied string goes through `safe_text` and `write_string`, so a spreadsheet
program never evaluates it: nothing from a user ever becomes a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

import xlsxwriter
from sqlalchemy import select
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from inclusion.audit import context, scoring
from inclusion.audit.models import Answer, Audit, AuditAction, FrameworkArea, Standard
from inclusion.audit.results import AreaLine, Results, StandardLine, results_for
from inclusion.audit.statuses import ActionStatus
from inclusion.audit.tree import framework_areas
from inclusion.extensions import db

WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_LIMIT = 31
INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
SUMMARY_SHEET = "Summary"
ACTIONS_SHEET = "Actions"
NOT_SHOWN = "Not shown"
NEW_STANDARD = "New, not comparable"
STAGES = {"submitted": "Submitted", "signed_off": "Signed off"}
MODERATION = {"agree": "Agreed", "challenge": "Challenged"}

# (header, width, wrapped)
Column = tuple[str, int, bool]
AREA_COLUMNS: list[Column] = [
    ("Area", 40, True),
    ("Result", 18, False),
    ("Score", 10, False),
    ("Partnership median", 20, False),
    ("Council median", 16, False),
    ("Capped by statutory gate", 24, False),
]
STANDARD_COLUMNS: list[Column] = [
    ("Code", 10, False),
    ("Standard", 40, True),
    ("Statutory", 11, False),
    ("Rating", 18, False),
    ("Not applicable reason", 30, True),
    ("Evidence", 60, True),
    ("Note", 40, True),
    ("Evidence links", 40, True),
    ("Moderation", 30, True),
    ("Moderated rating", 18, False),
    ("Last year's rating", 20, False),
]
ACTION_COLUMNS: list[Column] = [
    ("Description", 60, True),
    ("Standard", 12, False),
    ("Owner", 24, True),
    ("Due date", 14, False),
    ("Status", 14, False),
]
RATING_COLUMN = 3


def safe_text(value: str) -> str:
    """A leading quote stops Excel, LibreOffice and Sheets reading the text as a formula."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


@dataclass
class _Formats:
    label: Format
    wrap: Format
    number: Format
    date: Format

    @classmethod
    def of(cls, book: Workbook) -> _Formats:
        return cls(
            label=book.add_format({"bold": True}),
            wrap=book.add_format({"text_wrap": True, "valign": "top"}),
            number=book.add_format({"num_format": "0.00", "valign": "top"}),
            date=book.add_format({"num_format": "d mmmm yyyy", "valign": "top"}),
        )


@dataclass
class _Export:
    audit: Audit
    results: Results
    areas: list[FrameworkArea]
    answers: dict[int, Answer]
    actions: list[AuditAction]
    book: Workbook
    formats: _Formats

    @property
    def na_label(self) -> str:
        return self.audit.framework.settings.get("not_applicable_label", "Not applicable")

    def rating_text(self, rating: scoring.Rating) -> str:
        if rating == scoring.NOT_APPLICABLE:
            return self.na_label
        return "Not answered" if rating is None else self.results.scale.get(rating, str(rating))


def audit_workbook(audit: Audit) -> bytes:
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    export = _Export(
        audit,
        results_for(audit),
        framework_areas(audit.framework_id),
        context.answers_by_standard(audit),
        _actions(audit),
        book,
        _Formats.of(book),
    )
    _write_summary(export)
    _write_area_sheets(export)
    _write_actions(export)
    book.close()
    return buffer.getvalue()


def _actions(audit: Audit) -> list[AuditAction]:
    query = select(AuditAction).where(AuditAction.audit_id == audit.id).order_by(AuditAction.id)
    return list(db.session.scalars(query))


# ---- cells and tables ---------------------------------------------------------------------


def _put(sheet: Worksheet, row: int, col: int, value: Any, formats: _Formats) -> None:
    """Write by type; strings always as plain (safe) text, never as a formula."""
    if value is None or value == "":
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "Yes" if value else "No")
    elif isinstance(value, float):
        sheet.write_number(row, col, value, formats.number)
    elif isinstance(value, int):
        sheet.write_number(row, col, value)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, _as_date(value), formats.date)
    else:
        sheet.write_string(row, col, safe_text(str(value)), formats.wrap)


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _table(
    export: _Export, sheet: Worksheet, top: int, columns: list[Column], rows: list[list[Any]]
) -> None:
    """An Excel table (header, filters) at row `top`, with the rows above it frozen."""
    for col, (_, width, wrapped) in enumerate(columns):
        sheet.set_column(col, col, width, export.formats.wrap if wrapped else None)
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            _put(sheet, top + offset, col, value, export.formats)
    last_row = top + max(len(rows), 1)  # Excel tables need at least one data row
    headers = [{"header": header} for header, _, _ in columns]
    sheet.add_table(top, 0, last_row, len(columns) - 1, {"columns": headers})
    sheet.freeze_panes(top + 1, 0)


# ---- summary ------------------------------------------------------------------------------


def _write_summary(export: _Export) -> None:
    sheet = export.book.add_worksheet(SUMMARY_SHEET)
    details = _summary_details(export)
    for row, (label, value) in enumerate(details):
        sheet.write_string(row, 0, label, export.formats.label)
        _put(sheet, row, 1, value, export.formats)
    rows = [_area_row(area) for area in export.results.areas]
    _table(export, sheet, len(details) + 1, AREA_COLUMNS, rows)


def _summary_details(export: _Export) -> list[tuple[str, Any]]:
    audit, results, snapshot = export.audit, export.results, export.results.snapshot
    stage = "Provisional" if snapshot is None else STAGES.get(snapshot.stage, snapshot.stage)
    return [
        ("School", audit.school.name),
        ("URN", audit.school.urn),
        ("Academic year", audit.academic_year.label),
        ("Status", audit.status_enum.label),
        ("Framework version", audit.framework.version),
        ("Scores", stage),
        ("Scores taken on", "Provisional" if snapshot is None else snapshot.taken_at),
        ("Overall score", results.overall if results.overall is not None else "Not rated"),
    ]


def _area_row(area: AreaLine) -> list[Any]:
    return [
        area.title,
        area.level or "Not rated",
        area.score if area.score is not None else "Not rated",
        area.partnership_median if area.partnership_median is not None else NOT_SHOWN,
        area.council_median if area.council_median is not None else NOT_SHOWN,
        area.gated,
    ]


# ---- one sheet per area -------------------------------------------------------------------


def sheet_name(code: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, no edge quote, unique."""
    base = INVALID_SHEET_CHARACTERS.sub("-", code)[:SHEET_NAME_LIMIT].strip("'") or "Area"
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def _write_area_sheets(export: _Export) -> None:
    taken = {SUMMARY_SHEET.lower(), ACTIONS_SHEET.lower(), "history"}  # History: Excel's own
    lines = {line.code: line for line in export.results.standards}
    for area in export.areas:
        sheet = export.book.add_worksheet(sheet_name(area.code, taken))
        rows = [_standard_row(export, s, lines.get(s.code)) for s in area.standards]
        _table(export, sheet, 0, STANDARD_COLUMNS, rows)
        _rating_validation(export, sheet, len(rows))


def _standard_row(export: _Export, standard: Standard, line: StandardLine | None) -> list[Any]:
    answer = export.answers.get(standard.id)
    return [
        standard.code,
        standard.title,
        standard.statutory,
        export.rating_text(_rating_of(answer)),
        answer.not_applicable_reason if answer else "",
        answer.evidence if answer else "",
        answer.note if answer else "",
        "\n".join(answer.evidence_links) if answer else "",
        _moderation(answer),
        _moderated_rating(export, answer),
        _last_year(export, line),
    ]


def _rating_of(answer: Answer | None) -> scoring.Rating:
    if answer is None:
        return None
    return scoring.NOT_APPLICABLE if answer.not_applicable else answer.rating


def _moderation(answer: Answer | None) -> str:
    if answer is None or answer.moderation_decision is None:
        return ""
    decision = MODERATION.get(answer.moderation_decision, answer.moderation_decision)
    comment = answer.moderation_comment.strip()
    return f"{decision}: {comment}" if comment else decision


def _moderated_rating(export: _Export, answer: Answer | None) -> str:
    if answer is None or answer.moderated_rating is None:
        return ""
    return export.rating_text(answer.moderated_rating)


def _last_year(export: _Export, line: StandardLine | None) -> str:
    if line is None or not line.comparable:
        return NEW_STANDARD
    return "No audit" if line.previous is None else export.rating_text(line.previous)


def _rating_validation(export: _Export, sheet: Worksheet, count: int) -> None:
    labels = [*export.results.scale.values(), export.na_label]
    sheet.data_validation(
        1,
        RATING_COLUMN,
        max(count, 1),
        RATING_COLUMN,
        {"validate": "list", "source": labels, "error_type": "warning"},
    )


# ---- actions ------------------------------------------------------------------------------


def _write_actions(export: _Export) -> None:
    sheet = export.book.add_worksheet(ACTIONS_SHEET)
    codes = {s.id: s.code for area in export.areas for s in area.standards}
    rows = [_action_row(action, codes) for action in export.actions]
    _table(export, sheet, 0, ACTION_COLUMNS, rows)


def _action_row(action: AuditAction, codes: dict[int, str]) -> list[Any]:
    return [
        action.description,
        codes.get(action.standard_id, "") if action.standard_id else "",
        action.owner,
        action.due_date,
        ActionStatus(action.status).label,
    ]
