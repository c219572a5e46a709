"""History as people read it: one line per save, in the words of the form that made it.

Changes are stored field by field, with values as the database keeps them ("sen_support",
"2026-09-01", "False"). `history_lines` groups the fields one save changed into one line and
`describe` says each change with the form's own label and option wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from wtforms import BooleanField, DateField, Form, SelectFieldBase, TextAreaField

from inclusion.ui.forms import GovukDateField
from inclusion.uk_time import format_date

QUOTE_LIMIT = 120
BLANK = ("", "None")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FieldWords:
    """How a form names a field and its values."""

    label: str
    kind: str = "text"  # text, long (quoted), date, yes_no
    values: dict[str, str] = field(default_factory=dict)


Vocabulary = dict[str, FieldWords]


class Change(Protocol):
    field: str
    old_value: str | None
    new_value: str | None
    changed_at: datetime
    changed_by_id: int | None


@dataclass
class HistoryLine:
    changed_at: datetime
    changed_by: str
    subject: str
    changes: list[str]
    refused: bool = False


def vocabulary_of(*forms: Form) -> Vocabulary:
    """The labels and option wording of every field of `forms`."""
    words: Vocabulary = {}
    for form in forms:
        for name, form_field in form._fields.items():
            words[name] = _words_of(form_field)
    return words


def _words_of(form_field: Any) -> FieldWords:
    label = form_field.label.text if form_field.label else form_field.name
    if isinstance(form_field, BooleanField):
        return FieldWords(label, "yes_no")
    if isinstance(form_field, (DateField, GovukDateField)):
        return FieldWords(label, "date")
    if isinstance(form_field, SelectFieldBase):
        return FieldWords(label, values=dict(_pairs(form_field.choices or [])))
    if isinstance(form_field, TextAreaField):
        return FieldWords(label, "long")
    return FieldWords(label)


def _pairs(choices: Iterable[Any]) -> Iterable[tuple[str, str]]:
    for choice in choices:
        if hasattr(choice, "value"):
            yield str(choice.value), str(choice.label)
        else:
            yield str(choice[0]), str(choice[1])


def history_lines(
    changes: Iterable[Any],
    words: Vocabulary,
    subject: Callable[[Any], str] = lambda change: "",
    merge: Callable[[dict[str, tuple[str | None, str | None]]], list[str]] | None = None,
) -> list[HistoryLine]:
    """One line per save, newest first, from changes ordered newest first."""
    lines: list[HistoryLine] = []
    groups: list[list[Any]] = []
    for change in changes:
        if groups and _same_save(groups[-1], change, subject):
            groups[-1].append(change)
        else:
            groups.append([change])
    for group in groups:
        fields = {c.field: (c.old_value, c.new_value) for c in reversed(group)}
        said = merge(fields) if merge else []
        said += [p for name, (old, new) in fields.items() if (p := describe(words, name, old, new))]
        if said:
            first = group[0]
            who = first.changed_by.display_name if first.changed_by else "Someone"
            refused = getattr(first, "outcome", "saved") == "refused"
            lines.append(HistoryLine(first.changed_at, who, subject(first), said, refused))
    return lines


def _same_save(group: list[Any], later: Any, subject: Callable[[Any], str]) -> bool:
    """Written by one save: the same person, the same thing, one time, no field twice."""
    earlier = group[-1]
    return (
        subject(earlier) == subject(later)
        and earlier.changed_by_id == later.changed_by_id
        and getattr(earlier, "outcome", None) == getattr(later, "outcome", None)
        and earlier.changed_at == later.changed_at
        and later.field not in {change.field for change in group}
    )


def describe(words: Vocabulary, name: str, old: str | None, new: str | None) -> str | None:
    """One change in words, or None when nothing a person would notice changed."""
    field_words = words.get(name) or FieldWords(name.replace("_", " ").capitalize())
    before, after = _value(field_words, old), _value(field_words, new)
    if before == after or (before is None and field_words.kind == "yes_no" and after == "No"):
        return None
    label = field_words.label
    if field_words.kind == "long":
        if after is None:
            return f"{label} removed"
        verb = ": " if before is None else " changed to "
        return f"{label}{verb}\u201c{_shortened(after)}\u201d"
    if label.endswith("?"):
        return _answered_question(label, before, after)
    if before is None:
        return f"{label}: {after}"
    if after is None:
        return f"{label} removed (was {before})"
    return f"{label} changed from {before} to {after}"


def _answered_question(label: str, before: str | None, after: str | None) -> str:
    """A field labelled by its question: "Does your website meet this? Met (was Not met)"."""
    was = f" (was {before})" if before else ""
    return f"{label} {after or 'No answer'}{was}"


def _value(words: FieldWords, stored: str | None) -> str | None:
    if stored is None or stored.strip() in BLANK:
        return None
    if words.kind == "yes_no":
        return "Yes" if stored == "True" else "No"
    if words.kind == "date" or _ISO_DATE.fullmatch(stored):
        return _date_text(stored)
    if words.values:
        parts = [p.strip() for p in stored.replace("\n", ",").split(",") if p.strip()]
        return ", ".join(words.values.get(p, p) for p in parts)
    return stored


def _date_text(stored: str) -> str:
    try:
        return format_date(date.fromisoformat(stored[:10]))
    except ValueError:
        return stored


def _shortened(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_LIMIT else flat[: QUOTE_LIMIT - 1].rstrip() + "\u2026"
