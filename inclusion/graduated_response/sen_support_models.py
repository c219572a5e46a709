"""SEN support records and their assess-plan-do-review cycles.

One record per pupil on the school's SEN register, keyed by the school's pseudonymous reference
(never a name or UPN). Each cycle holds what was assessed and by whom, the outcomes sought, the
provision put in place, the pupil's and parents' views, and the review. A reviewed cycle is
closed: it changes only by dated corrections, which are kept beside it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.graduated_response.models import RecordMixin, SafeguardingFlags


class SenSupportRecord(RecordMixin, SafeguardingFlags, db.Model):
    __tablename__ = "sen_support_record"
    __table_args__ = (
        Index("ix_sen_support_record_school_live", "school_id", "deleted_at"),
        # One live record per pupil reference in a school.
        Index(
            "uq_sen_support_record_live",
            "school_id",
            "pupil_ref",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    primary_need: Mapped[str] = mapped_column(String(4))
    secondary_need: Mapped[str] = mapped_column(String(4), default="", server_default="")
    placed_on_support: Mapped[date]
    eal: Mapped[bool] = mapped_column(default=False, server_default=false())
    fsm: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    cycles: Mapped[list[SupportCycle]] = relationship(
        order_by="SupportCycle.start_date", back_populates="record"
    )


class SupportCycle(db.Model):
    """One round of assess, plan, do, review."""

    __tablename__ = "support_cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("sen_support_record.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    start_date: Mapped[date]
    pupil_views: Mapped[str] = mapped_column(Text, default="", server_default="")
    parent_views: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_date: Mapped[date | None]
    review_decision: Mapped[str] = mapped_column(String(20), default="", server_default="")
    review_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    record: Mapped[SenSupportRecord] = relationship(back_populates="cycles")
    assessments: Mapped[list[CycleAssessment]] = relationship(
        order_by="CycleAssessment.assessed_on, CycleAssessment.id"
    )
    outcomes: Mapped[list[CycleOutcome]] = relationship(order_by="CycleOutcome.id")
    provisions: Mapped[list[CycleProvision]] = relationship(order_by="CycleProvision.id")
    corrections: Mapped[list[CycleCorrection]] = relationship(
        order_by="CycleCorrection.corrected_on, CycleCorrection.id"
    )

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class CycleAssessment(db.Model):
    """Assess: what was assessed, by whom (the school or an outside service), and when."""

    __tablename__ = "cycle_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("support_cycle.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20))
    assessor: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    assessed_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class CycleOutcome(db.Model):
    """Plan: an outcome sought, how it is measured and by when; its progress at review."""

    __tablename__ = "cycle_outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("support_cycle.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(Text)
    target_date: Mapped[date]
    progress: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class CycleProvision(db.Model):
    """Do: an intervention put in place, how often, by whom and what it costs a week."""

    __tablename__ = "cycle_provision"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("support_cycle.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("provision_offer.id", ondelete="SET NULL")
    )
    intervention: Mapped[str] = mapped_column(String(200))
    group_size: Mapped[int]
    sessions_per_week: Mapped[int]
    minutes_per_session: Mapped[int]
    staff: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    weekly_cost: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def hours_per_week(self) -> Decimal:
        return Decimal(self.sessions_per_week * self.minutes_per_session) / 60


class CycleCorrection(db.Model):
    """A dated correction to a reviewed cycle: the cycle itself is no longer edited."""

    __tablename__ = "cycle_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("support_cycle.id", ondelete="CASCADE"), index=True
    )
    corrected_on: Mapped[date]
    correction: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[User | None] = relationship()
