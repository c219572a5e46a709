"""Requests for an EHC needs assessment: that a school produced the evidence pack, and what the
council decided.

A request is keyed by a pseudonymous request number, never by the pupil: the council sees the
school and the number, the school also sees which of its SEN support records the request came
from. The child's name, typed into the pack at download time, is never held here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import School


class EhcRequest(db.Model):
    __tablename__ = "ehc_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("sen_support_record.id", ondelete="CASCADE"), index=True
    )
    produced_on: Mapped[date]
    produced_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    criteria_met: Mapped[bool]
    # The council's criteria the pack did not meet when produced, one a line ("" when met).
    criteria_unmet: Mapped[str] = mapped_column(Text, default="", server_default="")
    decision: Mapped[str] = mapped_column(String(12), default="", server_default="")
    decided_on: Mapped[date | None]
    decision_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decision_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school: Mapped[School] = relationship()
    produced_by: Mapped[User | None] = relationship(foreign_keys=[produced_by_id])

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)
