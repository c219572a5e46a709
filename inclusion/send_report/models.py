"""The SEND Information Report checklist, the school's answers, and website checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inclusion.auth.models import User
from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School


class ChecklistVersion(db.Model):
    __tablename__ = "checklist_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    academic_year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"), unique=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int]
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    academic_year: Mapped[AcademicYear] = relationship()
    items: Mapped[list[ChecklistItem]] = relationship(order_by="ChecklistItem.position")


class ChecklistItem(db.Model):
    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("checklist_version.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    legal_basis: Mapped[str] = mapped_column(String(300))
    statutory: Mapped[bool] = mapped_column(default=True, server_default=true())
    guidance: Mapped[str] = mapped_column(Text)
    # The kinds of setting (inclusion.schools.settings) the item binds; None: every kind.
    applies_to: Mapped[list[str] | None] = mapped_column(JSON)
    applies_to_source: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # The parts of the school's provision offer this item is written from (levels and areas of
    # need), so the item page can show what the school already says; None: no part.
    draws_on_offer: Mapped[dict | None] = mapped_column(JSON)
    position: Mapped[int]


class Checklist(db.Model):
    """One school's checklist for one academic year."""

    __tablename__ = "checklist"
    __table_args__ = (UniqueConstraint("school_id", "academic_year_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    academic_year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("checklist_version.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school: Mapped[School] = relationship()
    academic_year: Mapped[AcademicYear] = relationship()
    version: Mapped[ChecklistVersion] = relationship()


class ChecklistAnswer(db.Model):
    __tablename__ = "checklist_answer"
    __table_args__ = (UniqueConstraint("checklist_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklist.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_item.id"), index=True)
    # met | partly_met | not_met | not_applicable (with the reason in `note`)
    status: Mapped[str] = mapped_column(String(20))
    evidence_url: Mapped[str] = mapped_column(String(500), default="")
    pdf_page: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    # Set when the answer came from accepting the website checker's finding.
    from_check_id: Mapped[int | None] = mapped_column(
        ForeignKey("website_check.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    item: Mapped[ChecklistItem] = relationship()
    updated_by: Mapped[User | None] = relationship()


class ChecklistChange(db.Model):
    __tablename__ = "checklist_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(
        ForeignKey("checklist.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_item.id"))
    field: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[ChecklistItem] = relationship()
    changed_by: Mapped[User | None] = relationship()


class WebsiteCheck(db.Model):
    """One run of the website checker for a school: queued, running, completed or failed."""

    __tablename__ = "website_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(12), default="queued")
    reason: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pages_fetched: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    documents: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    local_offer_status: Mapped[int | None]
    report_date: Mapped[date | None]
    # What the check could not read and why, in words (robots.txt, a redirect loop, a scanned
    # PDF, a report on the trust's site, the Local Offer link's answer).
    reasons: Mapped[list[str] | None] = mapped_column(JSON, default=list)

    school: Mapped[School] = relationship()
    findings: Mapped[list[WebsiteFinding]] = relationship(
        cascade="all, delete-orphan", order_by="WebsiteFinding.id"
    )


class WebsiteFinding(db.Model):
    """The checker's proposal for one checklist item: found, not found or unsure."""

    __tablename__ = "website_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(
        ForeignKey("website_check.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(10))
    result: Mapped[str] = mapped_column(String(10))
    evidence_url: Mapped[str] = mapped_column(String(500), default="")
    pdf_page: Mapped[int | None]
    snippet: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
