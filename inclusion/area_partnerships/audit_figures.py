"""Audit figures for a partnership or the council, from score snapshots, in aggregate queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

from sqlalchemy import func, select

from inclusion.area_partnerships.scope import Scope
from inclusion.audit.models import (
    Audit,
    Framework,
    FrameworkArea,
    SnapshotAreaScore,
    SnapshotRating,
    Standard,
    TrainingNeed,
    TrainingTopic,
)
from inclusion.audit.statuses import AuditStatus
from inclusion.extensions import db
from inclusion.schools.models import School

MINIMUM_FOR_MEDIAN = 5
STATUS_ORDER = [s for s in AuditStatus]


@dataclass
class Participation:
    counts: dict[AuditStatus, int]
    to_chase: list[tuple[School, AuditStatus]]

    @property
    def schools(self) -> int:
        return sum(self.counts.values())

    @property
    def taking_part(self) -> int:
        """The council's key measure: schools that have submitted (or gone further)."""
        done = (AuditStatus.SUBMITTED, AuditStatus.SIGNED_OFF, AuditStatus.REVIEWED)
        return sum(self.counts[s] for s in done)

    @property
    def share_taking_part(self) -> int:
        return round(100 * self.taking_part / self.schools) if self.schools else 0


def participation(scope: Scope) -> Participation:
    query = (
        select(School, Audit.status)
        .outerjoin(
            Audit, (Audit.school_id == School.id) & (Audit.academic_year_id == scope.year.id)
        )
        .where(School.id.in_(scope.school_ids()))
        .order_by(School.name)
    )
    counts = dict.fromkeys(STATUS_ORDER, 0)
    chase: list[tuple[School, AuditStatus]] = []
    for school, status in db.session.execute(query):
        state = AuditStatus(status) if status else AuditStatus.NOT_STARTED
        counts[state] += 1
        if state in (AuditStatus.NOT_STARTED, AuditStatus.IN_PROGRESS):
            chase.append((school, state))
    return Participation(counts, chase)


@dataclass
class Heatmap:
    areas: list[tuple[str, str]]  # code, title
    rows: list[tuple[School, dict[str, tuple[float | None, str | None]]]]
    partnership_medians: dict[str, float | None] = field(default_factory=dict)
    council_medians: dict[str, float | None] = field(default_factory=dict)


def heatmap(scope: Scope) -> Heatmap:
    """Schools x areas from each audit's latest snapshot; medians hidden below five schools."""
    areas = _framework_areas(scope)
    schools = _schools_by_id(scope)
    rows: dict[int, tuple[School, dict]] = {}
    for school_id, code, score, band in db.session.execute(_area_scores(scope)):
        rows.setdefault(school_id, (schools[school_id], {}))[1][code] = (score, band)
    mine = {code: _median(scores) for code, scores in _scores_in(rows.values()).items()}
    # The council's medians are the scope's own on the council dashboard: no second query.
    council = mine if scope.partnership is None else medians_by_area(scope.council())
    return Heatmap(
        areas,
        sorted(rows.values(), key=lambda pair: pair[0].name),
        {code: mine.get(code) for code, _ in areas},
        {code: council.get(code) for code, _ in areas},
    )


def _area_scores(scope: Scope):
    return (
        select(Audit.school_id, SnapshotAreaScore.area_code)
        .add_columns(SnapshotAreaScore.score, SnapshotAreaScore.band)
        .join(SnapshotAreaScore, SnapshotAreaScore.snapshot_id == Audit.latest_snapshot_id)
        .where(Audit.school_id.in_(scope.school_ids()), Audit.academic_year_id == scope.year.id)
    )


def _scores_in(rows: Iterable[tuple[School, dict]]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = defaultdict(list)
    for _, scores in rows:
        for code, (score, _) in scores.items():
            if score is not None:
                found[code].append(score)
    return found


def medians_by_area(scope: Scope) -> dict[str, float | None]:
    """Each area's median score over the scope, worked out in the database.

    A partnership's page shows the council's medians beside its own; fetching every school's
    score in the council for that would be 190,000 rows in all England. The middle one or two
    scores by rank give the same median on SQLite and PostgreSQL.
    """
    ranked = (
        select(
            SnapshotAreaScore.area_code.label("code"),
            SnapshotAreaScore.score.label("score"),
            func.row_number()
            .over(partition_by=SnapshotAreaScore.area_code, order_by=SnapshotAreaScore.score)
            .label("rank"),
            func.count().over(partition_by=SnapshotAreaScore.area_code).label("n"),
        )
        .join(Audit, Audit.latest_snapshot_id == SnapshotAreaScore.snapshot_id)
        .where(
            Audit.school_id.in_(scope.school_ids()),
            Audit.academic_year_id == scope.year.id,
            SnapshotAreaScore.score.is_not(None),
        )
        .subquery()
    )
    middle = (ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2
    query = (
        select(ranked.c.code, func.avg(ranked.c.score), func.max(ranked.c.n))
        .where(ranked.c.rank.in_(middle))
        .group_by(ranked.c.code)
    )
    return {
        code: round(float(value), 2) if n >= MINIMUM_FOR_MEDIAN else None
        for code, value, n in db.session.execute(query)
    }


def _framework_areas(scope: Scope) -> list[tuple[str, str]]:
    query = (
        select(FrameworkArea.code, FrameworkArea.title)
        .join(Framework)
        .where(Framework.academic_year_id == scope.year.id)
        .order_by(FrameworkArea.position)
    )
    return [tuple(row) for row in db.session.execute(query)]


def _median(values: list[float]) -> float | None:
    return round(median(values), 2) if len(values) >= MINIMUM_FOR_MEDIAN else None


@dataclass
class StandardDistribution:
    code: str
    title: str
    counts: dict[int, int]  # rating -> schools


def standard_distribution(scope: Scope) -> list[StandardDistribution]:
    """How many schools gave each rating to each standard (from latest snapshots)."""
    query = (
        select(Standard.code, Standard.title, SnapshotRating.rating, func.count())
        .join(SnapshotRating, SnapshotRating.standard_id == Standard.id)
        .join(Audit, Audit.latest_snapshot_id == SnapshotRating.snapshot_id)
        .join(FrameworkArea, FrameworkArea.id == Standard.area_id)
        .where(
            Audit.school_id.in_(scope.school_ids()),
            Audit.academic_year_id == scope.year.id,
            SnapshotRating.rating.is_not(None),
        )
        .group_by(
            Standard.code,
            Standard.title,
            FrameworkArea.position,
            Standard.position,
            SnapshotRating.rating,
        )
        .order_by(FrameworkArea.position, Standard.position)
    )
    found: dict[str, StandardDistribution] = {}
    for code, title, rating, count in db.session.execute(query):
        found.setdefault(code, StandardDistribution(code, title, {})).counts[rating] = count
    return list(found.values())


@dataclass
class TrainingNeedLine:
    code: str
    title: str
    schools: list[School]
    requested: int
    derived: int


def training_needs(scope: Scope) -> list[TrainingNeedLine]:
    """Topics ranked by how many schools need them (derived from ratings, or requested).

    Counted per topic and school in SQL: a council has hundreds of thousands of needs.
    """
    query = (
        select(
            TrainingNeed.topic_code,
            Audit.school_id,
            func.count().filter(TrainingNeed.source == "requested"),
            func.count().filter(TrainingNeed.source == "derived"),
        )
        .join(Audit, Audit.id == TrainingNeed.audit_id)
        .where(Audit.academic_year_id == scope.year.id, Audit.school_id.in_(scope.school_ids()))
        .group_by(TrainingNeed.topic_code, Audit.school_id)
    )
    titles = _topic_titles(scope)
    schools = _schools_by_id(scope)
    lines: dict[str, TrainingNeedLine] = {}
    for code, school_id, requested, derived in db.session.execute(query):
        line = lines.setdefault(code, TrainingNeedLine(code, titles.get(code, code), [], 0, 0))
        line.schools.append(schools[school_id])
        line.requested += requested
        line.derived += derived
    for line in lines.values():
        line.schools.sort(key=lambda school: school.name)
    return sorted(lines.values(), key=lambda line: (-len(line.schools), line.title))


def _schools_by_id(scope: Scope) -> dict[int, School]:
    """Every school in scope in one query, rather than a school entity on each of many rows."""
    return {school.id: school for school in db.session.scalars(scope.schools())}


def _topic_titles(scope: Scope) -> dict[str, str]:
    query = (
        select(TrainingTopic.code, TrainingTopic.title)
        .join(Framework)
        .where(Framework.academic_year_id == scope.year.id)
    )
    return dict(db.session.execute(query).all())


@dataclass
class StandardChange:
    code: str
    title: str
    this_year: float
    last_year: float

    @property
    def change(self) -> float:
        return round(self.this_year - self.last_year, 2)


def standard_changes(scope: Scope, previous_year_id: int | None) -> list[StandardChange]:
    """Mean rating per mapped standard this year beside its predecessor's mean last year."""
    if previous_year_id is None:
        return []
    now = _mean_ratings(scope.school_ids(), scope.year.id)
    before = _mean_ratings(scope.school_ids(), previous_year_id)
    query = (
        select(Standard.id, Standard.code, Standard.title, Standard.predecessor_id)
        .join(Framework)
        .where(Framework.academic_year_id == scope.year.id, Standard.predecessor_id.is_not(None))
    )
    return [
        StandardChange(code, title, round(now[sid], 2), round(before[pid], 2))
        for sid, code, title, pid in db.session.execute(query)
        if sid in now and pid in before
    ]


def _mean_ratings(school_ids, year_id: int) -> dict[int, float]:
    query = (
        select(SnapshotRating.standard_id, func.avg(SnapshotRating.rating))
        .join(Audit, Audit.latest_snapshot_id == SnapshotRating.snapshot_id)
        .where(
            Audit.school_id.in_(school_ids),
            Audit.academic_year_id == year_id,
            SnapshotRating.rating.is_not(None),
        )
        .group_by(SnapshotRating.standard_id)
    )
    return {standard_id: float(mean) for standard_id, mean in db.session.execute(query)}


SESSION_MINIMUM = 3
TOPICS_PER_COMBINED_SESSION = 3


@dataclass
class TrainingSession:
    topics: list[str]
    schools: list[School]


def suggested_sessions(lines: list[TrainingNeedLine]) -> list[TrainingSession]:
    """One session per topic at least three schools need; the rest combined, three topics each."""
    sessions = [
        TrainingSession([line.title], list(line.schools))
        for line in lines
        if len(line.schools) >= SESSION_MINIMUM
    ]
    small = [line for line in lines if len(line.schools) < SESSION_MINIMUM]
    for start in range(0, len(small), TOPICS_PER_COMBINED_SESSION):
        group = small[start : start + TOPICS_PER_COMBINED_SESSION]
        schools = list({s.id: s for line in group for s in line.schools}.values())
        sessions.append(TrainingSession([line.title for line in group], schools))
    return sessions
