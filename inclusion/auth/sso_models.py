"""A person's accounts at OpenID Connect providers: each (issuer, subject) pair belongs to one
portal account, so a later change of email address at the provider cannot reach another."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db


class SsoIdentity(db.Model):
    __tablename__ = "sso_identity"
    __table_args__ = (
        # One portal account per identity at a provider...
        UniqueConstraint("issuer", "subject", name="uq_sso_identity_issuer_subject"),
        # ...and one identity per provider for each account.
        UniqueConstraint("user_id", "issuer", name="uq_sso_identity_user_id_issuer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    # The settings name of the provider it was linked through (for the people page and logs).
    provider: Mapped[str] = mapped_column(String(40))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
