"""Marshmallow schemas for schools, academic years and partnerships (the API's shapes)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

YEAR_SLUG = validate.Regexp(r"^\d{4}-\d{2}$", error="Write academic years like 2026-27.")


class AcademicYearSchema(Schema):
    label = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    is_current = fields.Boolean(required=True)


class PartnershipSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)


class SchoolSchema(Schema):
    urn = fields.String(required=True)
    name = fields.String(required=True)
    phase = fields.String(required=True)
    establishment_type = fields.String(allow_none=True)
    is_open = fields.Boolean(required=True)
    pupils_on_roll = fields.Integer(allow_none=True)
    town = fields.String(allow_none=True)
    postcode = fields.String(allow_none=True)
    website = fields.String(allow_none=True)


class SchoolFilterSchema(Schema):
    """?partnership=CODE&year=2026-27 (membership in that year; the current year by default)."""

    partnership = fields.String(validate=validate.Length(max=20))
    year = fields.String(validate=YEAR_SLUG)
