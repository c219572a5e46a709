"""Writing the maintained figures: from the source tables, by set-based INSERT ... SELECT.

One code path serves both the refresh of a few schools or partnerships (in the transaction that
changed their sources) and the rebuild of everything (`flask figures rebuild`), so what is
maintained is by construction what a rebuild writes. Portable across SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    delete,
    distinct,
    extract,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from inclusion.area_partnerships import figures_compliance
from inclusion.area_partnerships.figures_models import (
    COUNCIL_TABLES,
    GROUP_TABLES,
    SCHOOL_TABLES,
    FiguresAreaScore,
    FiguresGroup,
    FiguresRating,
    FiguresSchoolExclusions,
    FiguresSchoolSen,
    FiguresSchoolTrend,
    FiguresTraining,
)
from inclusion.audit.models import Audit, SnapshotAreaScore, SnapshotRating, TrainingNeed
from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.graduated_response.models import ExclusionIncident
from inclusion.graduated_response.terms import term_bounds
from inclusion.graduated_response.vocab import REINSTATED, ExclusionKind
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)

Ids = Collection[int] | None  # None: every one

# Per school: suspensions and exclusions


def refresh_schools(school_ids: Ids, year_ids: Ids) -> None:
    """Rewrite the schools' figures for those years (None: all) and their yearly trend."""
    for year in _years(year_ids):
        for table in SCHOOL_TABLES:
            db.session.execute(delete(table).where(*_school_rows(table, school_ids, year.id)))
        db.session.execute(_insert_exclusions(year, school_ids))
        db.session.execute(_insert_sen(year, school_ids))
    trend = delete(FiguresSchoolTrend)
    if school_ids is not None:
        trend = trend.where(FiguresSchoolTrend.school_id.in_(school_ids))
    db.session.execute(trend)
    db.session.execute(_insert_trend(school_ids))


def _school_rows(table, school_ids: Ids, year_id: int) -> list[ColumnElement]:
    found = [table.academic_year_id == year_id]
    if school_ids is not None:
        found.append(table.school_id.in_(school_ids))
    return found


def _years(year_ids: Ids) -> list[AcademicYear]:
    query = select(AcademicYear).order_by(AcademicYear.start_date)
    if year_ids is not None:
        query = query.where(AcademicYear.id.in_(year_ids))
    return list(db.session.scalars(query))


def _incidents(year: AcademicYear, school_ids: Ids) -> list[ColumnElement]:
    found = [
        ExclusionIncident.deleted_at.is_(None),
        ExclusionIncident.start_date.between(year.start_date, year.end_date),
    ]
    if school_ids is not None:
        found.append(ExclusionIncident.school_id.in_(school_ids))
    return found


SUSPENSION = ExclusionIncident.kind == ExclusionKind.SUSPENSION


def counted_permanent() -> ColumnElement:
    """DfE's statistics count permanent exclusions unless the pupil was reinstated."""
    return (ExclusionIncident.kind == ExclusionKind.PERMANENT) & (
        ExclusionIncident.permanent_outcome.not_in([o.value for o in REINSTATED])
    )


def _ones(condition: ColumnElement) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _insert_exclusions(year: AcademicYear, school_ids: Ids):
    bounds = term_bounds(year.start_date.year)
    start = ExclusionIncident.start_date
    autumn, spring = start <= bounds["autumn"][1], start <= bounds["spring"][1]
    rows = (
        select(
            literal(year.id),
            ExclusionIncident.school_id,
            _ones(SUSPENSION),
            func.count(distinct(case((SUSPENSION, ExclusionIncident.pupil_ref)))),
            _ones(counted_permanent()),
            _ones(SUSPENSION & autumn),
            _ones(SUSPENSION & ~autumn & spring),
            _ones(SUSPENSION & ~autumn & ~spring),
        )
        .where(*_incidents(year, school_ids))
        .group_by(ExclusionIncident.school_id)
    )
    columns = ["academic_year_id", "school_id", "suspensions", "pupils_suspended", "permanent"]
    return insert(FiguresSchoolExclusions).from_select(
        [*columns, "autumn", "spring", "summer"], rows
    )


def _insert_sen(year: AcademicYear, school_ids: Ids):
    rows = (
        select(
            literal(year.id),
            ExclusionIncident.school_id,
            ExclusionIncident.sen_status,
            func.count(),
        )
        .where(*_incidents(year, school_ids), SUSPENSION)
        .group_by(ExclusionIncident.school_id, ExclusionIncident.sen_status)
    )
    columns = ["academic_year_id", "school_id", "sen_status", "suspensions"]
    return insert(FiguresSchoolSen).from_select(columns, rows)


def dfe_year_start() -> ColumnElement:
    """The year DfE's academic year of an incident starts in: it runs from 1 August."""
    year = extract("year", ExclusionIncident.start_date)
    month = extract("month", ExclusionIncident.start_date)
    return case((month >= 8, year), else_=year - 1)


def _insert_trend(school_ids: Ids):
    starts = dfe_year_start()
    rows = (
        select(ExclusionIncident.school_id, starts, _ones(SUSPENSION), _ones(counted_permanent()))
        .where(ExclusionIncident.deleted_at.is_(None))
        .group_by(ExclusionIncident.school_id, starts)
    )
    if school_ids is not None:
        rows = rows.where(ExclusionIncident.school_id.in_(school_ids))
    columns = ["school_id", "start_year", "suspensions", "permanent"]
    return insert(FiguresSchoolTrend).from_select(columns, rows)


# Per partnership and phase: audit figures


def refresh_groups(year: AcademicYear, partnership_ids: Ids) -> None:
    """Rewrite the partnerships' audit figures for the year, holding their group rows locked."""
    _lock_groups(year.id, partnership_ids)
    before = {table: _sums(table, year.id, partnership_ids) for table in GROUP_TABLES}
    for table in GROUP_TABLES:
        db.session.execute(delete(table).where(*_group_rows(table, year.id, partnership_ids)))
    previous = previous_year_id(year)
    db.session.execute(_insert_area_scores(year.id, partnership_ids))
    db.session.execute(_insert_ratings(year.id, previous, partnership_ids))
    db.session.execute(_insert_training(year.id, partnership_ids))
    figures_compliance.write_groups(year, partnership_ids)
    for table in GROUP_TABLES:
        _add_to_council(table, year.id, before[table], _sums(table, year.id, partnership_ids))


def _keys(table) -> list:
    return [c for c in table.__table__.primary_key.columns if c.name != "partnership_id"]


def _counts(table) -> list:
    return [c for c in table.__table__.columns if not c.primary_key]


Sums = dict[tuple, tuple[int, ...]]


def _sums(table, year_id: int, partnership_ids: Ids) -> Sums:
    """The partnerships' rows summed over them: what they add to the council's figures."""
    keys = _keys(table)
    query = (
        select(*keys, *(func.sum(c) for c in _counts(table)))
        .where(*_group_rows(table, year_id, partnership_ids))
        .group_by(*keys)
    )
    width = len(keys)
    return {tuple(row[:width]): tuple(row[width:]) for row in db.session.execute(query)}


def _add_to_council(table, year_id: int, before: Sums, after: Sums) -> None:
    """The council's rows moved by the difference, each in one atomic increment (in key order,
    so concurrent refreshes lock council rows in the same order); rows left at zero go."""
    council = COUNCIL_TABLES[table]
    names = [c.name for c in _keys(table)]
    counts = [c.name for c in _counts(table)]
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, (0,) * len(counts)), after.get(key, (0,) * len(counts))
        change = [int(n) - int(o) for o, n in zip(old, new, strict=True)]
        if any(change):
            rows.append(dict(zip(names, key, strict=True)) | dict(zip(counts, change, strict=True)))
    if not rows:
        return
    statement = _upsert(council)
    increments = {name: getattr(council, name) + statement.excluded[name] for name in counts}
    index = [c.name for c in council.__table__.primary_key.columns]
    db.session.execute(statement.on_conflict_do_update(index_elements=index, set_=increments), rows)
    db.session.execute(
        delete(council).where(council.academic_year_id == year_id, council.schools == 0)
    )  # a council row counts schools; with none, its other counts are none too


def _group_rows(table, year_id: int, partnership_ids: Ids) -> list[ColumnElement]:
    found = [table.academic_year_id == year_id]
    if partnership_ids is not None:
        found.append(table.partnership_id.in_(partnership_ids))
    return found


def _lock_groups(year_id: int, partnership_ids: Ids) -> None:
    """One row per partnership and year: made if missing, then locked (PostgreSQL) until commit,
    so two transactions refreshing the same partnership take turns."""
    members = select(PartnershipMembership.partnership_id.distinct()).where(
        PartnershipMembership.academic_year_id == year_id
    )
    wanted = sorted(partnership_ids) if partnership_ids is not None else None
    if wanted is None:
        wanted = sorted(db.session.scalars(members))
    if not wanted:
        return
    # In id order, as the lock below: two refreshes inserting the same new rows in different
    # orders each waited for the other (PostgreSQL found the deadlock and failed one).
    existing = (
        select(literal(year_id), AreaInclusionPartnership.id)
        .where(AreaInclusionPartnership.id.in_(wanted))
        .order_by(AreaInclusionPartnership.id)
    )
    columns = ["academic_year_id", "partnership_id"]
    db.session.execute(
        _upsert(FiguresGroup).from_select(columns, existing).on_conflict_do_nothing()
    )
    locked = (
        select(FiguresGroup.partnership_id)
        .where(*_group_rows(FiguresGroup, year_id, wanted))
        .order_by(FiguresGroup.partnership_id)
        .with_for_update()
    )
    db.session.execute(locked).all()
    db.session.execute(
        update(FiguresGroup)
        .where(*_group_rows(FiguresGroup, year_id, wanted))
        .values(refreshed_at=utcnow())
    )


def _upsert(table):
    """INSERT ... ON CONFLICT, which SQLite and PostgreSQL spell alike."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table)


def _members(year_id: int, partnership_ids: Ids):
    """The open schools in the partnerships that year, with the partnership and phase."""
    query = (
        select(PartnershipMembership.school_id, PartnershipMembership.partnership_id, School.phase)
        .join(School, School.id == PartnershipMembership.school_id)
        .where(PartnershipMembership.academic_year_id == year_id, School.is_open)
    )
    if partnership_ids is not None:
        query = query.where(PartnershipMembership.partnership_id.in_(partnership_ids))
    return query.subquery("members")


def _insert_area_scores(year_id: int, partnership_ids: Ids):
    m = _members(year_id, partnership_ids)
    rows = (
        select(
            literal(year_id),
            m.c.partnership_id,
            m.c.phase,
            SnapshotAreaScore.area_code,
            SnapshotAreaScore.score,
            func.count(),
        )
        .select_from(m)
        .join(Audit, and_(Audit.school_id == m.c.school_id, Audit.academic_year_id == year_id))
        .join(SnapshotAreaScore, SnapshotAreaScore.snapshot_id == Audit.latest_snapshot_id)
        .where(SnapshotAreaScore.score.is_not(None))
        .group_by(
            m.c.partnership_id, m.c.phase, SnapshotAreaScore.area_code, SnapshotAreaScore.score
        )
    )
    columns = ["academic_year_id", "partnership_id", "phase", "area_code", "score", "schools"]
    return insert(FiguresAreaScore).from_select(columns, rows)


def _insert_ratings(year_id: int, previous_id: int | None, partnership_ids: Ids):
    m = _members(year_id, partnership_ids)
    audit_years = [year_id] if previous_id is None else [year_id, previous_id]
    rows = (
        select(
            literal(year_id),
            m.c.partnership_id,
            m.c.phase,
            Audit.academic_year_id,
            SnapshotRating.standard_id,
            SnapshotRating.rating,
            func.count(),
        )
        .select_from(m)
        .join(
            Audit,
            and_(Audit.school_id == m.c.school_id, Audit.academic_year_id.in_(audit_years)),
        )
        .join(SnapshotRating, SnapshotRating.snapshot_id == Audit.latest_snapshot_id)
        .where(SnapshotRating.rating.is_not(None))
        .group_by(
            m.c.partnership_id,
            m.c.phase,
            Audit.academic_year_id,
            SnapshotRating.standard_id,
            SnapshotRating.rating,
        )
    )
    columns = ["academic_year_id", "partnership_id", "phase", "audit_year_id", "standard_id"]
    return insert(FiguresRating).from_select([*columns, "rating", "schools"], rows)


def _insert_training(year_id: int, partnership_ids: Ids):
    m = _members(year_id, partnership_ids)
    rows = (
        select(
            literal(year_id),
            m.c.partnership_id,
            m.c.phase,
            TrainingNeed.topic_code,
            func.count(distinct(m.c.school_id)),
            _ones(TrainingNeed.source == "requested"),
            _ones(TrainingNeed.source == "derived"),
        )
        .select_from(m)
        .join(Audit, and_(Audit.school_id == m.c.school_id, Audit.academic_year_id == year_id))
        .join(TrainingNeed, TrainingNeed.audit_id == Audit.id)
        .group_by(m.c.partnership_id, m.c.phase, TrainingNeed.topic_code)
    )
    columns = ["academic_year_id", "partnership_id", "phase", "topic_code", "schools"]
    return insert(FiguresTraining).from_select([*columns, "requested", "derived"], rows)


def previous_year_id(year: AcademicYear) -> int | None:
    query = (
        select(AcademicYear.id)
        .where(AcademicYear.start_date < year.start_date)
        .order_by(AcademicYear.start_date.desc())
        .limit(1)
    )
    return db.session.scalar(query)


# Everything


def rebuild() -> dict[str, int]:
    """Every maintained figure written afresh from the sources; rows written, by table."""
    for table in (FiguresGroup, *GROUP_TABLES, *COUNCIL_TABLES.values()):
        db.session.execute(delete(table))
    refresh_schools(None, None)
    for year in _years(None):
        refresh_groups(year, None)
    return row_counts()


def row_counts() -> dict[str, int]:
    tables: Iterable = (
        *SCHOOL_TABLES,
        FiguresSchoolTrend,
        FiguresGroup,
        *GROUP_TABLES,
        *COUNCIL_TABLES.values(),
    )
    return {
        table.__tablename__: db.session.scalar(select(func.count()).select_from(table))
        for table in tables
    }
