"""Marshmallow schemas for SEND Information Report checklist results (the API's shapes)."""

from __future__ import annotations

from marshmallow import Schema, fields


class ChecklistItemResultSchema(Schema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.String(allow_none=True)
    applies = fields.Boolean(
        required=True,
        metadata={"description": "False when the item does not bind this kind of school."},
    )


class ChecklistResultSchema(Schema):
    school_urn = fields.String(required=True)
    academic_year = fields.String(required=True)
    met = fields.Integer(required=True)
    items_total = fields.Integer(
        required=True,
        metadata={"description": "Items that count: binding the school and not marked N/A."},
    )
    percentage = fields.Integer(required=True)
    fully_compliant = fields.Boolean(required=True)
    items = fields.List(fields.Nested(ChecklistItemResultSchema), required=True)
