"""Shared by the audit views: the year from the URL, the audit, and the page's data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from inclusion.audit.answers import audit_for
from inclusion.audit.models import Answer, Audit, FrameworkArea, Standard
from inclusion.audit.tree import framework_areas
from inclusion.errors import NotFound
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.services import year_by_label
from inclusion.schools.settings import binds_school

YEAR_SLUG = re.compile(r"^(\d{4})-(\d{2})$")


def year_from_slug(slug: str) -> AcademicYear:
    """URLs write 2026/27 as 2026-27."""
    match = YEAR_SLUG.match(slug or "")
    if not match:
        raise NotFound("There is no such academic year.")
    return year_by_label(f"{match.group(1)}/{match.group(2)}")


def year_slug(year: AcademicYear) -> str:
    return year.label.replace("/", "-")


def existing_audit(school: School, slug: str) -> Audit:
    audit = audit_for(school, year_from_slug(slug))
    if audit is None:
        raise NotFound("This school has not started its audit for that year.")
    return audit


@dataclass
class Section:
    area: FrameworkArea
    answered: int
    total: int

    @property
    def status(self) -> str:
        if self.total == 0:
            return "Does not apply"
        if self.answered == 0:
            return "Not yet started"
        return "Completed" if self.answered == self.total else "In progress"


def answers_by_standard(audit: Audit) -> dict[int, Answer]:
    rows = db.session.scalars(select(Answer).where(Answer.audit_id == audit.id))
    return {answer.standard_id: answer for answer in rows}


def sections(audit: Audit) -> tuple[list[Section], dict[int, Answer]]:
    """Each area's progress, over the standards that bind this school only."""
    answers = answers_by_standard(audit)
    found = []
    for area in framework_areas(audit.framework_id):
        binding = [s for s in area.standards if binds_school(s.applies_to, audit.school)]
        answered = sum(1 for s in binding if _answered(answers.get(s.id)))
        found.append(Section(area, answered, len(binding)))
    return found, answers


def standards_not_applying(audit: Audit) -> set[int]:
    """Ids of the framework's standards that do not bind this school's kind of setting."""
    return {
        s.id
        for area in framework_areas(audit.framework_id)
        for s in area.standards
        if not binds_school(s.applies_to, audit.school)
    }


def _answered(answer: Answer | None) -> bool:
    return answer is not None and answer.is_answered


def area_in(audit: Audit, code: str) -> FrameworkArea:
    area = next((a for a in framework_areas(audit.framework_id) if a.code == code), None)
    if area is None:
        raise NotFound("That section is not in this audit.")
    return area


@dataclass(frozen=True)
class Place:
    """Where a standard sits in its section, counting only standards that bind the school."""

    area: FrameworkArea
    number: int  # 1-based; 0 for a standard that does not bind the school
    total: int
    previous: Standard | None
    next: Standard | None


def place_of(audit: Audit, standard: Standard) -> Place:
    """'Standard 3 of 4' in its section, with the standards before and after it there."""
    area = next(a for a in framework_areas(audit.framework_id) if a.id == standard.area_id)
    binding = [s for s in area.standards if binds_school(s.applies_to, audit.school)]
    ids = [s.id for s in binding]
    if standard.id not in ids:
        return Place(area, 0, len(binding), None, None)
    index = ids.index(standard.id)
    before = binding[index - 1] if index > 0 else None
    after = binding[index + 1] if index + 1 < len(binding) else None
    return Place(area, index + 1, len(binding), before, after)


def section_of(audit: Audit, area: FrameworkArea) -> Section:
    """One section's progress (answered of binding standards)."""
    return next(s for s in sections(audit)[0] if s.area.id == area.id)
