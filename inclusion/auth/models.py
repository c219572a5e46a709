"""People, their role assignments and their single-use set-password links."""

from __future__ import annotations

import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.roles import Role
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership, School


def new_session_id() -> str:
    return uuid.uuid4().hex


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so the unique constraint is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Changing it signs the person out everywhere (password change, deactivation).
    session_id: Mapped[str] = mapped_column(String(32), default=new_session_id)
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The account an API key acts through, so history names the key (never signs in).
    is_api_key: Mapped[bool] = mapped_column(default=False, server_default=false())

    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return self.session_id

    def has_role(self, role: Role) -> bool:
        return any(assignment.role == role for assignment in self.roles)

    def school_ids(self, *roles: Role) -> set[int]:
        wanted = roles or (Role.SENCO, Role.HEADTEACHER)
        return {a.school_id for a in self.roles if a.role in wanted and a.school_id}

    def partnership_ids(self, *roles: Role) -> set[int]:
        wanted = roles or (Role.ADVISER, Role.PARTNERSHIP_LEAD)
        return {a.partnership_id for a in self.roles if a.role in wanted and a.partnership_id}

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class RoleAssignment(db.Model):
    __tablename__ = "role_assignment"
    __table_args__ = (
        UniqueConstraint("user_id", "role", "school_id", "partnership_id"),
        CheckConstraint(
            "(role IN ('senco', 'headteacher') AND school_id IS NOT NULL "
            "AND partnership_id IS NULL) OR "
            "(role IN ('adviser', 'partnership_lead') AND partnership_id IS NOT NULL "
            "AND school_id IS NULL) OR "
            "(role IN ('admin', 'inclusion_officer') AND school_id IS NULL "
            "AND partnership_id IS NULL)",
            name="scope_matches_role",
        ),
        # A partnership lead chairs exactly one partnership.
        Index(
            "uq_role_assignment_one_lead",
            "user_id",
            unique=True,
            sqlite_where=text("role = 'partnership_lead'"),
            postgresql_where=text("role = 'partnership_lead'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), index=True
    )
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(back_populates="roles")
    school: Mapped[School | None] = relationship(lazy="joined")
    partnership: Mapped[AreaInclusionPartnership | None] = relationship(lazy="joined")

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def scope_label(self) -> str:
        if self.school:
            return self.school.name
        if self.partnership:
            return self.partnership.name
        return "Whole council"


class SetPasswordLink(db.Model):
    """A single-use, expiring link; only a hash of its token is stored."""

    __tablename__ = "set_password_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(default=False, server_default=false())
    # "invitation" (a new account, or one an administrator re-links) or "reset" (asked for
    # by the person): resets expire sooner and are counted for the per-account limit.
    purpose: Mapped[str] = mapped_column(
        String(12), default="invitation", server_default="invitation"
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
