"""Marshmallow schemas for dashboard aggregates (the API's shapes).

A cell is a number, text, null or the suppression symbol "c": rows come from
`sections.dashboard_sections`, already suppressed, so the API cannot show more than the page.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from inclusion.schools.schemas import YEAR_SLUG


class Cell(fields.Field):
    """A published figure: integer, decimal, text, null or the DfE suppression symbol."""

    def _jsonschema_type_mapping(self) -> dict:
        return {"type": ["number", "string", "null"]}


class AggregateSectionSchema(Schema):
    name = fields.String(required=True)
    title = fields.String(required=True)
    headers = fields.List(fields.String(), required=True)
    rows = fields.List(fields.List(Cell(allow_none=True)), required=True)


class AggregatesSchema(Schema):
    area = fields.String(required=True)
    academic_year = fields.String(required=True)
    phase = fields.String(required=True)
    suppression_threshold = fields.Integer(required=True)
    suppression_symbol = fields.String(required=True)
    sections = fields.List(fields.Nested(AggregateSectionSchema), required=True)


class AggregateFilterSchema(Schema):
    year = fields.String(validate=YEAR_SLUG)
    phase = fields.String(validate=validate.Length(max=20))


class KpisSchema(Schema):
    """The council's KPIs: a table per KPI, a row per academic year (and SEN status)."""

    area = fields.String(required=True)
    academic_years = fields.List(fields.String(), required=True)
    suppression_threshold = fields.Integer(required=True)
    suppression_symbol = fields.String(required=True)
    sections = fields.List(fields.Nested(AggregateSectionSchema), required=True)
