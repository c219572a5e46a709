"""Dashboards for a partnership (its advisers and lead) and for the whole council."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, render_template, request
from flask_login import current_user

from inclusion.area_partnerships import presentation
from inclusion.area_partnerships.dashboard import dashboard_for
from inclusion.area_partnerships.dashboard_charts import dashboard_charts
from inclusion.area_partnerships.dashboard_lists import most_suspended_first, short_list
from inclusion.area_partnerships.export import dashboard_workbook
from inclusion.area_partnerships.export_job_views import start_council_export
from inclusion.area_partnerships.kpi_export import kpi_workbook
from inclusion.area_partnerships.kpi_page import kpi_charts
from inclusion.area_partnerships.kpi_sections import kpi_sections
from inclusion.area_partnerships.kpi_websites import KEY_MEASURE_ITEMS
from inclusion.area_partnerships.kpis import council_kpis
from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sections import Section, dashboard_sections, section_csv
from inclusion.errors import NotFound
from inclusion.permissions import Action, can, can_view_council_figures, can_view_partnership
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.schools.phases import Phase
from inclusion.schools.services import current_year, year_by_label
from inclusion.security import events
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.turns import takes_council_wide_turn
from inclusion.ui.downloads import attachment

area = Blueprint("area", __name__)


@area.route("/partnerships/<code>/dashboard")
@can_view_partnership
def partnership_dashboard(partnership: AreaInclusionPartnership):
    school_level = can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, partnership)
    return _render(_scope(partnership), school_level, f"{partnership.name}: dashboard")


@area.route("/council/dashboard")
@can_view_council_figures
@takes_council_wide_turn
def council_dashboard():
    exact = can(current_user, Action.VIEW_UNSUPPRESSED_COUNTS)
    return _render(_scope(None), True, "Council dashboard", exact_counts=exact)


@area.route("/partnerships/<code>/dashboard.xlsx")
@can_view_partnership
def partnership_export(partnership: AreaInclusionPartnership):
    school_level = can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, partnership)
    return _workbook(_scope(partnership), school_level, partnership.code.lower())


@area.route("/council/dashboard.xlsx", methods=["GET", "POST"])
@can_view_council_figures
def council_export():
    """Council-wide: made by a background job (`export_jobs`), not in this request."""
    return start_council_export(_scope(None))


@area.route("/partnerships/<code>/dashboard/<section>.csv")
@can_view_partnership
def partnership_csv(partnership: AreaInclusionPartnership, section: str):
    school_level = can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, partnership)
    return _csv(_scope(partnership), school_level, section, partnership.code.lower())


@area.route("/council/dashboard/<section>.csv")
@can_view_council_figures
@takes_council_wide_turn
def council_csv(section: str):
    return _csv(_scope(None), True, section, "council")


@area.route("/council/kpis")
@can_view_council_figures
def council_kpis_page():
    # Council staff see exact counts here, as on the council dashboard (rule S1).
    exact = can(current_user, Action.VIEW_UNSUPPRESSED_COUNTS)
    threshold = 1 if exact else current_app.config["SUPPRESSION_THRESHOLD"]
    kpis = council_kpis()
    sections = kpi_sections(kpis, threshold)
    return render_template(
        "area/kpis.html",
        kpis=kpis,
        sections=sections,
        charts=kpi_charts(sections, kpis.years),
        key_items=KEY_MEASURE_ITEMS,
        exact_counts=exact,
        threshold=threshold,
        title="Council KPIs",
    )


@area.route("/council/kpis.xlsx")
@can_view_council_figures
def council_kpis_export():
    events.record_export("council KPIs (XLSX)", current_user, area="Whole council")
    data = kpi_workbook(council_kpis(), current_app.config["SUPPRESSION_THRESHOLD"])
    return _download(data, XLSX_MIMETYPE, f"inclusion-council-kpis-{date.today().isoformat()}.xlsx")


@area.route("/council/kpis/<section>.csv")
@can_view_council_figures
def council_kpis_csv(section: str):
    sections = kpi_sections(council_kpis(), current_app.config["SUPPRESSION_THRESHOLD"])
    if section not in sections:
        raise NotFound("There is no such KPI table.")
    events.record_export(f"council KPI table {section} (CSV)", current_user, area="Whole council")
    filename = f"inclusion-council-kpis-{section}.csv"
    return _download(section_csv(sections[section]), "text/csv", filename)


def _download(data: bytes | str, mimetype: str, filename: str) -> Response:
    """Figures by school: never kept in a browser's or proxy's cache."""
    return attachment(data, mimetype, filename, private=True)


def _csv(scope: Scope, school_level: bool, name: str, prefix: str) -> Response:
    found = csv_section(scope, school_level, name)
    _record_export(scope, f"dashboard table {name} (CSV)")
    filename = f"inclusion-{prefix}-{scope.year.label.replace('/', '-')}-{found.name}.csv"
    return _download(section_csv(found), "text/csv", filename)


def csv_section(scope: Scope, school_level: bool, name: str) -> Section:
    """One section of the dashboard as this viewer may see it; unknown names are 404."""
    threshold = current_app.config["SUPPRESSION_THRESHOLD"]
    sections = dashboard_sections(dashboard_for(scope, date.today()), school_level, threshold)
    if name not in sections:
        raise NotFound("There is no such table on this dashboard.")
    return sections[name]


def _workbook(scope: Scope, school_level: bool, name: str) -> Response:
    _record_export(scope, "dashboard (XLSX)")
    threshold = current_app.config["SUPPRESSION_THRESHOLD"]
    data = dashboard_workbook(dashboard_for(scope, date.today()), school_level, threshold)
    filename = f"inclusion-{name}-{scope.year.label.replace('/', '-')}.xlsx"
    return _download(data, XLSX_MIMETYPE, filename)


def _record_export(scope: Scope, what: str) -> None:
    events.record_export(what, current_user, area=scope.label, year=scope.year.label)


def _scope(partnership: AreaInclusionPartnership | None) -> Scope:
    year = year_by_label(request.args["year"]) if request.args.get("year") else current_year()
    if year is None:
        raise NotFound("There is no current academic year.")
    phase = request.args.get("phase", "")
    return Scope(year, partnership, phase if phase in set(Phase) else "")


def _render(scope: Scope, school_level: bool, title: str, exact_counts: bool = False):
    # A threshold of 1 hides nothing: only council staff on the council's own page get it.
    threshold = 1 if exact_counts else current_app.config["SUPPRESSION_THRESHOLD"]
    limit = current_app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] if school_level else 0
    board = dashboard_for(scope, date.today(), school_limit=limit)
    rows, total = presentation.exclusion_rows(board, threshold)
    too_many = not board.lists_schools
    show = request.args.get("show", "")  # a section whose school list is shown in full
    return render_template(
        "area/dashboard.html",
        board=board,
        school_level=school_level and not too_many,
        too_many_to_list=school_level and too_many,
        exclusion_rows=short_list(most_suspended_first(rows), "exclusions", show),
        exclusion_total=total,
        heatmap_rows=short_list(board.heatmap.rows, "results", show),
        to_chase=short_list(board.participation.to_chase, "participation", show),
        charts=dashboard_charts(board, threshold),
        sen_series=presentation.series(board.exclusions_by_sen, threshold),
        timetables=board.timetables,
        shown=lambda value: presentation.count(value, threshold),
        shown_series=lambda values: presentation.series(values, threshold),
        threshold=threshold,
        exact_counts=exact_counts,
        phases=list(Phase),
        may_remind=_may_remind(scope),
        title=title,
    )


def _may_remind(scope: Scope) -> bool:
    """The partnership's advisers can remind its schools to chase, this year only."""
    this_year = current_year()
    return (
        scope.partnership is not None
        and this_year is not None
        and scope.year.id == this_year.id
        and can(current_user, Action.REMIND_PARTNERSHIP, scope.partnership)
    )
