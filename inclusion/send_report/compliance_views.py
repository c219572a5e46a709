"""Website compliance for partnerships and the council: the key measure, grid and export."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from inclusion.errors import NotFound
from inclusion.extensions import db
from inclusion.permissions import can_view_area_figures, partnerships_visible_to
from inclusion.schools.phases import Phase
from inclusion.schools.services import current_year, year_by_label
from inclusion.send_report.compliance import ComplianceGrid, compliance_grid
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
    filters = {
        "year": year,
        "partnership": code,
        "phase": phase,
        "partnerships": list(visible.values()),
    }
    return compliance_grid(year, ids, phase), filters


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
