"""Preparing for the audit with colleagues: every question on paper, or as a spreadsheet.
Open to whoever may see the school's audit, before or after it is started."""

from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_login import current_user

from inclusion.audit import context
from inclusion.audit.preparation import require_preparation
from inclusion.audit.question_sheet import questions_workbook
from inclusion.permissions import can_view_audit
from inclusion.schools.models import School
from inclusion.security import events
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.ui.downloads import attachment

audit_prep = Blueprint("audit_prep", __name__, url_prefix="/schools/<urn>/audits/<year>")


@audit_prep.route("/questions")
@can_view_audit
def questions(school: School, year: str):
    prep = require_preparation(school, context.year_from_slug(year))
    return render_template(
        "audit/questions.html",
        school=school,
        prep=prep,
        slug=year,
        title="Questions to prepare",
        title_context=f"Inclusion Audit {prep.year.label}: {school.name}",
    )


@audit_prep.route("/questions.xlsx")
@can_view_audit
def questions_xlsx(school: School, year: str) -> Response:
    prep = require_preparation(school, context.year_from_slug(year))
    events.record_export("audit questions", current_user, school=school.urn, year=prep.year.label)
    filename = f"inclusion-audit-questions-{school.urn}-{year}.xlsx"
    return attachment(questions_workbook(prep), XLSX_MIMETYPE, filename, private=True)
