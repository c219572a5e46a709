"""Forms that create a record are sent once, however often the button is pressed.

Each such form carries a random token (`OnceOnlyForm.once`). The service that creates the
record claims the token in the same transaction as the record, naming what it made; a second
request with the same token (a double click, a resent form, a retried request) finds the claim
and is shown the record the first one made instead of making another. Requests without a token
(API clients, scripts) are not de-duplicated this way; the services' own natural-key checks
(for example the same pupil's suspension starting the same day) still apply.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from flask_wtf import FlaskForm
from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from inclusion.db_types import UTCDateTime, utcnow
from inclusion.errors import Conflict
from inclusion.extensions import db
from inclusion.versioning import insert_first

TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class FormSubmission(db.Model):
    """A form token that has been used, and the record it made."""

    __tablename__ = "form_submission"
    __table_args__ = (UniqueConstraint("user_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64))
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class AlreadySubmitted(Conflict):
    """This form was sent before; `record_id` is what that first submission made."""

    def __init__(self, record_kind: str, record_id: int) -> None:
        super().__init__("This form was already sent, so nothing new was saved.")
        self.record_kind = record_kind
        self.record_id = record_id


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OnceOnlyForm(FlaskForm):
    once = HiddenField(default=new_token)

    def once_token(self) -> str | None:
        token = (self.once.data or "").strip()
        return token if TOKEN_SHAPE.match(token) else None


def refuse_if_sent(token: str | None, user_id: int) -> None:
    """Raise AlreadySubmitted before any other check, so a resent form lands on its record
    rather than on a "this is a duplicate" error about the record it made itself."""
    if token is None:
        return
    earlier = db.session.scalar(
        select(FormSubmission).where(
            FormSubmission.user_id == user_id, FormSubmission.token == token
        )
    )
    if earlier is not None:
        raise AlreadySubmitted(earlier.record_kind, earlier.record_id)


def claim(token: str | None, user_id: int, record_kind: str, record_id: int) -> None:
    """Record that `token` made this record (call after flush, before the commit); raises
    AlreadySubmitted, with the transaction rolled back, when the token was used before."""
    if token is None:
        return
    claimed = FormSubmission(
        user_id=user_id, token=token, record_kind=record_kind, record_id=record_id
    )
    if insert_first(claimed):
        return
    db.session.rollback()
    earlier = db.session.scalar(
        select(FormSubmission).where(
            FormSubmission.user_id == user_id, FormSubmission.token == token
        )
    )
    raise AlreadySubmitted(earlier.record_kind, earlier.record_id)
