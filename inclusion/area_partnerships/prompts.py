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
    prompts = []
    for school, areas in strong:
        for measure, rates in (
            ("suspension rate", suspension_rates),
            ("part-time timetable rate", timetable_rates),
        ):
            if _in_top_quarter(school.id, rates):
                prompts.append(Prompt(school, areas, measure))
    return prompts


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


def _in_top_quarter(school_id: int, rates: dict[int, float]) -> bool:
    values = list(rates.values())
    if len(values) < 4 or not rates.get(school_id):
        return False
    return rates[school_id] >= quantiles(values, n=4)[2]
