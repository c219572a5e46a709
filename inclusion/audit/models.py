"""The framework (areas, standards, topics), audits, answers with history, snapshots, actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.audit.statuses import AuditStatus
from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School


class Framework(db.Model):
    """One version of the Core Standards, for one academic year."""

    __tablename__ = "framework"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int]
    academic_year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"), unique=True)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("framework.id"))
    # Rating scale, N/A label, statutory gate and RAG bands: settings, not code.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    academic_year: Mapped[AcademicYear] = relationship()
    areas: Mapped[list[FrameworkArea]] = relationship(
        back_populates="framework", order_by="FrameworkArea.position"
    )
    topics: Mapped[list[TrainingTopic]] = relationship(order_by="TrainingTopic.title")


class TrainingTopic(db.Model):
    __tablename__ = "training_topic"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))


class FrameworkArea(db.Model):
    __tablename__ = "framework_area"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    need: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int]

    framework: Mapped[Framework] = relationship(back_populates="areas")
    standards: Mapped[list[Standard]] = relationship(
        back_populates="area", order_by="Standard.position"
    )


class Standard(db.Model):
    __tablename__ = "standard"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"))
    area_id: Mapped[int] = mapped_column(ForeignKey("framework_area.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text)
    descriptors: Mapped[dict[str, str]] = mapped_column(JSON)
    evidence_prompts: Mapped[list[str]] = mapped_column(JSON)
    statutory: Mapped[bool] = mapped_column(default=False, server_default=false())
    allows_not_applicable: Mapped[bool] = mapped_column(default=False, server_default=false())
    training_topics: Mapped[list[str]] = mapped_column(JSON)
    suggested_action: Mapped[str] = mapped_column(Text)
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("standard.id"))
    # Evidence the portal already holds for this standard, e.g. "send-information-report".
    evidence_source: Mapped[str | None] = mapped_column(String(40))
    # The kinds of setting (inclusion.schools.settings) the standard binds; None: every kind.
    applies_to: Mapped[list[str] | None] = mapped_column(JSON)
    applies_to_source: Mapped[str] = mapped_column(String(300), default="", server_default="")
    position: Mapped[int]

    area: Mapped[FrameworkArea] = relationship(back_populates="standards")
    predecessor: Mapped[Standard | None] = relationship(remote_side="Standard.id")


class Audit(db.Model):
    """One school's self-evaluation for one academic year."""

    __tablename__ = "audit"
    __table_args__ = (UniqueConstraint("school_id", "academic_year_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    academic_year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"), index=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"))
    status: Mapped[str] = mapped_column(String(20), default=AuditStatus.IN_PROGRESS.value)
    # The snapshot dashboards and results read: the sign-off one, else the submission one.
    latest_snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("score_snapshot.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    school: Mapped[School] = relationship()
    academic_year: Mapped[AcademicYear] = relationship()
    framework: Mapped[Framework] = relationship()
    events: Mapped[list[AuditEvent]] = relationship(
        back_populates="audit", order_by="AuditEvent.id"
    )
    latest_snapshot: Mapped[ScoreSnapshot | None] = relationship(
        foreign_keys=[latest_snapshot_id], post_update=True
    )

    @property
    def status_enum(self) -> AuditStatus:
        return AuditStatus(self.status)


class AuditEvent(db.Model):
    """The lifecycle log: started, submitted, signed off, returned, reviewed, reopened."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    comment: Mapped[str] = mapped_column(Text, default="")

    audit: Mapped[Audit] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class Answer(db.Model):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("audit_id", "standard_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"))
    standard_id: Mapped[int] = mapped_column(ForeignKey("standard.id"), index=True)
    rating: Mapped[int | None]
    not_applicable: Mapped[bool] = mapped_column(default=False, server_default=false())
    not_applicable_reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_links: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Optimistic locking: a save names the version it was based on.
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    moderation_decision: Mapped[str | None] = mapped_column(String(10))
    moderated_rating: Mapped[int | None]
    moderation_comment: Mapped[str] = mapped_column(Text, default="")
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    standard: Mapped[Standard] = relationship()
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    moderated_by: Mapped[User | None] = relationship(foreign_keys=[moderated_by_id])

    @property
    def is_answered(self) -> bool:
        return self.not_applicable or self.rating is not None


class AnswerChange(db.Model):
    """Every change of an answer, and every refused attempt: nothing typed is lost."""

    __tablename__ = "answer_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("standard.id"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(10), default="saved")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    standard: Mapped[Standard] = relationship()
    changed_by: Mapped[User | None] = relationship()


class ScoreSnapshot(db.Model):
    """Scores frozen at submission and at sign-off, with the framework version they used.

    A reopened and resubmitted audit gets new snapshots; the old ones stay as history.
    """

    __tablename__ = "score_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"))
    framework_version: Mapped[int]
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    overall_score: Mapped[float | None]
    results: Mapped[dict[str, Any]] = mapped_column(JSON)

    audit: Mapped[Audit] = relationship(foreign_keys=[audit_id])
    area_scores: Mapped[list[SnapshotAreaScore]] = relationship(
        cascade="all, delete-orphan", order_by="SnapshotAreaScore.position"
    )


class SnapshotAreaScore(db.Model):
    """One area's result in a snapshot, as rows, so dashboards aggregate in SQL."""

    __tablename__ = "snapshot_area_score"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("score_snapshot.id", ondelete="CASCADE"), index=True
    )
    area_code: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    score: Mapped[float | None]
    level: Mapped[str | None] = mapped_column(String(60))
    band: Mapped[str | None] = mapped_column(String(10))
    gated: Mapped[bool] = mapped_column(default=False, server_default=false())


class SnapshotRating(db.Model):
    """One standard's rating in a snapshot (None with not_applicable for N/A)."""

    __tablename__ = "snapshot_rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("score_snapshot.id", ondelete="CASCADE"), index=True
    )
    standard_id: Mapped[int] = mapped_column(ForeignKey("standard.id"), index=True)
    rating: Mapped[int | None]
    not_applicable: Mapped[bool] = mapped_column(default=False, server_default=false())


class AuditAction(db.Model):
    """An improvement action, proposed from the framework and owned by the school."""

    __tablename__ = "audit_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    standard_id: Mapped[int | None] = mapped_column(ForeignKey("standard.id"))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("audit_action.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    standard: Mapped[Standard | None] = relationship()
    notes: Mapped[list[ActionNote]] = relationship(order_by="ActionNote.id")


class ActionNote(db.Model):
    __tablename__ = "action_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("audit_action.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class TrainingNeed(db.Model):
    """A topic a school needs: derived from low ratings or requested; read by dashboards."""

    __tablename__ = "training_need"
    __table_args__ = (UniqueConstraint("audit_id", "topic_code", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    topic_code: Mapped[str] = mapped_column(String(60), index=True)
    source: Mapped[str] = mapped_column(String(10))
