"""Scoring, as pure functions: standard ratings -> area results -> overall. No database here.

An area's score is the mean of its rated standards (N/A and unanswered left out). The
statutory gate caps an area's score while a statutory standard in it is rated at or below
the gate's threshold. A standard that does not apply to the school's kind of setting
(`applies=False`) counts for nothing: not in the mean, not towards the gate. The overall
score is the mean of the area scores. The scale, the gate and the RAG bands are framework
settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean

NOT_APPLICABLE = "n/a"
Rating = int | str | None  # an integer on the scale, NOT_APPLICABLE, or None (unanswered)


@dataclass(frozen=True)
class Gate:
    statutory_rating_at_or_below: int
    caps_area_at: float


@dataclass(frozen=True)
class Band:
    band: str
    label: str
    below: float | None = None


@dataclass(frozen=True)
class ScoringRules:
    scale: Mapping[int, str]
    gate: Gate
    bands: Sequence[Band]

    @property
    def maximum(self) -> int:
        return max(self.scale)

    @classmethod
    def from_settings(cls, settings: Mapping) -> ScoringRules:
        gate = settings["statutory_gate"]
        return cls(
            scale={int(step["value"]): step["label"] for step in settings["rating_scale"]},
            gate=Gate(int(gate["statutory_rating_at_or_below"]), float(gate["caps_area_at"])),
            bands=[Band(b["band"], b["label"], b.get("below")) for b in settings["rag_bands"]],
        )


@dataclass(frozen=True)
class StandardInput:
    code: str
    statutory: bool
    applies: bool = True


@dataclass(frozen=True)
class AreaInput:
    code: str
    standards: Sequence[StandardInput]


@dataclass(frozen=True)
class AreaResult:
    code: str
    score: float | None
    level: str | None
    band: str | None
    band_label: str | None
    gated: bool
    rated: int


@dataclass(frozen=True)
class AuditResult:
    areas: list[AreaResult] = field(default_factory=list)
    overall: float | None = None

    def area(self, code: str) -> AreaResult:
        return next(result for result in self.areas if result.code == code)


def score_audit(
    areas: Sequence[AreaInput], ratings: Mapping[str, Rating], rules: ScoringRules
) -> AuditResult:
    results = [score_area(area, ratings, rules) for area in areas]
    scored = [r.score for r in results if r.score is not None]
    return AuditResult(results, round(fmean(scored), 4) if scored else None)


def score_area(area: AreaInput, ratings: Mapping[str, Rating], rules: ScoringRules) -> AreaResult:
    rated = [_checked(ratings.get(s.code), rules) for s in area.standards if s.applies]
    values = [value for value in rated if isinstance(value, int)]
    if not values:
        return AreaResult(area.code, None, None, None, None, gated=False, rated=0)
    score = fmean(values)
    gated = _gate_applies(area, ratings, rules) and score > rules.gate.caps_area_at
    if gated:
        score = rules.gate.caps_area_at
    band = band_for(score, rules)
    score = round(score, 4)
    return AreaResult(
        area.code, score, level_for(score, rules), band.band, band.label, gated, len(values)
    )


def _checked(rating: Rating, rules: ScoringRules) -> Rating:
    if rating is None or rating == NOT_APPLICABLE:
        return rating
    if not isinstance(rating, int) or isinstance(rating, bool) or rating not in rules.scale:
        raise ValueError(f"{rating!r} is not a rating on this framework's scale")
    return rating


def _gate_applies(area: AreaInput, ratings: Mapping[str, Rating], rules: ScoringRules) -> bool:
    threshold = rules.gate.statutory_rating_at_or_below
    return any(
        s.statutory and isinstance(ratings.get(s.code), int) and ratings[s.code] <= threshold
        for s in area.standards
        if s.applies
    )


def level_for(score: float, rules: ScoringRules) -> str:
    """The scale label at or below the score: 2.5 is Established on a 0-3 scale."""
    reached = [value for value in rules.scale if value <= score + 1e-9]
    return rules.scale[max(reached)] if reached else rules.scale[min(rules.scale)]


def band_for(score: float, rules: ScoringRules) -> Band:
    for band in rules.bands:
        if band.below is None or score < band.below:
            return band
    return rules.bands[-1]
