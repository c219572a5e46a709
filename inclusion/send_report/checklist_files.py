"""Checklist files in seeds/send_report: validated (marshmallow) and stored per academic year."""

from __future__ import annotations

from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import select

from inclusion.audit.schemas import flatten_errors
from inclusion.extensions import db
from inclusion.graduated_response.vocab import Level, Need
from inclusion.schools.models import AcademicYear
from inclusion.schools.settings import SETTING_CODES
from inclusion.send_report.models import ChecklistItem, ChecklistVersion

ITEM_CODE = validate.Regexp(
    r"^[A-Z0-9]{1,3}-[0-9]{1,2}[a-z]?$", error="Codes look like S1-03a or LO-01."
)


class OfferPartsSchema(Schema):
    """The parts of a school's provision offer an item is written from (levels, areas of need)."""

    levels = fields.List(
        fields.String(validate=validate.OneOf([lvl.value for lvl in Level])),
        required=True,
        validate=validate.Length(min=1),
    )
    needs = fields.List(
        fields.String(validate=validate.OneOf([need.value for need in Need])),
        load_default=lambda: [need.value for need in Need],
        validate=validate.Length(min=1),
    )


class ItemSchema(Schema):
    code = fields.String(required=True, validate=ITEM_CODE)
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    legal_basis = fields.String(required=True, validate=validate.Length(min=1, max=300))
    statutory = fields.Boolean(required=True)
    guidance = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    applies_to = fields.List(
        fields.String(validate=validate.OneOf(SETTING_CODES)), load_default=None
    )
    applies_to_source = fields.String(load_default="", validate=validate.Length(max=300))
    draws_on_offer = fields.Nested(OfferPartsSchema, load_default=None)

    @validates_schema
    def check_applicability_source(self, data: dict, **kwargs) -> None:
        require_applicability_source(data)


def require_applicability_source(data: dict) -> None:
    """A duty limited to some kinds of setting must say where that limit comes from."""
    if data.get("applies_to") and not data.get("applies_to_source", "").strip():
        raise ValidationError(
            "Give the source that limits this duty to those settings.", "applies_to_source"
        )


class HeaderSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    academic_year = fields.String(required=True, validate=validate.Regexp(r"^\d{4}/\d{2}$"))
    version = fields.Integer(required=True)
    previous = fields.String(load_default=None)


class ChecklistFileSchema(Schema):
    checklist = fields.Nested(HeaderSchema, required=True)
    items = fields.List(fields.Nested(ItemSchema), required=True, validate=validate.Length(min=1))


ITEM_FIELDS = (
    "title",
    "legal_basis",
    "statutory",
    "guidance",
    "applies_to",
    "applies_to_source",
    "draws_on_offer",
)


class ChecklistFileError(ValueError):
    pass


def checklist_files(seeds: Path) -> list[Path]:
    return sorted((seeds / "send_report").glob("checklist-*.yaml"))


def load_checklist_file(path: Path) -> ChecklistVersion:
    try:
        data = ChecklistFileSchema().load(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as error:
        messages = (
            flatten_errors(error.messages)
            if isinstance(error, ValidationError)
            else [("", str(error))]
        )
        raise ChecklistFileError(
            "; ".join(f"{path.name}: {k}: {m}" for k, m in messages)
        ) from error
    version = _version_for(path, data["checklist"])
    _store_items(version, data["items"])
    db.session.commit()
    return version


def _version_for(path: Path, header: dict) -> ChecklistVersion:
    year = db.session.scalar(
        select(AcademicYear).where(AcademicYear.label == header["academic_year"])
    )
    if year is None:
        raise ChecklistFileError(
            f"{path.name}: academic year {header['academic_year']} is not in the portal"
        )
    version = db.session.scalar(
        select(ChecklistVersion).where(ChecklistVersion.academic_year_id == year.id)
    )
    version = version or ChecklistVersion(academic_year=year)
    version.code, version.name, version.version = header["code"], header["name"], header["version"]
    db.session.add(version)
    db.session.flush()
    return version


def _store_items(version: ChecklistVersion, items: list[dict]) -> None:
    existing = {
        i.code: i
        for i in db.session.scalars(
            select(ChecklistItem).where(ChecklistItem.version_id == version.id)
        )
    }
    for position, data in enumerate(items):
        item = existing.get(data["code"]) or ChecklistItem(version_id=version.id, code=data["code"])
        for name in ITEM_FIELDS:
            setattr(item, name, data[name])
        item.position = position
        db.session.add(item)
