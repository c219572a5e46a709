"""What the round remembers: each person's email choices and every notice already sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db


class EmailPreference(db.Model):
    """A kind of email a person has turned off. No row means the kind is on."""

    __tablename__ = "email_preference"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SentNotice(db.Model):
    """One notice given once: (kind, person, subject) is unique, so a second run of send-due,
    or a second click of "remind", finds the row and sends nothing."""

    __tablename__ = "sent_notice"
    __table_args__ = (UniqueConstraint("kind", "user_id", "subject_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    # What the notice was about, e.g. "audit:12:due-7" or "timetable:40:review-2026-11-30".
    subject_key: Mapped[str] = mapped_column(String(120))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
