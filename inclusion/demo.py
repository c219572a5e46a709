"""Demo audits: last year's and this year's, in every lifecycle state, so results, trends and
comparisons show something real. Deterministic; schools that already have an audit are skipped."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from inclusion.audit import lifecycle
from inclusion.audit.answers import audit_for, framework_for
from inclusion.audit.models import Answer, AnswerChange, Audit, AuditEvent, Standard
from inclusion.audit.plan import request_training
from inclusion.auth.models import User
from inclusion.demo_records import seed_demo_checklists, seed_demo_records
from inclusion.demo_sen_support import seed_demo_sen_support
from inclusion.extensions import db
from inclusion.round.window import WindowDates, set_window
from inclusion.schools.models import AcademicYear, PartnershipMembership, School
from inclusion.schools.settings import binds_school
from inclusion.uk_time import uk_today

DEMO_SCHOOLS = 48
DEMO_RECORD_SCHOOLS = 16
THIS_YEAR_STATES = ("reviewed", "signed_off", "submitted", "in_progress", "not_started")


@dataclass(frozen=True)
class DemoCast:
    senco: User
    head: User
    adviser: User


def seed_demo_audits(cast: DemoCast) -> int:
    years = db.session.scalars(select(AcademicYear).order_by(AcademicYear.start_date)).all()
    current = next(y for y in years if y.is_current)
    previous = next((y for y in reversed(years) if y.start_date < current.start_date), None)
    set_demo_window(current, uk_today())
    added = 0
    schools = _demo_schools(current)
    seed_demo_records(schools[:DEMO_RECORD_SCHOOLS], cast.senco, date.today())
    seed_demo_sen_support(schools[:4], cast.senco, date.today())
    seed_demo_checklists(schools, cast.head, current)
    if previous is not None:
        seed_demo_checklists(schools[::2], cast.head, previous)
    for index, school in enumerate(schools):
        seed = random.Random(int(school.urn))
        strength = seed.uniform(0.6, 2.6)
        if previous is not None and framework_for(previous):
            added += _audit(school, previous, cast, seed, strength, "reviewed")
        state = "in_progress" if index == 0 else THIS_YEAR_STATES[index % len(THIS_YEAR_STATES)]
        added += _audit(school, current, cast, seed, strength + 0.3, state)
    return added


def set_demo_window(year: AcademicYear, today: date) -> None:
    """Open the audit three weeks ago and make it due in a week, so that on the day the demo
    is seeded the 7-day reminder is due (`flask seed --demo` then runs send-due, and the
    outbox shows the reminders)."""
    set_window(
        year,
        WindowDates(
            audit_opens_on=today - timedelta(days=21),
            audit_due_on=today + timedelta(days=7),
            checklist_opens_on=today - timedelta(days=21),
            checklist_due_on=today + timedelta(days=35),
        ),
    )


def _demo_schools(year: AcademicYear) -> list[School]:
    """The demo SENCO's school first, then schools spread over the partnerships."""
    query = (
        select(School, PartnershipMembership.partnership_id)
        .join(PartnershipMembership)
        .where(PartnershipMembership.academic_year_id == year.id, School.is_open)
        .order_by(PartnershipMembership.partnership_id, School.urn)
    )
    per_partnership: dict[int, list[School]] = {}
    for school, partnership_id in db.session.execute(query):
        per_partnership.setdefault(partnership_id, []).append(school)
    ordered = [s for group in zip(*per_partnership.values(), strict=False) for s in group]
    first = min(ordered, key=lambda s: s.urn)
    others = [s for s in ordered if s is not first]
    return [first, *others[: DEMO_SCHOOLS - 1]]


def _audit(school, year, cast: DemoCast, seed, strength: float, state: str) -> int:
    framework = framework_for(year)
    if state == "not_started" or framework is None or audit_for(school, year) is not None:
        return 0
    audit = Audit(school=school, academic_year=year, framework=framework)
    db.session.add(audit)
    db.session.add(AuditEvent(audit=audit, event="started", actor_id=cast.senco.id))
    db.session.flush()
    standards = [
        s
        for s in db.session.scalars(select(Standard).where(Standard.framework_id == framework.id))
        if binds_school(s.applies_to, school)
    ]
    share = 0.6 if state == "in_progress" else 1.0
    for standard in standards[: int(len(standards) * share)]:
        _answer(audit, standard, _rating(seed, strength, standard), cast.senco)
    db.session.commit()
    _advance(audit, state, cast, seed)
    return 1


def _rating(seed: random.Random, strength: float, standard: Standard) -> int:
    rating = round(strength + seed.gauss(0, 0.7))
    floor = 1 if standard.statutory and seed.random() < 0.9 else 0
    return max(floor, min(3, rating))


def _answer(audit: Audit, standard: Standard, rating: int, user: User) -> None:
    evidence = f"Demo evidence for {standard.code}: observed in lessons and in the SEND register."
    db.session.add(
        Answer(
            audit_id=audit.id,
            standard_id=standard.id,
            rating=rating,
            evidence=evidence,
            updated_by_id=user.id,
        )
    )
    db.session.add(
        AnswerChange(
            audit_id=audit.id,
            standard_id=standard.id,
            field="rating",
            new_value=str(rating),
            changed_by_id=user.id,
        )
    )


def _advance(audit: Audit, state: str, cast: DemoCast, seed: random.Random) -> None:
    if state == "in_progress":
        return
    lifecycle.submit(audit, cast.senco)
    topics = sorted({t for s in audit.framework.areas[0].standards for t in s.training_topics})
    request_training(audit, seed.sample(topics, k=min(2, len(topics))))
    if state in ("signed_off", "reviewed"):
        lifecycle.sign_off(audit, cast.head)
    if state == "reviewed":
        lifecycle.mark_reviewed(audit, cast.adviser, "Discussed at the autumn partnership meeting.")
