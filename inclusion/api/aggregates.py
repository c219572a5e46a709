"""Partnership and council aggregates: the dashboard's tables, suppressed as on the pages."""

from __future__ import annotations

from datetime import date

from flask import Response, current_app
from flask_login import current_user
from flask_smorest import Blueprint

from inclusion.api.filters import year_from_filters
from inclusion.api.principals import acting_user
from inclusion.area_partnerships.dashboard import dashboard_for
from inclusion.area_partnerships.kpi_sections import kpi_sections
from inclusion.area_partnerships.kpis import council_kpis as compute_council_kpis
from inclusion.area_partnerships.schemas import (
    AggregateFilterSchema,
    AggregatesSchema,
    KpisSchema,
)
from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sections import dashboard_sections, section_csv
from inclusion.area_partnerships.suppression import SUPPRESSED
from inclusion.errors import NotFound
from inclusion.permissions import Action, can, can_view_council_figures, can_view_partnership
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.schools.phases import Phase
from inclusion.security import events
from inclusion.turns import council_wide_turn
from inclusion.ui.downloads import attachment

aggregates = Blueprint(
    "api_aggregates",
    __name__,
    url_prefix="/api/v1",
    description="Partnership and council figures, small numbers suppressed",
)


@aggregates.route("/partnerships/<code>/aggregates")
@can_view_partnership
@aggregates.etag
@aggregates.arguments(AggregateFilterSchema, location="query", as_kwargs=True)
@aggregates.response(200, AggregatesSchema)
def partnership_aggregates(partnership: AreaInclusionPartnership, **filters: str):
    """Every table of the partnership's dashboard; schools only for those who may see them."""
    return _aggregates(_scope(partnership, filters), _school_level(partnership))


@aggregates.route("/partnerships/<code>/aggregates/<section>.csv")
@can_view_partnership
@aggregates.arguments(AggregateFilterSchema, location="query", as_kwargs=True)
@aggregates.response(200, {"type": "string"}, content_type="text/csv")
def partnership_csv(partnership: AreaInclusionPartnership, section: str, **filters: str):
    """One table as CSV (UTF-8 with a byte-order mark), for Power Query and Excel."""
    scope = _scope(partnership, filters)
    return _csv(scope, _school_level(partnership), section)


@aggregates.route("/council/aggregates")
@can_view_council_figures
@aggregates.etag
@aggregates.arguments(AggregateFilterSchema, location="query", as_kwargs=True)
@aggregates.response(200, AggregatesSchema)
def council_aggregates(**filters: str):
    """Every table of the council dashboard."""
    with council_wide_turn():
        return _aggregates(_scope(None, filters), True)


@aggregates.route("/council/aggregates/<section>.csv")
@can_view_council_figures
@aggregates.arguments(AggregateFilterSchema, location="query", as_kwargs=True)
@aggregates.response(200, {"type": "string"}, content_type="text/csv")
def council_csv(section: str, **filters: str):
    """One table of the council dashboard as CSV."""
    with council_wide_turn():
        return _csv(_scope(None, filters), True, section)


@aggregates.route("/council/kpis")
@can_view_council_figures
@aggregates.etag
@aggregates.response(200, KpisSchema)
def council_kpis():
    """The council's KPIs for every academic year held, each table with its sources."""
    threshold = current_app.config["SUPPRESSION_THRESHOLD"]
    kpis = compute_council_kpis()
    return {
        "area": kpis.area,
        "academic_years": kpis.years,
        "suppression_threshold": threshold,
        "suppression_symbol": SUPPRESSED,
        "sections": [
            {"name": s.name, "title": s.title, "headers": s.headers, "rows": s.rows}
            for s in kpi_sections(kpis, threshold).values()
        ],
    }


@aggregates.route("/council/kpis/<section>.csv")
@can_view_council_figures
@aggregates.response(200, {"type": "string"}, content_type="text/csv")
def council_kpis_csv(section: str):
    """One KPI table as CSV (UTF-8 with a byte-order mark)."""
    sections = kpi_sections(compute_council_kpis(), current_app.config["SUPPRESSION_THRESHOLD"])
    if section not in sections:
        raise NotFound("There is no such KPI table.")
    events.record_export(f"council KPI table {section} (API CSV)", acting_user())
    return attachment(
        section_csv(sections[section]), "text/csv", f"inclusion-kpis-{section}.csv", private=True
    )


def _school_level(partnership: AreaInclusionPartnership) -> bool:
    return can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, partnership)


def _scope(partnership: AreaInclusionPartnership | None, filters: dict[str, str]) -> Scope:
    year = year_from_filters(filters)
    phase = filters.get("phase", "")
    return Scope(year, partnership, phase if phase in set(Phase) else "")


def _sections(scope: Scope, school_level: bool):
    threshold = current_app.config["SUPPRESSION_THRESHOLD"]
    return dashboard_sections(dashboard_for(scope, date.today()), school_level, threshold)


def _aggregates(scope: Scope, school_level: bool) -> dict:
    sections = _sections(scope, school_level)
    return {
        "area": scope.label,
        "academic_year": scope.year.label,
        "phase": scope.phase,
        "suppression_threshold": current_app.config["SUPPRESSION_THRESHOLD"],
        "suppression_symbol": SUPPRESSED,
        "sections": [
            {"name": s.name, "title": s.title, "headers": s.headers, "rows": s.rows}
            for s in sections.values()
        ],
    }


def _csv(scope: Scope, school_level: bool, name: str) -> Response:
    sections = _sections(scope, school_level)
    if name not in sections:
        raise NotFound("There is no such table.")
    events.record_export(f"dashboard table {name} (API CSV)", acting_user(), area=scope.label)
    filename = f"inclusion-{scope.year.label.replace('/', '-')}-{name}.csv"
    return attachment(section_csv(sections[name]), "text/csv", filename, private=True)
