"""A school's audit and its results as an XLSX workbook: summary, one sheet per area, actions.

Every user-supplied string goes through `safe_text` and `write_string`, so a spreadsheet
program never evaluates it: nothing from a user ever becomes a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from xlsxwriter.worksheet import Worksheet

from inclusion.audit import context, scoring
from inclusion.audit.models import Answer, Audit, AuditAction, FrameworkArea, Standard
from inclusion.audit.results import AreaLine, Results, StandardLine, results_for
from inclusion.audit.sign_off import signed_off_record
from inclusion.audit.statuses import ActionStatus
from inclusion.audit.tree import framework_areas
from inclusion.extensions import db
from inclusion.schools.settings import applies_to_text, binds_school
from inclusion.spreadsheets import Book, Column

SHEET_NAME_LIMIT = 31
INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
SUMMARY_SHEET = "Summary"
ACTIONS_SHEET = "Actions"
NOT_SHOWN = "Not shown"
NEW_STANDARD = "New, not comparable"
STAGES = {"submitted": "Submitted", "signed_off": "Signed off"}
MODERATION = {"agree": "Agreed", "challenge": "Challenged"}

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


@dataclass
class _Export:
    audit: Audit
    results: Results
    areas: list[FrameworkArea]
    answers: dict[int, Answer]
    actions: list[AuditAction]
    book: Book

    @property
    def na_label(self) -> str:
        return self.audit.framework.settings.get("not_applicable_label", "Not applicable")

    def rating_text(self, rating: scoring.Rating) -> str:
        if rating == scoring.NOT_APPLICABLE:
            return self.na_label
        return "Not answered" if rating is None else self.results.scale.get(rating, str(rating))


def audit_workbook(audit: Audit) -> bytes:
    book = Book.new()
    export = _Export(
        audit,
        results_for(audit),
        framework_areas(audit.framework_id),
        context.answers_by_standard(audit),
        _actions(audit),
        book,
    )
    _write_summary(export)
    _write_area_sheets(export)
    _write_actions(export)
    return book.close()


def _actions(audit: Audit) -> list[AuditAction]:
    query = select(AuditAction).where(AuditAction.audit_id == audit.id).order_by(AuditAction.id)
    return list(db.session.scalars(query))


# ---- cells and tables ---------------------------------------------------------------------


# ---- summary ------------------------------------------------------------------------------


def _write_summary(export: _Export) -> None:
    sheet = export.book.book.add_worksheet(SUMMARY_SHEET)
    details = _summary_details(export)
    for row, (label, value) in enumerate(details):
        sheet.write_string(row, 0, label, export.book.bold)
        export.book.put(sheet, row, 1, value)
    rows = [_area_row(area) for area in export.results.areas]
    export.book.table(sheet, len(details) + 1, AREA_COLUMNS, rows)


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
        ("Signed off", _signed_off_text(audit)),
    ]


def _signed_off_text(audit: Audit) -> str:
    """Who signed off and when, on the UK clock ("by A Head on 4 June 2026 at 2:05pm")."""
    record = signed_off_record(audit)
    return f"By {record.name} on {record.when}" if record else "Not signed off"


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
        sheet = export.book.book.add_worksheet(sheet_name(area.code, taken))
        rows = [_standard_row(export, s, lines.get(s.code)) for s in area.standards]
        export.book.table(sheet, 0, STANDARD_COLUMNS, rows)
        _rating_validation(export, sheet, len(rows))


def _standard_row(export: _Export, standard: Standard, line: StandardLine | None) -> list[Any]:
    answer = export.answers.get(standard.id)
    binds = binds_school(standard.applies_to, export.audit.school)
    return [
        standard.code,
        standard.title,
        standard.statutory,
        export.rating_text(_rating_of(answer)) if binds else DOES_NOT_APPLY,
        (answer.not_applicable_reason if answer else "") if binds else _limit_of(standard),
        answer.evidence if answer else "",
        answer.note if answer else "",
        "\n".join(answer.evidence_links) if answer else "",
        _moderation(answer),
        _moderated_rating(export, answer),
        _last_year(export, line),
    ]


DOES_NOT_APPLY = "Does not apply to this school"


def _limit_of(standard: Standard) -> str:
    """Why a standard does not bind the school: the settings it binds, and the source."""
    return f"Applies to {applies_to_text(standard.applies_to)} only ({standard.applies_to_source})"


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
    sheet = export.book.book.add_worksheet(ACTIONS_SHEET)
    codes = {s.id: s.code for area in export.areas for s in area.standards}
    rows = [_action_row(action, codes) for action in export.actions]
    export.book.table(sheet, 0, ACTION_COLUMNS, rows)


def _action_row(action: AuditAction, codes: dict[int, str]) -> list[Any]:
    return [
        action.description,
        codes.get(action.standard_id, "") if action.standard_id else "",
        action.owner,
        action.due_date,
        ActionStatus(action.status).label,
    ]
