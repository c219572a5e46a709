"""Website compliance as maintained figures: per partnership and phase, and read as a summary.

Which items count for a school (binding its kind of setting, not marked not applicable) is the
compliance module's rule, so the figures are worked out with its own SchoolRow, in Python, a
partnership's schools at a time, and stored as counts: schools, fully compliant schools, and
schools not meeting each item. The dashboard reads the summary; the compliance page keeps the
school-by-item grid.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import insert, select

from inclusion.area_partnerships.figures_models import FiguresCompliance, FiguresComplianceSchools
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, PartnershipMembership, School
from inclusion.send_report.checklists import version_for
from inclusion.send_report.compliance import NOT_MEETING, SchoolRow
from inclusion.send_report.models import Checklist, ChecklistAnswer, ChecklistItem

Key = tuple[int, str]  # partnership, phase


def write_groups(year: AcademicYear, partnership_ids) -> None:
    """Insert the partnerships' compliance rows for the year (their old rows already gone)."""
    items = items_of(year)
    rows = _school_rows(year, partnership_ids)
    if not rows:
        return
    schools: Counter[Key] = Counter()
    fully: Counter[Key] = Counter()
    not_started: Counter[Key] = Counter()
    missing: dict[Key, Counter[str]] = defaultdict(Counter)
    for key, row in rows:
        schools[key] += 1
        fully[key] += row.fully_compliant(items)
        not_started[key] += not row.statuses
        for item in row.counted(items):
            if row.statuses.get(item.code) in NOT_MEETING:
                missing[key][item.code] += 1
    db.session.execute(
        insert(FiguresComplianceSchools),
        [
            _group(year, key)
            | {"schools": n, "fully_compliant": fully[key], "not_started": not_started[key]}
            for key, n in schools.items()
        ],
    )
    not_met = [
        _group(year, key) | {"item_code": code, "schools": n}
        for key, counts in missing.items()
        for code, n in counts.items()
    ]
    if not_met:
        db.session.execute(insert(FiguresCompliance), not_met)


def _group(year: AcademicYear, key: Key) -> dict:
    return {"academic_year_id": year.id, "partnership_id": key[0], "phase": key[1]}


def items_of(year: AcademicYear) -> list[ChecklistItem]:
    version = version_for(year)
    if version is None:
        return []
    query = select(ChecklistItem).where(ChecklistItem.version_id == version.id)
    return list(db.session.scalars(query.order_by(ChecklistItem.position)))


def _school_rows(year: AcademicYear, partnership_ids) -> list[tuple[Key, SchoolRow]]:
    """The open member schools with their answers, as the compliance grid reads them."""
    query = (
        select(School, PartnershipMembership.partnership_id)
        .join(PartnershipMembership, PartnershipMembership.school_id == School.id)
        .where(PartnershipMembership.academic_year_id == year.id, School.is_open)
    )
    if partnership_ids is not None:
        query = query.where(PartnershipMembership.partnership_id.in_(partnership_ids))
    rows = {
        school.id: ((partnership_id, school.phase), SchoolRow(school, ""))
        for school, partnership_id in db.session.execute(query)
    }
    answers = (
        select(Checklist.school_id, ChecklistItem.code, ChecklistAnswer.status)
        .join(ChecklistAnswer, ChecklistAnswer.checklist_id == Checklist.id)
        .join(ChecklistItem, ChecklistItem.id == ChecklistAnswer.item_id)
        .where(Checklist.academic_year_id == year.id)
    )
    if partnership_ids is not None:
        members = select(PartnershipMembership.school_id).where(
            PartnershipMembership.academic_year_id == year.id,
            PartnershipMembership.partnership_id.in_(partnership_ids),
        )
        answers = answers.where(Checklist.school_id.in_(members))
    for school_id, code, status in db.session.execute(answers):
        if school_id in rows:
            rows[school_id][1].statuses[code] = status
    return list(rows.values())


@dataclass
class ComplianceSummary:
    """What the dashboard shows of website compliance: the grid's measures, as counts."""

    items: list[ChecklistItem]
    schools: int
    fully_compliant: int
    not_met: dict[str, int]  # answered not met or partly met
    not_started: int = 0

    @property
    def share_fully_compliant(self) -> int:
        return round(100 * self.fully_compliant / self.schools) if self.schools else 0

    def most_often_missing(self, limit: int = 5) -> list[tuple[ChecklistItem, int]]:
        """Items met by fewest schools first (ties in checklist order)."""
        ranked = sorted(
            (item for item in self.items if self.not_met.get(item.code)),
            key=lambda item: -self.not_met[item.code],
        )
        return [(item, self.not_met[item.code]) for item in ranked[:limit]]
