"""Website compliance for partnerships and the council: the key measure, grid and export."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from inclusion.area_partnerships import figures_read
from inclusion.area_partnerships.figures_compliance import ComplianceSummary
from inclusion.area_partnerships.scope import Scope
from inclusion.errors import NotFound
from inclusion.extensions import db
from inclusion.permissions import (
    Action,
    can,
    can_view_area_figures,
    partnerships_visible_to,
)
from inclusion.schools.phases import Phase
from inclusion.schools.services import current_year, year_by_label
from inclusion.send_report.compliance import (
    ITEM_COLUMNS,
    ComplianceGrid,
    compliance_grid,
    item_totals,
)
from inclusion.send_report.compliance_export import compliance_workbook
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.ui.downloads import attachment

compliance = Blueprint("compliance", __name__, url_prefix="/compliance")
STATUS_ABBREVIATIONS = {
    "met": "Met",
    "partly_met": "Part",
    "not_met": "Not",
    "not_applicable": "N/A",
    "does_not_apply": "Does not apply",
}


def _grid(summary_past_limit: bool = False) -> tuple[ComplianceGrid | ComplianceSummary, dict]:
    """The grid of the partnerships asked for; council-wide past the school-list limit, only
    its counts if `summary_past_limit` (the page; the spreadsheet keeps every school)."""
    year = year_by_label(request.args["year"]) if request.args.get("year") else current_year()
    if year is None:
        raise NotFound("There is no current academic year.")
    visible = {p.code: p for p in db.session.scalars(partnerships_visible_to(current_user))}
    code = request.args.get("partnership", "")
    if code and code not in visible:
        raise NotFound("No partnership you can see has that code.")
    ids = (
        [visible[code].id]
        if code
        else (None if current_user.is_admin else [p.id for p in visible.values()])
    )
    phase = request.args.get("phase", "") if request.args.get("phase") in set(Phase) else ""
    scope = [visible[code]] if code else list(visible.values())
    filters = {
        "year": year,
        "partnership": code,
        "phase": phase,
        "partnerships": list(visible.values()),
        "schools_shown": _sees_each_school(scope),
    }
    if ids is None and summary_past_limit:
        return _council_summary(year, phase), filters
    return compliance_grid(year, ids, phase), filters


def _sees_each_school(partnerships: list) -> bool:
    """Each school's answers for administrators and the partnerships' advisers; a partnership
    lead (the head of another school) sees how many schools gave each answer, on the page and
    in the spreadsheet alike (docs/decisions/0003-leads-see-compliance-totals.md)."""
    return current_user.is_admin or all(
        can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, p) for p in partnerships
    )


def _council_summary(year, phase: str) -> ComplianceGrid | ComplianceSummary:
    """Council-wide past the dashboards' school-list limit: the maintained counts, no grid."""
    summary = figures_read.compliance_summary(Scope(year, None, phase))
    if summary.schools > current_app.config["DASHBOARD_SCHOOL_LIST_LIMIT"]:
        return summary
    return compliance_grid(year, None, phase)


@compliance.route("/")
@can_view_area_figures
def index():
    grid, filters = _grid(summary_past_limit=True)
    return render_template(
        "send_report/compliance.html",
        grid=grid,
        schools=grid.schools if isinstance(grid, ComplianceSummary) else len(grid.rows),
        listed=not isinstance(grid, ComplianceSummary),
        filters=filters,
        phases=list(Phase),
        abbreviations=STATUS_ABBREVIATIONS,
        item_totals=[] if filters["schools_shown"] else item_totals(grid),
        item_columns=ITEM_COLUMNS,
        title="Website compliance",
    )


@compliance.route("/export.xlsx")
@can_view_area_figures
def export():
    grid, filters = _grid()
    scope = filters["partnership"] or ("council" if current_user.is_admin else "partnerships")
    name = f"website-compliance-{scope.lower()}-{filters['year'].label.replace('/', '-')}.xlsx"
    return attachment(compliance_workbook(grid, filters), XLSX_MIMETYPE, name, private=True)
