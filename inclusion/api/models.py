"""API keys for machine clients: scoped, hashed, revocable, with their last use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership


class ApiKey(db.Model):
    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    access: Mapped[str] = mapped_column(String(12))  # KeyAccess
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE")
    )
    # The first characters of the token, so people can tell their keys apart in lists.
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The key's own account: saves made with the key are recorded against it in history.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    partnership: Mapped[AreaInclusionPartnership | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])
    account: Mapped[User | None] = relationship(foreign_keys=[account_id])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def coverage(self) -> str:
        return self.partnership.name if self.partnership else "Whole council"
