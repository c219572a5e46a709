"""Every email the portal sends, and what happened to it attempt by attempt."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db


class EmailStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    RETRYING = "retrying"
    SENT = "sent"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    EmailStatus.QUEUED: "Queued",
    EmailStatus.SENDING: "Sending",
    EmailStatus.RETRYING: "Waiting to retry",
    EmailStatus.SENT: "Sent",
    EmailStatus.FAILED: "Failed",
}
WAITING = (EmailStatus.QUEUED.value, EmailStatus.RETRYING.value)


class OutboundEmail(db.Model):
    """One message to one recipient. Links in `personalisation` are removed once it is final."""

    __tablename__ = "outbound_email"
    __table_args__ = (Index("ix_outbound_email_status_retry_at", "status", "retry_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    to_address: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    personalisation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default=EmailStatus.QUEUED.value)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    backend: Mapped[str] = mapped_column(String(12), default="")
    provider_reference: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(String(500), default="")
    # Only the demo outbox keeps the rendered message, so that a developer can read it.
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User | None] = relationship()
    history: Mapped[list[EmailAttempt]] = relationship(
        back_populates="email",
        cascade="all, delete-orphan",
        order_by="EmailAttempt.id",
        lazy="selectin",
    )

    @property
    def status_label(self) -> str:
        return EmailStatus(self.status).label


class EmailAttempt(db.Model):
    """A change of a message's status: queued, each attempt's outcome, a resend."""

    __tablename__ = "email_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_id: Mapped[int] = mapped_column(
        ForeignKey("outbound_email.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(String(500), default="")

    email: Mapped[OutboundEmail] = relationship(back_populates="history")
