"""The audit and its results as a spreadsheet, for whoever may see the results page."""

from __future__ import annotations

from flask import Blueprint, Response
from flask_login import current_user

from inclusion.audit import context
from inclusion.audit.exports import audit_workbook
from inclusion.permissions import can_view_audit
from inclusion.schools.models import School
from inclusion.security import events
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.ui.downloads import attachment

audit_export = Blueprint("audit_export", __name__, url_prefix="/schools/<urn>/audits/<year>")


@audit_export.route("/export.xlsx")
@can_view_audit
def export(school: School, year: str) -> Response:
    found = context.existing_audit(school, year)
    events.record_export("audit", current_user, school=school.urn, year=found.academic_year.label)
    filename = f"inclusion-audit-{school.urn}-{context.year_slug(found.academic_year)}.xlsx"
    return attachment(audit_workbook(found), XLSX_MIMETYPE, filename, private=True)
