"""An audit's answer history in the words of the standard page's form.

The form asks for one rating, "Not applicable" being one of its options; the answer keeps
it as two fields (`rating`, `not_applicable`). A save's two changes are told as one.
"""

from __future__ import annotations

from collections.abc import Sequence

from inclusion.audit.forms import AnswerForm
from inclusion.audit.models import AnswerChange, Framework
from inclusion.ui.history import FieldWords, HistoryLine, Vocabulary, describe, history_lines

RATING_FIELDS = ("rating", "not_applicable")


def answer_history(changes: Sequence[AnswerChange], framework: Framework) -> list[HistoryLine]:
    """One line per save (or refused save) of each standard, newest first."""
    words = answer_vocabulary(framework)

    def rating_change(fields: dict[str, tuple[str | None, str | None]]) -> list[str]:
        if not any(name in fields for name in RATING_FIELDS):
            return []
        old = _rating_text(fields, 0, words)
        new = _rating_text(fields, 1, words)
        for name in RATING_FIELDS:
            fields.pop(name, None)
        said = describe({"rating": FieldWords("Rating")}, "rating", old, new)
        return [said] if said else []

    return history_lines(
        changes,
        words,
        subject=lambda change: f"{change.standard.code}: {change.standard.title}",
        merge=rating_change,
    )


def answer_vocabulary(framework: Framework) -> Vocabulary:
    form = AnswerForm(formdata=None, meta={"csrf": False})
    words = {name: FieldWords(form[name].label.text, "long") for name in _TEXT_FIELDS}
    scale = {str(step["value"]): step["label"] for step in framework.settings["rating_scale"]}
    words["rating"] = FieldWords("Rating", values=scale)
    words["not_applicable_label"] = FieldWords(framework.settings["not_applicable_label"])
    return words


_TEXT_FIELDS = ("not_applicable_reason", "evidence", "note", "evidence_links")


def _rating_text(
    fields: dict[str, tuple[str | None, str | None]], side: int, words: Vocabulary
) -> str | None:
    """The rating as the form showed it, before (side 0) or after (side 1) the save."""
    if fields.get("not_applicable", (None, None))[side] == "True":
        return words["not_applicable_label"].label
    rating = fields.get("rating", (None, None))[side]
    return words["rating"].values.get(rating or "", rating) if rating else None
