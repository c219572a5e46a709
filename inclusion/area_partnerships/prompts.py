"""Triangulation prompts for advisers: a school's self-rating beside its own records.

A prompt is a reason for a conversation, never a finding: a school can be right about itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import quantiles

from inclusion.area_partnerships.audit_figures import Heatmap
from inclusion.area_partnerships.record_figures import ExclusionLine
from inclusion.schools.models import School

# Areas about behaviour, pastoral care and social, emotional and mental health.
BEHAVIOUR_AREAS = ("PW", "SE-U", "SE-S")
ESTABLISHED = 2.0


@dataclass(frozen=True)
class Prompt:
    school: School
    areas: list[str]
    measure: str

    @property
    def text(self) -> str:
        return (
            f"{self.school.name} rates itself Established or better on {', '.join(self.areas)}, "
            f"while its {self.measure} is among the highest quarter in the partnership. "
            "Worth a conversation: what does the school see that the figures do not?"
        )


def triangulation_prompts(
    heatmap: Heatmap, lines: list[ExclusionLine], timetables: dict[int, int]
) -> list[Prompt]:
    strong = _strong_on_behaviour(heatmap)
    suspension_rates = {
        line.school.id: line.rate(line.suspensions) or 0.0 for line in lines if line.school
    }
    timetable_rates = {
        line.school.id: 100 * timetables.get(line.school.id, 0) / line.headcount
        for line in lines
        if line.school and line.headcount
    }
    measures = [
        ("suspension rate", suspension_rates, _top_quarter_from(suspension_rates)),
        ("part-time timetable rate", timetable_rates, _top_quarter_from(timetable_rates)),
    ]
    return [
        Prompt(school, areas, measure)
        for school, areas in strong
        for measure, rates, cutoff in measures
        if cutoff is not None and rates.get(school.id) and rates[school.id] >= cutoff
    ]


def _strong_on_behaviour(heatmap: Heatmap) -> list[tuple[School, list[str]]]:
    titles = dict(heatmap.areas)
    found = []
    for school, scores in heatmap.rows:
        areas = [
            titles[c] for c in BEHAVIOUR_AREAS if c in scores and (scores[c][0] or 0) >= ESTABLISHED
        ]
        if areas:
            found.append((school, areas))
    return found


def _top_quarter_from(rates: dict[int, float]) -> float | None:
    """The upper quartile, worked out once per measure (a council has thousands of schools)."""
    values = list(rates.values())
    return quantiles(values, n=4)[2] if len(values) >= 4 else None
