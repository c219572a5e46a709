"""Marshmallow schemas: the framework file format (validated before anything is stored)."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from inclusion.schools.settings import SETTING_CODES

CODE = validate.Regexp(r"^[A-Z]{2}(-[US])?\d{0,2}$", error="Codes look like LG, CI-U or CI-U1.")
TOPIC_CODE = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="Use lowercase-hyphenated codes.")
YEAR = validate.Regexp(r"^\d{4}/\d{2}$", error="Write academic years like 2026/27.")
TEXT = validate.Length(min=1, max=4000)


class RatingStepSchema(Schema):
    value = fields.Integer(required=True, validate=validate.Range(min=0, max=10))
    label = fields.String(required=True, validate=validate.Length(min=1, max=60))


class GateSchema(Schema):
    statutory_rating_at_or_below = fields.Integer(required=True)
    caps_area_at = fields.Float(required=True)


class BandSchema(Schema):
    band = fields.String(required=True, validate=validate.OneOf(["red", "amber", "green"]))
    label = fields.String(required=True, validate=validate.Length(min=1, max=60))
    below = fields.Float(load_default=None, allow_none=True)


class FrameworkHeaderSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=60))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    academic_year = fields.String(required=True, validate=YEAR)
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    previous = fields.String(load_default=None, validate=YEAR)
    rating_scale = fields.List(fields.Nested(RatingStepSchema), required=True)
    not_applicable_label = fields.String(load_default="Not applicable")
    statutory_gate = fields.Nested(GateSchema, required=True)
    rag_bands = fields.List(fields.Nested(BandSchema), required=True)


class TopicSchema(Schema):
    code = fields.String(required=True, validate=TOPIC_CODE)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))


class StandardSchema(Schema):
    code = fields.String(required=True, validate=CODE)
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    guidance = fields.String(required=True, validate=TEXT)
    descriptors = fields.Dict(keys=fields.Integer(), values=fields.String(), required=True)
    evidence_prompts = fields.List(fields.String(validate=TEXT), required=True)
    statutory = fields.Boolean(load_default=False)
    allows_not_applicable = fields.Boolean(load_default=False)
    training_topics = fields.List(fields.String(validate=TOPIC_CODE), load_default=list)
    suggested_action = fields.String(required=True, validate=TEXT)
    predecessor = fields.String(load_default=None, validate=CODE)
    evidence_source = fields.String(
        load_default=None, validate=validate.OneOf(["send-information-report"])
    )
    applies_to = fields.List(
        fields.String(validate=validate.OneOf(SETTING_CODES)), load_default=None
    )
    applies_to_source = fields.String(load_default="", validate=validate.Length(max=300))


class AreaSchema(Schema):
    code = fields.String(required=True, validate=CODE)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf(["whole-school", "area-of-need"]))
    need = fields.String(load_default=None, allow_none=True)
    level = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(["universal", "sen-support"])
    )
    summary = fields.String(load_default="")
    standards = fields.List(
        fields.Nested(StandardSchema), required=True, validate=validate.Length(min=1)
    )


class FrameworkFileSchema(Schema):
    framework = fields.Nested(FrameworkHeaderSchema, required=True)
    training_topics = fields.List(fields.Nested(TopicSchema), required=True)
    areas = fields.List(fields.Nested(AreaSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def check_references(self, data: dict, **kwargs) -> None:
        scale = {step["value"] for step in data["framework"]["rating_scale"]}
        topics = {topic["code"] for topic in data["training_topics"]}
        errors: dict[str, list[str]] = header_problems(data["framework"])
        errors.update(_unique(data["areas"], "areas", "area code"))
        errors.update(_unique(data["training_topics"], "training_topics", "topic code"))
        codes: set[str] = set()
        for a, area in enumerate(data["areas"]):
            for s, standard in enumerate(area["standards"]):
                where = f"areas.{a}.standards.{s}"
                errors.update(_standard_problems(where, standard, scale, topics, codes))
                codes.add(standard["code"])
        if errors:
            raise ValidationError(errors)


BAND_ORDER = ("red", "amber", "green")


def header_problems(header: dict) -> dict[str, list[str]]:
    """The scale, the gate and the RAG bands must make sense together: a band list in the
    wrong order or with gaps would show an area scoring 0.2 of 3 as green."""
    values = [step["value"] for step in header["rating_scale"]]
    problems = _scale_problems(values)
    if problems:
        return problems
    low, high = values[0], values[-1]
    problems.update(_band_problems(header["rag_bands"], low, high))
    gate = header["statutory_gate"]
    if gate["statutory_rating_at_or_below"] not in values:
        problems["framework.statutory_gate.statutory_rating_at_or_below"] = [
            f"Use a rating on the scale ({low} to {high})."
        ]
    if not low <= gate["caps_area_at"] <= high:
        problems["framework.statutory_gate.caps_area_at"] = [
            f"Cap at a score within the scale ({low} to {high})."
        ]
    return problems


def _scale_problems(values: list[int]) -> dict[str, list[str]]:
    if len(values) < 2 or values != list(range(values[0], values[0] + len(values))):
        return {
            "framework.rating_scale": [
                "List at least two ratings in ascending order, one step apart (like 0, 1, 2, 3)."
            ]
        }
    return {}


def _band_problems(bands: list[dict], low: int, high: int) -> dict[str, list[str]]:
    names = [band["band"] for band in bands]
    if (
        len(bands) < 2
        or len(set(names)) != len(names)
        or names != sorted(names, key=BAND_ORDER.index)
    ):
        return {
            "framework.rag_bands": [
                "List each band once, from the lowest scores to the highest: red, amber, green."
            ]
        }
    limits = [band["below"] for band in bands]
    if limits[-1] is not None or any(limit is None for limit in limits[:-1]):
        return {
            "framework.rag_bands": [
                "Give every band but the last a 'below' limit; the last band has none, "
                "so that every score up to the top of the scale has a band."
            ]
        }
    if limits[:-1] != sorted(set(limits[:-1])) or not low < limits[0] or not limits[-2] <= high:
        return {
            "framework.rag_bands": [
                "The 'below' limits must rise from band to band, "
                f"within the scale ({low} to {high})."
            ]
        }
    return {}


def _unique(items: list[dict], where: str, noun: str) -> dict[str, list[str]]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item["code"] in seen:
            return {f"{where}.{index}.code": [f"The {noun} {item['code']} is used twice."]}
        seen.add(item["code"])
    return {}


def _standard_problems(
    where: str, standard: dict, scale: set[int], topics: set[str], seen: set[str]
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if standard["code"] in seen:
        problems[f"{where}.code"] = [f"{standard['code']} is used twice."]
    if set(standard["descriptors"]) != scale:
        problems[f"{where}.descriptors"] = [f"Give one descriptor for each rating {sorted(scale)}."]
    if standard.get("applies_to") and not standard.get("applies_to_source", "").strip():
        problems[f"{where}.applies_to_source"] = [
            "Give the source that limits this standard to those settings."
        ]
    unknown = sorted(set(standard["training_topics"]) - topics)
    if unknown:
        problems[f"{where}.training_topics"] = [f"Unknown topics: {', '.join(unknown)}."]
    return problems


def flatten_errors(messages: dict | list | str, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested messages as (key path, message) pairs, e.g. areas.0.title."""
    if isinstance(messages, dict):
        pairs: list[tuple[str, str]] = []
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            pairs.extend(flatten_errors(value, path))
        return pairs
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [(prefix, message) for message in messages]
    return [(prefix, str(messages))]


_INDEX = re.compile(r"^\d+$")


def is_index(part: str) -> bool:
    return bool(_INDEX.match(part))


# ---- the API's shapes: audits, answers, scores -------------------------------------------


class AnswerSchema(Schema):
    code = fields.String(required=True)
    rating = fields.Integer(allow_none=True)
    not_applicable = fields.Boolean(required=True)
    not_applicable_reason = fields.String(required=True)
    evidence = fields.String(required=True)
    note = fields.String(required=True)
    evidence_links = fields.List(fields.String(), required=True)
    version = fields.Integer(required=True)
    saved_at = fields.DateTime(required=True)


class AnswerSaveSchema(Schema):
    """What a client sends to save one answer; lengths and links are checked by the service."""

    rating = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(0, 10))
    not_applicable = fields.Boolean(load_default=False)
    not_applicable_reason = fields.String(load_default="", validate=validate.Length(max=4000))
    evidence = fields.String(load_default="", validate=validate.Length(max=20000))
    note = fields.String(load_default="", validate=validate.Length(max=20000))
    evidence_links = fields.List(
        fields.String(validate=validate.Length(max=2000)),
        load_default=list,
        validate=validate.Length(max=20),
    )
    version = fields.Integer(
        required=True,
        validate=validate.Range(min=0),
        metadata={"description": "The version the client last saw; 0 when there was no answer."},
    )


class AreaScoreSchema(Schema):
    area_code = fields.String(required=True)
    title = fields.String(required=True)
    score = fields.Float(allow_none=True)
    level = fields.String(allow_none=True)
    band = fields.String(allow_none=True)


class SnapshotSchema(Schema):
    stage = fields.String(required=True)
    taken_at = fields.DateTime(required=True)
    framework_version = fields.Integer(required=True)
    overall_score = fields.Float(allow_none=True)
    areas = fields.List(fields.Nested(AreaScoreSchema), required=True)


class AuditSummarySchema(Schema):
    academic_year = fields.String(required=True)
    status = fields.String(required=True)
    framework = fields.String(required=True)
    updated_at = fields.DateTime(required=True)


class AuditSchema(AuditSummarySchema):
    school_urn = fields.String(required=True)
    answers = fields.List(fields.Nested(AnswerSchema), required=True)
    latest_scores = fields.Nested(SnapshotSchema, allow_none=True)
    snapshots = fields.List(fields.Nested(SnapshotSchema), required=True)
