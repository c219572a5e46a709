"""One compare-and-set for every record that two people may edit at once.

Each such record has an integer `version`. A save names the version it was based on; the
update matches only that version, so of two saves based on the same version exactly one
lands and the other is refused (never silently overwritten). A first save of a record that
does not exist yet is based on nothing: it is inserted inside a savepoint, and the unique
key refuses the second of two people creating it at the same moment.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from inclusion.db_types import utcnow
from inclusion.errors import Conflict
from inclusion.extensions import db

EDITED_ELSEWHERE = (
    "Someone else changed this {noun} while you were editing it. "
    "Reload the page to see their changes, then make yours again."
)


class StaleVersion(Conflict):
    """The record changed (or appeared) since the version the save was based on."""

    def __init__(self, noun: str, current_version: int | None = None, field: str | None = None):
        super().__init__(EDITED_ELSEWHERE.format(noun=noun), field=field)
        self.current_version = current_version

    @property
    def details(self) -> dict:
        return {"current_version": self.current_version}


def compare_and_set(
    model: type, row_id: int, based_on: int | None, values: dict[str, Any], *conditions
) -> bool:
    """Apply `values` and bump the version if the row is still at `based_on` (and every extra
    condition holds), in one UPDATE statement; False when another save got there first."""
    if based_on is None:
        return False
    statement = (
        update(model)
        .where(model.id == row_id, model.version == based_on, *conditions)
        .values(**values, version=model.version + 1, **_stamp(model))
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount == 1


def _stamp(model: type) -> dict[str, Any]:
    return {"updated_at": utcnow()} if hasattr(model, "updated_at") else {}


def insert_first(record: Any) -> bool:
    """Add a new record in a savepoint; False when its unique key already exists because
    someone else created it at the same moment (the rest of the transaction carries on)."""
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except IntegrityError:
        return False
    return True
