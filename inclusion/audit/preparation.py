"""Preparing for the audit: what lies ahead, and every question to read with colleagues
before anyone starts (the start page, the print view and the spreadsheet share this)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from inclusion.audit import scoring
from inclusion.audit.answers import framework_for
from inclusion.audit.models import Framework, FrameworkArea, Standard
from inclusion.audit.results import previous_ratings_for
from inclusion.audit.tree import framework_areas
from inclusion.errors import NotFound
from inclusion.round.window import Deadline, audit_deadline
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.settings import binds_school

# Our estimate, not a measured figure (docs/domain-rules.md): reading a standard's guidance,
# choosing a rating and writing what shows it takes about 5 to 10 minutes once the evidence
# is to hand. Gathering the evidence is extra and varies most from school to school.
MINUTES_PER_STANDARD = (5, 10)


@dataclass(frozen=True)
class TimeEstimate:
    standards: int

    @property
    def low_minutes(self) -> int:
        return self.standards * MINUTES_PER_STANDARD[0]

    @property
    def high_minutes(self) -> int:
        return self.standards * MINUTES_PER_STANDARD[1]

    @property
    def text(self) -> str:
        """'4 to 8 hours', or 'less than an hour' for a short framework."""
        if self.high_minutes <= 60:
            return "less than an hour"
        low = max(1, round(self.low_minutes / 60))
        high = max(low + 1, math.ceil(self.high_minutes / 60))
        return f"{low} to {high} hours"


@dataclass(frozen=True)
class QuestionSection:
    """A section of the framework with the standards that bind the school, in order."""

    area: FrameworkArea
    standards: list[Standard]


@dataclass(frozen=True)
class RatingStep:
    value: int
    label: str


@dataclass(frozen=True)
class Preparation:
    school: School
    year: AcademicYear
    framework: Framework
    sections: list[QuestionSection]
    # This year's standard id -> the school's rating last year for its predecessor.
    last_year: dict[int, scoring.Rating]
    not_applying: int  # standards left out because they do not bind this kind of setting
    deadline: Deadline | None

    @property
    def standards(self) -> int:
        return sum(len(section.standards) for section in self.sections)

    @property
    def estimate(self) -> TimeEstimate:
        return TimeEstimate(self.standards)

    @property
    def scale(self) -> list[RatingStep]:
        steps: list[dict[str, Any]] = self.framework.settings.get("rating_scale", [])
        return [RatingStep(int(step["value"]), str(step["label"])) for step in steps]

    @property
    def not_applicable_label(self) -> str:
        return self.framework.settings.get("not_applicable_label", "Not applicable")

    def has_last_year(self, standard: Standard) -> bool:
        return standard.id in self.last_year

    def last_year_text(self, standard: Standard) -> str:
        """Last year's rating in words ('' if the school had none for this standard)."""
        if standard.id not in self.last_year:
            return ""
        rating = self.last_year[standard.id]
        if rating is None:
            return "Not answered"
        if rating == scoring.NOT_APPLICABLE:
            return self.not_applicable_label
        labels = {step.value: step.label for step in self.scale}
        return labels.get(int(rating), str(rating))

    def descriptor(self, standard: Standard, step: RatingStep) -> str:
        """What the rating means for this standard (keys are strings once stored as JSON)."""
        descriptors = standard.descriptors or {}
        return descriptors.get(str(step.value)) or descriptors.get(step.value) or ""


def preparation_for(school: School, year: AcademicYear) -> Preparation | None:
    """What the school's audit for `year` asks; None until the council publishes the
    framework. A fixed number of queries, however many standards."""
    framework = framework_for(year)
    if framework is None:
        return None
    sections: list[QuestionSection] = []
    not_applying = 0
    for area in framework_areas(framework.id):
        binding = [s for s in area.standards if binds_school(s.applies_to, school)]
        not_applying += len(area.standards) - len(binding)
        if binding:
            sections.append(QuestionSection(area, binding))
    return Preparation(
        school=school,
        year=year,
        framework=framework,
        sections=sections,
        last_year=_last_year(school, year, sections),
        not_applying=not_applying,
        deadline=audit_deadline(year),
    )


def require_preparation(school: School, year: AcademicYear) -> Preparation:
    found = preparation_for(school, year)
    if found is None:
        raise NotFound(f"The council has not published a framework for {year.label} yet.")
    return found


def _last_year(
    school: School, year: AcademicYear, sections: list[QuestionSection]
) -> dict[int, scoring.Rating]:
    earlier = previous_ratings_for(school, year)
    if not earlier:
        return {}
    return {
        standard.id: earlier[standard.predecessor_id]
        for section in sections
        for standard in section.standards
        if standard.predecessor_id in earlier
    }
