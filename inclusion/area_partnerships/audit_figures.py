"""Audit figures for a partnership or the council, from score snapshots, in aggregate queries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Row, func, select

from inclusion.area_partnerships import figures_read
from inclusion.area_partnerships.scope import Scope
from inclusion.audit.models import (
    Audit,
    Framework,
    FrameworkArea,
    SnapshotAreaScore,
    Standard,
    TrainingNeed,
    TrainingTopic,
)
from inclusion.audit.statuses import AuditStatus
from inclusion.extensions import db
from inclusion.schools.models import School

MINIMUM_FOR_MEDIAN = 5
# What a school list shows of a school (id, urn, name): a School, or a row of just those.
SchoolName = School | Row
STATUS_ORDER = [s for s in AuditStatus]


@dataclass
class Participation:
    counts: dict[AuditStatus, int]
    to_chase: list[tuple[SchoolName, AuditStatus]]

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


def participation(scope: Scope, lists: bool = True) -> Participation:
    """Schools by audit status, counted in the database; those to chase listed if `lists`."""
    status = func.coalesce(Audit.status, AuditStatus.NOT_STARTED.value)
    query = (
        select(status, func.count())
        .select_from(School)
        .outerjoin(
            Audit, (Audit.school_id == School.id) & (Audit.academic_year_id == scope.year.id)
        )
        .where(School.id.in_(scope.school_ids()))
        .group_by(status)
    )
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for state, count in db.session.execute(query):
        counts[AuditStatus(state)] += count
    return Participation(counts, _to_chase(scope) if lists else [])


def _to_chase(scope: Scope) -> list[tuple[SchoolName, AuditStatus]]:
    chase = (AuditStatus.NOT_STARTED.value, AuditStatus.IN_PROGRESS.value)
    status = func.coalesce(Audit.status, AuditStatus.NOT_STARTED.value)
    query = (
        select(School.id, School.urn, School.name, status)
        .outerjoin(
            Audit, (Audit.school_id == School.id) & (Audit.academic_year_id == scope.year.id)
        )
        .where(School.id.in_(scope.school_ids()), status.in_(chase))
        .order_by(School.name)
    )
    return [(school, AuditStatus(school[-1])) for school in db.session.execute(query)]


Cell = tuple[float | None, str | None]  # an area's score and band


class AreaScores(Mapping[str, Cell]):
    """One school's (score, band) by area code, read like a dict.

    A tuple in the framework's area order beside one shared index: a council has tens of
    thousands of schools, and a dict of 17 areas each costs some five times as much.
    """

    __slots__ = ("_cells", "_index")

    def __init__(self, index: dict[str, int]) -> None:
        self._index = index
        self._cells: list[Cell | None] = [None] * len(index)

    def put(self, code: str, cell: Cell) -> None:
        self._cells[self._index[code]] = cell

    def __getitem__(self, code: str) -> Cell:
        cell = self._cells[self._index[code]] if code in self._index else None
        if cell is None:
            raise KeyError(code)
        return cell

    def __iter__(self) -> Iterator[str]:
        return (code for code, at in self._index.items() if self._cells[at] is not None)

    def __len__(self) -> int:
        return sum(cell is not None for cell in self._cells)


@dataclass
class Heatmap:
    areas: list[tuple[str, str]]  # code, title
    rows: list[tuple[SchoolName, AreaScores]]
    partnership_medians: dict[str, float | None] = field(default_factory=dict)
    council_medians: dict[str, float | None] = field(default_factory=dict)


def heatmap(scope: Scope, lists: bool = True) -> Heatmap:
    """Schools x areas from each audit's latest snapshot (if `lists`), and the scope's and the
    council's medians from the maintained figures; medians hidden below five schools."""
    areas = _framework_areas(scope)
    rows: dict[int, tuple[SchoolName, AreaScores]] = {}
    if lists:
        schools = _schools_by_id(scope)
        index = {code: at for at, (code, _) in enumerate(areas)}
        cells: dict[Cell, Cell] = {}  # a few distinct (score, band) pairs, shared by all
        for school_id, code, score, band in _streamed(_area_scores(scope)):
            if code not in index:
                continue  # an area of another year's framework: not a column of this one
            row = rows.setdefault(school_id, (schools[school_id], AreaScores(index)))
            row[1].put(code, cells.setdefault((score, band), (score, band)))
    mine = figures_read.area_medians(scope)
    council = mine if scope.partnership is None else figures_read.area_medians(scope.council())
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


def medians_by_area(scope: Scope) -> dict[str, float | None]:
    """Each area's median score over the scope, from the maintained figures."""
    return figures_read.area_medians(scope)


def _framework_areas(scope: Scope) -> list[tuple[str, str]]:
    query = (
        select(FrameworkArea.code, FrameworkArea.title)
        .join(Framework)
        .where(Framework.academic_year_id == scope.year.id)
        .order_by(FrameworkArea.position)
    )
    return [tuple(row) for row in db.session.execute(query)]


@dataclass
class StandardDistribution:
    code: str
    title: str
    counts: dict[int, int]  # rating -> schools


def standard_distribution(scope: Scope) -> list[StandardDistribution]:
    """How many schools gave each rating to each standard (from latest snapshots)."""
    counts = figures_read.rating_counts(scope, scope.year.id)
    found: dict[int, StandardDistribution] = {}
    by_standard: dict[int, dict[int, int]] = {}
    for (standard_id, rating), schools in sorted(counts.items()):
        by_standard.setdefault(standard_id, {})[rating] = schools
    for standard_id, code, title in _standards(scope):
        if standard_id in by_standard:
            found[standard_id] = StandardDistribution(code, title, by_standard[standard_id])
    return list(found.values())


def _standards(scope: Scope) -> list[tuple[int, str, str]]:
    query = (
        select(Standard.id, Standard.code, Standard.title)
        .join(FrameworkArea, FrameworkArea.id == Standard.area_id)
        .join(Framework, Framework.id == Standard.framework_id)
        .where(Framework.academic_year_id == scope.year.id)
        .order_by(FrameworkArea.position, Standard.position)
    )
    return [tuple(row) for row in db.session.execute(query)]


@dataclass
class TrainingNeedLine:
    code: str
    title: str
    schools: list[SchoolName]  # listed only where the page lists schools (else only the few)
    requested: int
    derived: int
    school_count: int | None = None  # None: as many as listed

    def __post_init__(self) -> None:
        if self.school_count is None:
            self.school_count = len(self.schools)


def training_needs(scope: Scope, lists: bool = True) -> list[TrainingNeedLine]:
    """Topics ranked by how many schools need them (derived from ratings, or requested).

    Counts from the maintained figures; the schools behind each topic listed if `lists`, and
    always for topics too few schools need for a session of their own (sessions combine them).
    """
    titles = _topic_titles(scope)
    lines = {
        code: TrainingNeedLine(code, titles.get(code, code), [], requested, derived, schools)
        for code, (schools, requested, derived) in figures_read.training_counts(scope).items()
    }
    few = [code for code, line in lines.items() if line.school_count < SESSION_MINIMUM]
    for code, school in _schools_needing(scope, None if lists else few):
        lines[code].schools.append(school)
    for line in lines.values():
        line.schools.sort(key=lambda school: school.name)
    return sorted(lines.values(), key=lambda line: (-line.school_count, line.title))


def _schools_needing(scope: Scope, topics: list[str] | None) -> Iterator[tuple[str, SchoolName]]:
    """(topic, school) for the scope's schools that need the topics (None: every topic); ids
    in SQL, each school built once. A council's pairs (hundreds of thousands) are streamed."""
    query = (
        select(TrainingNeed.topic_code, Audit.school_id)
        .join(Audit, Audit.id == TrainingNeed.audit_id)
        .where(Audit.academic_year_id == scope.year.id, Audit.school_id.in_(scope.school_ids()))
        .distinct()
    )
    if topics is None:
        schools = _schools_by_id(scope)
        return ((code, schools[school_id]) for code, school_id in _streamed(query))
    pairs = db.session.execute(query.where(TrainingNeed.topic_code.in_(topics))).all()
    ids = {school_id for _, school_id in pairs}
    found = db.session.scalars(select(School).where(School.id.in_(ids)))
    named = {school.id: school for school in found}  # a second statement, always
    return iter([(code, named[school_id]) for code, school_id in pairs])


def _schools_by_id(scope: Scope) -> dict[int, SchoolName]:
    """Every school in scope in one query, as the id, URN and name a list shows."""
    return {row.id: row for row in db.session.execute(scope.school_rows())}


def _streamed(query, batch: int = 5000):
    """Rows fetched a batch at a time (a server-side cursor on PostgreSQL), not all at once:
    a council's area scores run to hundreds of thousands of rows."""
    return db.session.execute(query.execution_options(yield_per=batch))


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
    now = _mean_ratings(scope, scope.year.id)
    before = _mean_ratings(scope, previous_year_id)
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


def _mean_ratings(scope: Scope, audit_year_id: int) -> dict[int, float]:
    """Mean rating per standard of the scope's schools' audits that year."""
    sums: dict[int, list[int]] = {}
    for (standard_id, rating), schools in figures_read.rating_counts(scope, audit_year_id).items():
        total = sums.setdefault(standard_id, [0, 0])
        total[0] += rating * schools
        total[1] += schools
    return {standard_id: total / count for standard_id, (total, count) in sums.items()}


SESSION_MINIMUM = 3
TOPICS_PER_COMBINED_SESSION = 3


@dataclass
class TrainingSession:
    topics: list[str]
    schools: list[School]  # listed where the page lists schools
    school_count: int | None = None  # None: as many as listed

    def __post_init__(self) -> None:
        if self.school_count is None:
            self.school_count = len(self.schools)


def suggested_sessions(lines: list[TrainingNeedLine]) -> list[TrainingSession]:
    """One session per topic at least three schools need; the rest combined, three topics each."""
    sessions = [
        TrainingSession([line.title], list(line.schools), line.school_count)
        for line in lines
        if line.school_count >= SESSION_MINIMUM
    ]
    small = [line for line in lines if line.school_count < SESSION_MINIMUM]
    for start in range(0, len(small), TOPICS_PER_COMBINED_SESSION):
        group = small[start : start + TOPICS_PER_COMBINED_SESSION]
        schools = list({s.id: s for line in group for s in line.schools}.values())
        sessions.append(TrainingSession([line.title for line in group], schools, len(schools)))
    return sessions
