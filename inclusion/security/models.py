"""The security event log: who did what, from where. Never passwords or tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db


class SecurityEvent(db.Model):
    __tablename__ = "security_event"
    __table_args__ = (Index("ix_security_event_kind_at", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The email given at sign-in, kept for failures by unknown addresses.
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Who acted: the signed-in person (an administrator changing someone's role), or the
    # person themselves at sign-in; `actor` keeps their email (or the API key) as text.
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(254), default="", server_default="")

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
