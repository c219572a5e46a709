"""Keeping the maintained figures true in the transaction that changes their sources.

Session events note what a flush changed: an audit's status or latest snapshot, its training
needs, a suspension or exclusion, a partnership membership, a school's phase or open state, or
a bulk update of schools (the GIAS import). Just before the commit, the figures of the schools
and partnerships touched are written again from the sources (figures_store), so a dashboard
never reads figures older than the data, and a rollback takes both back together. What a
rolled-back transaction noted is kept and refreshed at the next commit: refreshing figures that
did not change is harmless, and a rollback to a savepoint keeps what was flushed before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from flask_sqlalchemy.session import Session as AppSession
from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session

from inclusion.area_partnerships import figures_store
from inclusion.audit.models import Audit, TrainingNeed
from inclusion.extensions import db
from inclusion.graduated_response.models import ExclusionIncident
from inclusion.schools.models import AcademicYear, PartnershipMembership, School
from inclusion.send_report.models import Checklist, ChecklistAnswer, ChecklistItem

KEY = "figures_changes"
DEFERRED = "figures_deferred"
WATCHED = (
    Audit,
    TrainingNeed,
    ExclusionIncident,
    PartnershipMembership,
    Checklist,
    ChecklistAnswer,
    ChecklistItem,
)
REBUILD_OVER = 500  # schools touched at once: a full rebuild is quicker than group by group


@dataclass
class Changes:
    """What the transaction changed, gathered over its flushes."""

    audits: set[tuple[int, int]] = field(default_factory=set)  # school, year
    audit_ids: set[int] = field(default_factory=set)  # audits whose training needs changed
    checklists: set[tuple[int, int]] = field(default_factory=set)  # school, year
    checklist_ids: set[int] = field(default_factory=set)  # checklists whose answers changed
    incidents: set[tuple[int, date]] = field(default_factory=set)  # school, start date
    groups: set[tuple[int, int]] = field(default_factory=set)  # year, partnership
    placed: set[int] = field(default_factory=set)  # schools: every year's membership
    everything: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.audits
            or self.audit_ids
            or self.checklists
            or self.checklist_ids
            or self.incidents
            or self.groups
            or self.placed
            or self.everything
        )


def changes_of(session: Session) -> Changes:
    return session.info.setdefault(KEY, Changes())


def install() -> None:
    """Listen on every session the app makes (Flask-SQLAlchemy's session class)."""
    session_class = AppSession
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "before_flush", _before_flush)
        event.listen(session_class, "after_flush", _after_flush)
        event.listen(session_class, "before_commit", _before_commit)
        event.listen(session_class, "do_orm_execute", _bulk_statement)


def _before_flush(session: Session, _context, _instances) -> None:
    """A school deleted takes its memberships with it: note its partnerships while they show."""
    gone = [s.id for s in session.deleted if isinstance(s, School) and s.id is not None]
    if gone:
        query = select(
            PartnershipMembership.academic_year_id, PartnershipMembership.partnership_id
        ).where(PartnershipMembership.school_id.in_(gone))
        changes_of(session).groups.update(tuple(row) for row in session.execute(query))


def _after_flush(session: Session, _context) -> None:
    changes = changes_of(session)
    for instance in (*session.new, *session.dirty, *session.deleted):
        note(changes, instance, deleted=instance in session.deleted)


def note(changes: Changes, instance: object, deleted: bool = False) -> None:
    if isinstance(instance, Audit) and _changed(instance, "status", "latest_snapshot_id"):
        changes.audits.add((instance.school_id, instance.academic_year_id))
    elif isinstance(instance, TrainingNeed):
        changes.audit_ids.add(instance.audit_id)
    elif isinstance(instance, ChecklistAnswer | Checklist | ChecklistItem):
        _note_checklist(changes, instance)
    elif isinstance(instance, ExclusionIncident):
        for start in _values(instance, "start_date"):
            changes.incidents.add((instance.school_id, start))
    elif isinstance(instance, PartnershipMembership):
        _note_membership(changes, instance)
    elif isinstance(instance, School) and (deleted or _changed(instance, "phase", "is_open")):
        changes.placed.add(instance.id)


def _note_checklist(changes: Changes, instance: object) -> None:
    if isinstance(instance, ChecklistAnswer):
        changes.checklist_ids.add(instance.checklist_id)
    elif isinstance(instance, Checklist):
        changes.checklists.add((instance.school_id, instance.academic_year_id))
    else:  # an item: which items count, for every school
        changes.everything = True


def _note_membership(changes: Changes, membership: PartnershipMembership) -> None:
    for year_id in _values(membership, "academic_year_id"):
        for partnership_id in _values(membership, "partnership_id"):
            changes.groups.add((year_id, partnership_id))


def _changed(instance: object, *names: str) -> bool:
    state = inspect(instance)
    if state.pending or state.deleted or state.was_deleted:
        return True
    return any(state.attrs[name].history.has_changes() for name in names)


def _values(instance: object, name: str) -> set:
    """The attribute's value now and, if it changed in this flush, before."""
    history = inspect(instance).attrs[name].history
    found = {*history.added, *history.unchanged, *history.deleted}
    return {value for value in found if value is not None}


def _bulk_statement(state) -> None:
    """ORM bulk writes skip the flush: a bulk update of schools marks the schools it names."""
    if not (state.is_update or state.is_insert or state.is_delete):
        return
    entity = state.bind_arguments.get("mapper")
    mapper = entity.class_ if entity is not None else None
    if mapper is School and state.is_update:
        rows = state.parameters if isinstance(state.parameters, list) else None
        ids = [row.get("id") for row in rows or []]
        changes = changes_of(state.session)
        if rows and all(ids):
            changes.placed.update(ids)
        else:
            changes.everything = True
    elif mapper in WATCHED and not (state.is_update and _sets_only_unread(mapper, state)):
        changes_of(state.session).everything = True


# Columns no figure reads: a bulk update that sets only these leaves every figure as it was.
# Saving an answer sets its audit's `updated_at` (answers.claim_open, the audit row's lock);
# taking that for a change of everything rebuilt every figure on every autosave.
UNREAD_COLUMNS = {Audit: {"updated_at"}}


def _sets_only_unread(mapper: type, state) -> bool:
    values = getattr(state.statement, "_values", None) or {}  # the UPDATE's SET clause
    names = {getattr(column, "key", column) for column in values}
    return bool(names) and names <= UNREAD_COLUMNS.get(mapper, set())


def _before_commit(session: Session) -> None:
    if not session.info.get(DEFERRED):
        settle(session)


@contextmanager
def deferred() -> Iterator[None]:
    """Many commits in a row (the demo's hundreds of audits): keep the figures for the end and
    rebuild them once, instead of refreshing a partnership's figures at every commit. Figures
    read inside the block are stale; nothing that reads them may run in it."""
    session = db.session()
    session.info[DEFERRED] = True
    try:
        yield
    finally:
        session.info.pop(DEFERRED, None)
    session.info.pop(KEY, None)
    figures_store.rebuild()
    db.session.commit()


def settle(session: Session | None = None) -> None:
    """Flush, then bring the figures up to date with what this transaction has changed so far:
    before its commit, and before it reads figures (so it reads its own changes)."""
    session = session or db.session()
    session.flush()
    changes = session.info.pop(KEY, None)
    if changes:
        apply(changes)


def apply(changes: Changes) -> None:
    """Write again the figures the changes touch (all of them past REBUILD_OVER schools)."""
    schools = {s for s, _ in changes.audits} | {s for s, _ in changes.incidents} | changes.placed
    if changes.everything or len(schools) > REBUILD_OVER:
        figures_store.rebuild()
        return
    years = {
        y.id: y for y in db.session.scalars(select(AcademicYear).order_by(AcademicYear.start_date))
    }
    _refresh_records(changes, list(years.values()))
    groups = changes.groups | _audit_groups(changes, list(years.values())) | _placed(changes)
    groups |= _checklist_groups(changes)
    for year_id in sorted({year for year, _ in groups} & set(years)):
        partnerships = sorted(p for y, p in groups if y == year_id)
        figures_store.refresh_groups(years[year_id], partnerships)


def _refresh_records(changes: Changes, years: list[AcademicYear]) -> None:
    for school_id in sorted({s for s, _ in changes.incidents}):
        starts = {d for s, d in changes.incidents if s == school_id}
        touched = [y.id for y in years if any(y.start_date <= d <= y.end_date for d in starts)]
        figures_store.refresh_schools([school_id], touched)


def _audit_groups(changes: Changes, years: list[AcademicYear]) -> set[tuple[int, int]]:
    """An audit counts in its year's figures, and as last year's ratings in the next year's."""
    audits = set(changes.audits)
    if changes.audit_ids:
        query = select(Audit.school_id, Audit.academic_year_id).where(
            Audit.id.in_(changes.audit_ids)
        )
        audits |= {tuple(row) for row in db.session.execute(query)}
    ordered = [y.id for y in years]
    wanted = set()
    for school_id, year_id in audits:
        wanted.add((school_id, year_id))
        later = ordered.index(year_id) + 1 if year_id in ordered else len(ordered)
        if later < len(ordered):
            wanted.add((school_id, ordered[later]))
    return _memberships(wanted)


def _checklist_groups(changes: Changes) -> set[tuple[int, int]]:
    """A website checklist counts in its own year's figures."""
    found = set(changes.checklists)
    if changes.checklist_ids:
        query = select(Checklist.school_id, Checklist.academic_year_id).where(
            Checklist.id.in_(changes.checklist_ids)
        )
        found |= {tuple(row) for row in db.session.execute(query)}
    return _memberships(found)


def _memberships(school_years: set[tuple[int, int]]) -> set[tuple[int, int]]:
    if not school_years:
        return set()
    pairs = [
        (PartnershipMembership.school_id == s) & (PartnershipMembership.academic_year_id == y)
        for s, y in school_years
    ]
    query = select(PartnershipMembership.academic_year_id, PartnershipMembership.partnership_id)
    return {tuple(row) for row in db.session.execute(query.where(or_(*pairs)))}


def _placed(changes: Changes) -> set[tuple[int, int]]:
    if not changes.placed:
        return set()
    query = select(
        PartnershipMembership.academic_year_id, PartnershipMembership.partnership_id
    ).where(PartnershipMembership.school_id.in_(changes.placed))
    return {tuple(row) for row in db.session.execute(query)}
