"""Website compliance across schools: the council's key measure and the schools x items grid."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.schools.settings import applies, setting_of
from inclusion.send_report.checklists import NOT_APPLICABLE, version_for
from inclusion.send_report.models import Checklist, ChecklistAnswer, ChecklistItem

# Answers that say the website does not (fully) meet an item.
NOT_MEETING = ("not_met", "partly_met")


@dataclass
class SchoolRow:
    school: School
    partnership: str
    statuses: dict[str, str] = field(default_factory=dict)

    def binds(self, item: ChecklistItem) -> bool:
        return applies(item.applies_to, setting_of(self.school.phase))

    def counted(self, items: list[ChecklistItem]) -> list[ChecklistItem]:
        """Items that count for or against the school: binding it and not marked N/A."""
        return [
            item
            for item in items
            if self.binds(item) and self.statuses.get(item.code) != NOT_APPLICABLE
        ]

    def met(self, items: list[ChecklistItem]) -> int:
        return sum(1 for item in self.counted(items) if self.statuses.get(item.code) == "met")

    def fully_compliant(self, items: list[ChecklistItem]) -> bool:
        counted = self.counted(items)
        return bool(counted) and self.met(items) == len(counted)

    def shown_status(self, item: ChecklistItem) -> str | None:
        return self.statuses.get(item.code) if self.binds(item) else "does_not_apply"


@dataclass
class ComplianceGrid:
    items: list[ChecklistItem]
    rows: list[SchoolRow]

    @property
    def fully_compliant(self) -> int:
        return sum(1 for row in self.rows if row.fully_compliant(self.items))

    @property
    def share_fully_compliant(self) -> int:
        return round(100 * self.fully_compliant / len(self.rows)) if self.rows else 0

    @property
    def not_started(self) -> int:
        """Schools that have answered no item: reported apart, never counted as not meeting."""
        return sum(1 for row in self.rows if not row.statuses)

    def most_often_missing(self, limit: int = 5) -> list[tuple[ChecklistItem, int]]:
        """Items most often answered "not met" or "partly met"; an unanswered item is not
        counted against a school (it has not said yet), see `not_started`."""
        missing = Counter(
            item.code
            for row in self.rows
            for item in row.counted(self.items)
            if row.statuses.get(item.code) in NOT_MEETING
        )
        by_code = {item.code: item for item in self.items}
        return [(by_code[code], count) for code, count in missing.most_common(limit)]


def compliance_grid(
    year: AcademicYear, partnership_ids: list[int] | None, phase: str = ""
) -> ComplianceGrid:
    """Schools of the given partnerships (None: every partnership) for `year`, in three queries."""
    version = version_for(year)
    items = (
        list(
            db.session.scalars(
                select(ChecklistItem)
                .where(ChecklistItem.version_id == version.id)
                .order_by(ChecklistItem.position)
            )
        )
        if version
        else []
    )
    rows = _rows(year, partnership_ids, phase)
    _fill(rows, year)
    return ComplianceGrid(items, rows)


def _rows(year: AcademicYear, partnership_ids: list[int] | None, phase: str) -> list[SchoolRow]:
    query = (
        select(School, AreaInclusionPartnership.name)
        .join(PartnershipMembership, PartnershipMembership.school_id == School.id)
        .join(AreaInclusionPartnership)
        .where(PartnershipMembership.academic_year_id == year.id, School.is_open)
        .order_by(AreaInclusionPartnership.name, School.name)
    )
    if partnership_ids is not None:
        query = query.where(PartnershipMembership.partnership_id.in_(partnership_ids))
    if phase:
        query = query.where(School.phase == phase)
    return [SchoolRow(school, name) for school, name in db.session.execute(query)]


def _fill(rows: list[SchoolRow], year: AcademicYear) -> None:
    by_school = {row.school.id: row for row in rows}
    query = (
        select(Checklist.school_id, ChecklistItem.code, ChecklistAnswer.status)
        .join(ChecklistAnswer, ChecklistAnswer.checklist_id == Checklist.id)
        .join(ChecklistItem, ChecklistItem.id == ChecklistAnswer.item_id)
        .where(Checklist.academic_year_id == year.id, Checklist.school_id.in_(list(by_school)))
    )
    for school_id, code, status in db.session.execute(query):
        by_school[school_id].statuses[code] = status
