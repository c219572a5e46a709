"""SEN support figures as JSON: the tables of the SEN support page, suppressed as there."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from inclusion.api.filters import year_from_filters
from inclusion.api.principals import acting_user
from inclusion.area_partnerships.schemas import AggregateFilterSchema, Cell
from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_tables import sees_each_area, sen_support_tables
from inclusion.area_partnerships.suppression import SUPPRESSED
from inclusion.permissions import can_view_council_figures, can_view_partnership
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.security import events

sen_support_api = Blueprint(
    "api_sen_support",
    __name__,
    url_prefix="/api/v1",
    description="SEN support figures: counts only, small numbers suppressed",
)


class SenSupportRowSchema(Schema):
    label = fields.String(required=True)
    count = Cell(required=True)


class SenSupportTableSchema(Schema):
    key = fields.String(required=True)
    caption = fields.String(required=True)
    column = fields.String(required=True)
    rows = fields.List(fields.Nested(SenSupportRowSchema), required=True)
    total = Cell(required=True)


class SenSupportFiguresSchema(Schema):
    area = fields.String(required=True)
    academic_year = fields.String(required=True)
    suppression_threshold = fields.Integer(required=True)
    suppression_symbol = fields.String(required=True)
    tables = fields.List(fields.Nested(SenSupportTableSchema), required=True)


@sen_support_api.route("/partnerships/<code>/sen-support")
@can_view_partnership
@sen_support_api.arguments(AggregateFilterSchema, location="query", as_kwargs=True)
@sen_support_api.response(200, SenSupportFiguresSchema)
def partnership(partnership: AreaInclusionPartnership, **filters: str):
    """Pupils on SEN support by need, reviews, decisions and spend bands in one partnership."""
    return _figures(_scope(partnership, filters))


@sen_support_api.route("/council/sen-support")
@can_view_council_figures
@sen_support_api.arguments(AggregateFilterSchema, location="query", as_kwargs=True)
@sen_support_api.response(200, SenSupportFiguresSchema)
def council(**filters: str):
    """The same figures across every school in the council."""
    return _figures(_scope(None, filters))


def _scope(partnership: AreaInclusionPartnership | None, filters: dict[str, str]) -> Scope:
    year = year_from_filters(filters)
    return Scope(year, partnership)


def _figures(scope: Scope) -> dict:
    events.record_export(f"SEN support figures for {scope.label} (API)", acting_user())
    tables = sen_support_tables(scope, date.today(), sees_each_area(acting_user(), scope))
    return {
        "area": scope.label,
        "academic_year": scope.year.label,
        "suppression_threshold": current_app.config["SUPPRESSION_THRESHOLD"],
        "suppression_symbol": SUPPRESSED,
        "tables": [_table(t) for t in tables],
    }


def _table(table) -> dict:
    rows = [{"label": label, "count": shown} for label, shown in table.series.items()]
    return {
        "key": table.key,
        "caption": table.caption,
        "column": table.column,
        "rows": rows,
        "total": table.series.total,
    }
