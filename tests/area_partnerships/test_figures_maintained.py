"""The maintained dashboard figures equal a from-scratch recomputation after any sequence of
audit submissions, training needs, suspensions recorded, changed or deleted, partnership moves
and leavings, and schools closed or changing phase (each committed as the app commits)."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import delete, select, update

from inclusion.area_partnerships import figures_maintain, figures_store
from inclusion.area_partnerships.figures_models import COUNCIL_TABLES, GROUP_TABLES, SCHOOL_TABLES
from inclusion.area_partnerships.figures_models import FiguresSchoolTrend as Trend
from inclusion.audit.models import (
    Audit,
    FrameworkArea,
    ScoreSnapshot,
    SnapshotAreaScore,
    SnapshotRating,
    Standard,
    TrainingNeed,
)
from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.graduated_response import incidents, records
from inclusion.schools.models import AcademicYear, PartnershipMembership, School
from inclusion.schools.services import move_school
from inclusion.send_report.checklists import version_for
from inclusion.send_report.models import Checklist, ChecklistAnswer
from tests.access import build_world
from tests.graduated_response.factories import exclusion_input
from tests.schools.factories import AcademicYearFactory, MembershipFactory, PartnershipFactory

COMPARED = (*SCHOOL_TABLES, Trend, *GROUP_TABLES, *COUNCIL_TABLES.values())
STEPS = 30


def contents() -> dict[str, list[tuple]]:
    """Every maintained row, in a fixed order."""
    found = {}
    for table in COMPARED:
        columns = list(table.__table__.columns)
        rows = db.session.execute(select(*columns).order_by(*columns)).all()
        found[table.__tablename__] = [tuple(row) for row in rows]
    return found


def recomputed() -> dict[str, list[tuple]]:
    """What a rebuild from the sources writes (then put back as it was: the same, if right)."""
    with db.session.begin_nested() as nested:
        figures_store.rebuild()
        found = contents()
        nested.rollback()
    return found


class Story:
    """A small council over two years, changed one committed step at a time."""

    def __init__(self, app, rng: random.Random) -> None:
        self.app, self.rng = app, rng
        world = build_world()
        self.senco = world.people["senco_a"]
        self.framework = world.audit.framework
        this_year = world.audit.academic_year
        last_year = AcademicYearFactory(
            label="2025/26",
            start_date=date(2025, 9, 1),
            end_date=date(2026, 8, 31),
            is_current=False,
        )
        self.years = [last_year, this_year]
        self.partnerships = [world.partnership_a, world.partnership_b, PartnershipFactory()]
        self.schools = [world.school_a, world.school_b]
        for _ in range(4):
            member = MembershipFactory(
                academic_year=this_year, partnership=rng.choice(self.partnerships)
            )
            self.schools.append(member.school)
        for school in self.schools:
            MembershipFactory(
                academic_year=last_year, school=school, partnership=rng.choice(self.partnerships)
            )
        self.areas = [a.code for a in db.session.scalars(select(FrameworkArea))]
        self.standards = list(db.session.scalars(select(Standard.id)))
        db.session.commit()

    def step(self) -> str:
        action = self.rng.choice(
            [self.submit] * 3
            + [self.need] * 2
            + [self.record] * 3
            + [self.move] * 2
            + [self.unrecord, self.leave, self.close_or_rephase]
            + [self.website] * 2
            + [self.abandon]
        )
        action()
        return action.__name__

    def submit(self) -> None:
        school, year = self.rng.choice(self.schools), self.rng.choice(self.years)
        audit = self._audit(school, year)
        snapshot = ScoreSnapshot(
            audit_id=audit.id,
            stage="submitted",
            framework_id=self.framework.id,
            framework_version=self.framework.version,
            results={},
        )
        for position, code in enumerate(self.areas):
            score = self.rng.choice([None, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
            snapshot.area_scores.append(
                SnapshotAreaScore(area_code=code, title=code, position=position, score=score)
            )
        db.session.add(snapshot)
        db.session.flush()
        for standard_id in self.rng.sample(self.standards, min(4, len(self.standards))):
            rating = self.rng.choice([None, 0, 1, 2, 3])
            db.session.add(
                SnapshotRating(snapshot_id=snapshot.id, standard_id=standard_id, rating=rating)
            )
        audit.latest_snapshot_id = snapshot.id
        audit.status = self.rng.choice(["submitted", "signed_off", "in_progress"])
        db.session.commit()

    def _audit(self, school: School, year: AcademicYear) -> Audit:
        audit = db.session.scalar(
            select(Audit).where(Audit.school_id == school.id, Audit.academic_year_id == year.id)
        )
        if audit is None:
            audit = Audit(school_id=school.id, academic_year=year, framework=self.framework)
            db.session.add(audit)
            db.session.flush()
        return audit

    def need(self) -> None:
        audit = self._audit(self.rng.choice(self.schools), self.rng.choice(self.years))
        topic, source = (
            self.rng.choice(["t1", "t2", "t3"]),
            self.rng.choice(["derived", "requested"]),
        )
        existing = db.session.scalar(
            select(TrainingNeed).where(
                TrainingNeed.audit_id == audit.id,
                TrainingNeed.topic_code == topic,
                TrainingNeed.source == source,
            )
        )
        if existing is None:
            db.session.add(TrainingNeed(audit_id=audit.id, topic_code=topic, source=source))
        else:
            db.session.delete(existing)
        db.session.commit()

    def record(self) -> None:
        school = self.rng.choice(self.schools)
        given = exclusion_input(
            pupil_ref=f"EX-{self.rng.randrange(5):03d}",
            start_date=self.rng.choice(
                [date(2025, 10, 6), date(2026, 3, 2), date(2026, 8, 10), date(2026, 10, 5)]
            ),
            sen_status=self.rng.choice(["none", "sen_support", "ehc_plan"]),
            sessions=2,
        )
        with self.app.test_request_context():
            try:
                incidents.create_exclusion(school, given, self.senco)
            except DomainError:  # a duplicate or past the limit: refused, nothing written
                db.session.rollback()

    def unrecord(self) -> None:
        from inclusion.graduated_response.models import ExclusionIncident

        live = list(
            db.session.scalars(
                select(ExclusionIncident).where(ExclusionIncident.deleted_at.is_(None))
            )
        )
        if live:
            with self.app.test_request_context():
                records.soft_delete(self.rng.choice(live), "exclusion", "Entered twice", self.senco)
            db.session.commit()

    def move(self) -> None:
        school, year = self.rng.choice(self.schools), self.rng.choice(self.years)
        move_school(school, self.rng.choice(self.partnerships), year)

    def leave(self) -> None:
        school, year = self.rng.choice(self.schools), self.rng.choice(self.years)
        membership = db.session.scalar(
            select(PartnershipMembership).where(
                PartnershipMembership.school_id == school.id,
                PartnershipMembership.academic_year_id == year.id,
            )
        )
        if membership is not None:
            db.session.delete(membership)
        db.session.commit()

    def website(self) -> None:
        """A school's website checklist answer set (checklist started if need be)."""
        school, year = self.rng.choice(self.schools), self.years[1]
        checklist = db.session.scalar(
            select(Checklist).where(
                Checklist.school_id == school.id, Checklist.academic_year_id == year.id
            )
        )
        if checklist is None:
            checklist = Checklist(school_id=school.id, academic_year_id=year.id)
            checklist.version_id = version_for(year).id
            db.session.add(checklist)
            db.session.flush()
        item = self.rng.choice(version_for(year).items)
        answer = db.session.scalar(
            select(ChecklistAnswer).where(
                ChecklistAnswer.checklist_id == checklist.id, ChecklistAnswer.item_id == item.id
            )
        )
        if answer is None:
            answer = ChecklistAnswer(checklist_id=checklist.id, item_id=item.id)
            db.session.add(answer)
        answer.status = self.rng.choice(["met", "met", "partly_met", "not_met", "not_applicable"])
        db.session.commit()

    def abandon(self) -> None:
        """Changes flushed, then rolled back: a school moved to a new partnership, rephased."""
        school, year = self.rng.choice(self.schools), self.rng.choice(self.years)
        membership = db.session.scalar(
            select(PartnershipMembership).where(
                PartnershipMembership.school_id == school.id,
                PartnershipMembership.academic_year_id == year.id,
            )
        )
        if membership is not None:
            membership.partnership = PartnershipFactory()
        school.phase = "special"
        db.session.flush()
        db.session.rollback()

    def close_or_rephase(self) -> None:
        school = self.rng.choice(self.schools)
        if self.rng.random() < 0.5:
            school.is_open = not school.is_open
        else:
            school.phase = "secondary" if school.phase == "primary" else "primary"
        db.session.commit()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_maintained_figures_equal_a_recomputation_after_every_committed_change(app, session, seed):
    story = Story(app, random.Random(seed))
    for number in range(STEPS):
        done = story.step()
        assert contents() == recomputed(), f"step {number + 1}: {done}"


def test_the_figures_have_something_to_compare(app, session):
    """The story does reach every table (else the equality above proves little)."""
    story = Story(app, random.Random(7))
    for _ in range(STEPS):
        story.step()
    assert all(contents().values())


def test_a_rebuild_puts_right_figures_written_by_hand(app, session):
    Story(app, random.Random(5)).submit()
    right = contents()
    db.session.execute(delete(GROUP_TABLES[0]))
    figures_store.rebuild()
    assert contents() == right


def test_a_bulk_update_of_schools_as_the_gias_import_makes_keeps_the_figures_true(app, session):
    story = Story(app, random.Random(3))
    for _ in range(10):
        story.step()
    changed = [{"id": school.id, "phase": "secondary", "is_open": n % 2 == 0}
               for n, school in enumerate(story.schools)]  # fmt: skip
    db.session.execute(update(School), changed)
    db.session.commit()
    assert contents() == recomputed()


def test_figures_deferred_over_many_commits_are_rebuilt_true_at_the_end(app, session):
    story = Story(app, random.Random(11))
    story.submit()
    before = contents()
    with figures_maintain.deferred():
        for _ in range(10):
            story.step()
        held_back = contents()
    assert held_back == before  # nothing refreshed commit by commit inside the block
    assert contents() == recomputed()
