"""Website compliance for partnerships and the council: the key measure, grid and export."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

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

compliance = Blueprint("compliance", __name__, url_prefix="/compliance")
STATUS_ABBREVIATIONS = {
    "met": "Met",
    "partly_met": "Part",
    "not_met": "Not",
    "not_applicable": "N/A",
    "does_not_apply": "Does not apply",
}


def _grid() -> tuple[ComplianceGrid, dict]:
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
    return compliance_grid(year, ids, phase), filters


def _sees_each_school(partnerships: list) -> bool:
    """Each school's answers for administrators and the partnerships' advisers; a partnership
    lead (the head of another school) sees how many schools gave each answer, on the page and
    in the spreadsheet alike (docs/decisions/0003-leads-see-compliance-totals.md)."""
    return current_user.is_admin or all(
        can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, p) for p in partnerships
    )


@compliance.route("/")
@can_view_area_figures
def index():
    grid, filters = _grid()
    return render_template(
        "send_report/compliance.html",
        grid=grid,
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
    return Response(
        compliance_workbook(grid, filters),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
