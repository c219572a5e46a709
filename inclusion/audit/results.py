"""What a school's results page shows: areas, extremes, change since last year, medians."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from inclusion.area_partnerships import figures_read
from inclusion.area_partnerships.scope import Scope
from inclusion.audit import scoring
from inclusion.audit.lifecycle import current_ratings, score_of
from inclusion.audit.models import (
    Audit,
    FrameworkArea,
    ScoreSnapshot,
    SnapshotRating,
    Standard,
)
from inclusion.extensions import db
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.schools.settings import binds_school

MINIMUM_SCHOOLS_FOR_A_MEDIAN = 5


@dataclass
class AreaLine:
    code: str
    title: str
    score: float | None
    level: str | None
    band: str | None
    gated: bool
    partnership_median: float | None = None
    council_median: float | None = None


@dataclass
class StandardLine:
    code: str
    title: str
    area_title: str
    rating: scoring.Rating
    previous: scoring.Rating = None
    comparable: bool = False
    applies: bool = True  # False: the standard does not bind the school's kind of setting

    @property
    def change(self) -> int | None:
        if isinstance(self.rating, int) and isinstance(self.previous, int):
            return self.rating - self.previous
        return None


@dataclass
class Results:
    provisional: bool
    snapshot: ScoreSnapshot | None
    overall: float | None
    areas: list[AreaLine] = field(default_factory=list)
    standards: list[StandardLine] = field(default_factory=list)
    scale: dict[int, str] = field(default_factory=dict)

    @property
    def strongest(self) -> list[StandardLine]:
        return sorted(self._rated, key=lambda s: -s.rating)[:3]

    @property
    def weakest(self) -> list[StandardLine]:
        return sorted(self._rated, key=lambda s: s.rating)[:3]

    @property
    def _rated(self) -> list[StandardLine]:
        return [s for s in self.standards if s.applies and isinstance(s.rating, int)]


def results_for(audit: Audit) -> Results:
    scale = scoring.ScoringRules.from_settings(audit.framework.settings).scale
    snapshot = audit.latest_snapshot
    results = _provisional(audit) if snapshot is None else _from_snapshot(snapshot)
    results.scale = scale
    results.standards = _standard_lines(audit, snapshot)
    _add_medians(audit, results.areas)
    return results


def _provisional(audit: Audit) -> Results:
    result = score_of(audit, current_ratings(audit))
    titles = {a.code: a.title for a in audit.framework.areas}
    areas = [
        AreaLine(r.code, titles[r.code], r.score, r.level, r.band, r.gated) for r in result.areas
    ]
    return Results(True, None, result.overall, areas)


def _from_snapshot(snapshot: ScoreSnapshot) -> Results:
    areas = [
        AreaLine(a.area_code, a.title, a.score, a.level, a.band, a.gated)
        for a in snapshot.area_scores
    ]
    return Results(False, snapshot, snapshot.overall_score, areas)


def _standard_lines(audit: Audit, snapshot: ScoreSnapshot | None) -> list[StandardLine]:
    ratings = snapshot.results["standards"] if snapshot else current_ratings(audit)
    previous = previous_ratings(audit)
    query = (
        select(Standard, FrameworkArea.title)
        .join(FrameworkArea)
        .where(Standard.framework_id == audit.framework_id)
        .order_by(FrameworkArea.position, Standard.position)
    )
    return [
        StandardLine(
            standard.code,
            standard.title,
            area_title,
            ratings.get(standard.code),
            previous.get(standard.predecessor_id),
            standard.predecessor_id is not None,
            binds_school(standard.applies_to, audit.school),
        )
        for standard, area_title in db.session.execute(query)
    ]


def previous_ratings(audit: Audit) -> dict[int, scoring.Rating]:
    """Last year's rating by (last year's) standard id, from that audit's latest snapshot."""
    return previous_ratings_for(audit.school, audit.academic_year)


def previous_ratings_for(school: School, year: AcademicYear) -> dict[int, scoring.Rating]:
    """The school's ratings before `year`, by standard id, from each earlier audit's latest
    snapshot (newest first wins); works before this year's audit is started."""
    query = (
        select(SnapshotRating.standard_id, SnapshotRating.rating, SnapshotRating.not_applicable)
        .join(Audit, Audit.latest_snapshot_id == SnapshotRating.snapshot_id)
        .join(AcademicYear, Audit.academic_year_id == AcademicYear.id)
        .where(
            Audit.school_id == school.id,
            AcademicYear.end_date < year.start_date,
        )
        .order_by(AcademicYear.start_date.desc())
    )
    found: dict[int, scoring.Rating] = {}
    for standard_id, rating, na in db.session.execute(query):
        found.setdefault(standard_id, scoring.NOT_APPLICABLE if na else rating)
    return found


def _add_medians(audit: Audit, areas: list[AreaLine]) -> None:
    """The school's partnership's and the council's medians, read from the maintained figures
    (open schools in a partnership that year, as on the dashboards); hidden below five."""
    year = audit.academic_year
    council = figures_read.area_medians(Scope(year, None))
    partnership = _partnership(audit)
    mine = figures_read.area_medians(Scope(year, partnership)) if partnership else {}
    for area in areas:
        area.council_median = council.get(area.code)
        area.partnership_median = mine.get(area.code)


def _partnership(audit: Audit) -> AreaInclusionPartnership | None:
    query = (
        select(AreaInclusionPartnership)
        .join(PartnershipMembership)
        .where(
            PartnershipMembership.school_id == audit.school_id,
            PartnershipMembership.academic_year_id == audit.academic_year_id,
        )
    )
    return db.session.scalar(query)
