"""Recording changes to graduated-response records, field by field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.graduated_response.models import RecordChange
from inclusion.graduated_response.vocab import NotificationChange
from inclusion.ui.history import FieldWords, Vocabulary

# Changes that no form field makes: a review recorded, the council told, the record deleted.
EVENT_WORDS: Vocabulary = {
    "review": FieldWords("Reviewed on", "date"),
    "council_told": FieldWords(
        "Council told", values={c.value: c.label for c in NotificationChange}
    ),
    "deleted": FieldWords("Deleted, because", "long"),
}


def record_changes(
    school_id: int,
    record_type: str,
    record_id: int,
    old: dict[str, Any],
    new: dict[str, Any],
    user: User,
) -> None:
    saved_at = utcnow()  # one time for the whole save, so its history reads as one line
    for name, value in new.items():
        if old.get(name) != value:
            db.session.add(
                RecordChange(
                    school_id=school_id,
                    record_type=record_type,
                    record_id=record_id,
                    field=name,
                    old_value=as_text(old.get(name)),
                    new_value=as_text(value),
                    changed_by_id=user.id,
                    changed_at=saved_at,
                )
            )


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
