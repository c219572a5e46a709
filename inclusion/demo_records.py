"""Demo part-time timetables, suspensions and provision offers for the first demo schools.

Deterministic and idempotent: a school that already keeps records is skipped."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.graduated_response import records
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.graduated_response.rules import full_time_hours
from inclusion.graduated_response.vocab import EXCLUSION_REASONS
from inclusion.schools.models import School

REASONS = ("medical", "sen_gradual", "semh_pastoral", "reintegration")
SEN = ("none", "sen_support", "sen_support", "ehc_plan")
PRIMARY_YEARS = ("R", "1", "2", "3", "4", "5", "6")
SECONDARY_YEARS = ("7", "8", "9", "10", "11")


def seed_demo_records(schools: list[School], user: User, today: date) -> int:
    added = 0
    for school in schools:
        if _keeps_records(school):
            continue
        rng = random.Random(f"records-{school.urn}")
        years = SECONDARY_YEARS if school.phase in ("secondary", "pru-ap") else PRIMARY_YEARS
        for n in range(rng.randint(1, 4)):
            records.create_timetable(school, _timetable(rng, n, years, today), user)
            added += 1
        for n in range(rng.randint(2, 9)):
            records.create_exclusion(school, _exclusion(rng, n, years, today), user)
            added += 1
    return added


def _keeps_records(school: School) -> bool:
    count = db.session.scalar(
        select(func.count(PartTimeTimetable.id)).where(PartTimeTimetable.school_id == school.id)
    ) + db.session.scalar(
        select(func.count(ExclusionIncident.id)).where(ExclusionIncident.school_id == school.id)
    )
    return count > 0


def _timetable(
    rng: random.Random, n: int, years: tuple[str, ...], today: date
) -> records.TimetableInput:
    year_group = rng.choice(years)
    start = today - timedelta(days=rng.randint(3, 70))
    hours = full_time_hours(year_group) - Decimal(rng.choice(("3", "6", "9.5", "12")))
    return records.TimetableInput(
        pupil_ref=f"PTT-{n + 1:03d}",
        year_group=year_group,
        sen_status=rng.choice(SEN),
        reason=rng.choice(REASONS),
        start_date=start,
        planned_end_date=start + timedelta(weeks=rng.choice((4, 6, 8, 14))),
        hours_per_week=hours,
        looked_after=rng.random() < 0.15,
        parental_agreement_date=start,
        council_notified_date=start + timedelta(days=rng.randint(1, 10))
        if rng.random() < 0.7
        else None,
        linked_plan=rng.choice(("none", "psp", "early_help", "ehcp_review")),
    )


def _exclusion(
    rng: random.Random, n: int, years: tuple[str, ...], today: date
) -> records.ExclusionInput:
    return records.ExclusionInput(
        pupil_ref=f"EX-{rng.randint(1, 6):03d}",
        year_group=rng.choice(years),
        sen_status=rng.choice(SEN),
        kind="permanent" if rng.random() < 0.04 else "suspension",
        start_date=today - timedelta(days=rng.randint(1, 300)),
        sessions=rng.choice((1, 2, 2, 4, 6, 10)),
        reasons=rng.sample(sorted(EXCLUSION_REASONS), k=rng.randint(1, 2)),
        council_notified=rng.random() < 0.8,
    )


def seed_demo_checklists(schools: list[School], user: User, year) -> int:
    """Checklists in several states: complete, mostly met, half done, not started."""
    from inclusion.send_report import checklists

    if checklists.version_for(year) is None:
        return 0
    added = 0
    for index, school in enumerate(schools):
        share = (1.0, 0.85, 0.5, 0.0)[index % 4]
        if share == 0 or checklists.checklist_for(school, year) is not None:
            continue
        checklist = checklists.open_checklist(school, year)
        rng = random.Random(f"checklist-{school.urn}")
        compliance = checklists.compliance_of(checklist)
        items = [item for item in compliance.items if compliance.binds(item)]
        for item in items[: round(len(items) * share)]:
            status = "met" if rng.random() < 0.85 else rng.choice(("partly_met", "not_met"))
            checklists.save_answer(checklist, item, checklists.ItemAnswer(status), None, user)
        added += 1
    return added
