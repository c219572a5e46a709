"""The detection rules file (seeds/send_report/checker-rules.yaml): schema, loading, matching.

Each rule names the checklist item code, the documents to look in, and either word signals
(heading patterns, phrases, regular expressions; "found" when at least min_matches different
signals match in one document, "unsure" when fewer do) or a special check with parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from inclusion.send_report.checker.classify import KINDS

DOCUMENTS = (*KINDS, "any")
CHECKS = (
    "senco_contact",
    "local_offer_link",
    "local_offer_working",
    "review_date",
    "signed_dated",
    "readability",
    "document_present",
)
CODE = validate.Regexp(r"^[A-Z]{1,3}\d?-\d{1,2}[a-z]?$", error="Codes look like S1-03a or LO-01.")


def _valid_regex(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(f"Not a valid regular expression: {error}.") from error


class RuleSchema(Schema):
    code = fields.String(required=True, validate=CODE)
    documents = fields.List(
        fields.String(validate=validate.OneOf(DOCUMENTS)),
        required=True,
        validate=validate.Length(min=1),
    )
    headings = fields.List(fields.String(validate=_valid_regex), load_default=list)
    phrases = fields.List(fields.String(validate=validate.Length(min=2)), load_default=list)
    patterns = fields.List(fields.String(validate=_valid_regex), load_default=list)
    min_matches = fields.Integer(load_default=1, validate=validate.Range(min=1, max=50))
    check = fields.String(load_default=None, validate=validate.OneOf(CHECKS))
    params = fields.Dict(keys=fields.String(), load_default=dict)

    @validates_schema
    def signals_or_check(self, data: dict[str, Any], **kwargs: Any) -> None:
        signals = len(data["headings"]) + len(data["phrases"]) + len(data["patterns"])
        if data["check"] is None and signals == 0:
            raise ValidationError("Give headings, phrases or patterns, or a check.", "check")
        if data["check"] is None and data["min_matches"] > signals:
            raise ValidationError(
                f"Only {signals} signal{'s' if signals != 1 else ''} listed, so "
                f"{data['min_matches']} can never match.",
                "min_matches",
            )
        _check_params(data)


PARAM_RULES = {
    "review_date": ("months",),
    "document_present": ("kind",),
}


def _check_params(data: dict[str, Any]) -> None:
    params = data["params"]
    for name in PARAM_RULES.get(data["check"], ()):
        if name not in params:
            raise ValidationError(f"The {data['check']} check needs params.{name}.", "params")
    months = params.get("months", 1)
    if not isinstance(months, int) or months < 1:
        raise ValidationError("params.months must be a whole number of months.", "params")
    if data["check"] == "document_present" and params["kind"] not in KINDS:
        raise ValidationError(f"params.kind must be one of {', '.join(KINDS)}.", "params")


class RulesFileSchema(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    rules = fields.List(fields.Nested(RuleSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def unique_codes(self, data: dict[str, Any], **kwargs: Any) -> None:
        codes = [rule["code"] for rule in data["rules"]]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise ValidationError(f"Each code once only; repeated: {', '.join(repeated)}.", "rules")


class RulesFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as a case-insensitive whole-word pattern; a trailing * matches any ending."""
    stem = phrase.strip().rstrip("*")
    words = r"\s+".join(re.escape(word) for word in stem.split())
    tail = r"\w*" if phrase.strip().endswith("*") else r"(?!\w)"
    return re.compile(rf"(?<!\w){words}{tail}", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    code: str
    documents: tuple[str, ...]
    headings: tuple[re.Pattern[str], ...] = ()
    phrases: tuple[re.Pattern[str], ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    min_matches: int = 1
    check: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Rule:
        return cls(
            code=data["code"],
            documents=tuple(data["documents"]),
            headings=tuple(re.compile(p, re.IGNORECASE) for p in data["headings"]),
            phrases=tuple(phrase_pattern(p) for p in data["phrases"]),
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in data["patterns"]),
            min_matches=data["min_matches"],
            check=data["check"],
            params=dict(data["params"]),
        )


def load_rules(path: Path) -> list[Rule]:
    """Read and validate the rules file; RulesFileError lists every problem by key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RulesFileError([f"{path.name}: cannot be read ({error})"]) from error
    try:
        data = RulesFileSchema().load(raw if isinstance(raw, dict) else {})
    except ValidationError as error:
        raise RulesFileError(_describe(path, error.messages, raw)) from error
    return [Rule.from_data(rule) for rule in data["rules"]]


def _describe(path: Path, messages: Any, raw: Any) -> list[str]:
    problems = []
    for key, message in _flatten(messages):
        problems.append(f"{path.name}: {key}{_code_hint(key, raw)}: {message}")
    return problems


def _flatten(messages: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(messages, dict):
        pairs = []
        for key, value in messages.items():
            name = "" if key == "_schema" else str(key)
            joined = ".".join(part for part in (prefix, name) if part)
            pairs += _flatten(value, joined)
        return pairs
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [(prefix or "(file)", " ".join(messages))]
    return [(prefix, str(messages))]


def _code_hint(key: str, raw: Any) -> str:
    """ " (S1-04)" after rules.3.x, so the author finds the rule by its code."""
    match = re.match(r"rules\.(\d+)", key)
    try:
        code = raw["rules"][int(match.group(1))]["code"] if match else None
    except (KeyError, IndexError, TypeError):
        code = None
    return f" ({code})" if code else ""
