"""Demo part-time timetables, suspensions and provision offers for the first demo schools.

Deterministic and idempotent: a school that already keeps records is skipped."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from inclusion.auth.models import User
from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.graduated_response import council_notices, incidents, records
from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.graduated_response.terms import half_terms_ended
from inclusion.schools.models import School

REASONS = ("medical", "sen_gradual", "semh_pastoral", "reintegration")
SEN = ("none", "none", "sen_support", "sen_support", "ehc_plan")
PRIMARY_YEARS = ("R", "1", "2", "3", "4", "5", "6")
SECONDARY_YEARS = ("7", "8", "9", "10", "11")
# Roughly DfE's national shares of reasons for suspensions (persistent disruptive behaviour is
# by far the most common), and of suspensions per 100 pupils a year by phase.
REASON_WEIGHTS = {
    "DB": 45, "VA": 12, "PA": 10, "PP": 8, "VP": 8, "DA": 4, "OW": 3, "DM": 3, "BU": 2,
    "RA": 1, "SM": 1, "MT": 1, "TH": 1, "LG": 1,
}  # fmt: skip
SUSPENSIONS_PER_100 = {"secondary": 18, "pru-ap": 40, "primary": 2.5}
MOST_INCIDENTS = 40


def seed_demo_records(schools: list[School], user: User, today: date) -> int:
    added = 0
    for index, school in enumerate(schools):
        if _keeps_records(school):
            continue
        rng = random.Random(f"records-{school.urn}")
        years = SECONDARY_YEARS if school.phase in ("secondary", "pru-ap") else PRIMARY_YEARS
        for n in range(rng.randint(1, 3)):
            added += _add(
                records.create_timetable, school, _timetable(rng, n, years, school, today), user
            )
        for given in _incidents(rng, school, years, today, near_limits=index == 0):
            added += _add(incidents.create_exclusion, school, given, user)
        if index % 3:  # a third of the schools have not sent their returns
            _send_returns(school, user, today)
    return added


def _send_returns(school: School, user: User, today: date) -> None:
    for half_term in half_terms_ended(today):
        council_notices.submit_return(school, half_term, user)


def _add(create, school: School, given, user: User) -> int:
    """Save a record and tell the council of most; skip what the rules refuse (a real check)."""
    try:
        record = create(school, given, user)
    except DomainError:
        return 0
    record_type = "timetable" if isinstance(record, PartTimeTimetable) else "exclusion"
    if record.id % 5:
        council_notices.notify_council(record, record_type, "new", "", user)
    return 1


def _keeps_records(school: School) -> bool:
    count = db.session.scalar(
        select(func.count(PartTimeTimetable.id)).where(PartTimeTimetable.school_id == school.id)
    ) + db.session.scalar(
        select(func.count(ExclusionIncident.id)).where(ExclusionIncident.school_id == school.id)
    )
    return count > 0


def _timetable(
    rng: random.Random, n: int, years: tuple[str, ...], school: School, today: date
) -> records.TimetableInput:
    year_group = rng.choice(years)
    start = _school_day(today - timedelta(days=rng.randint(3, 70)))
    hours = school.weekly_hours - Decimal(rng.choice(("6.5", "10", "12.5", "16")))
    looked_after = rng.random() < 0.15
    return records.TimetableInput(
        pupil_ref=f"PTT-{n + 1:03d}",
        year_group=year_group,
        sen_status=rng.choice(SEN),
        reason=rng.choice(REASONS),
        start_date=start,
        planned_end_date=start + timedelta(weeks=rng.choice((4, 6, 8, 14))),
        hours_per_week=hours,
        looked_after=looked_after,
        virtual_school_involved=looked_after and rng.random() < 0.7,
        parental_agreement_date=start if rng.random() < 0.9 else None,
        linked_plan=rng.choice(("none", "psp", "psp", "early_help", "ehcp_review")),
    )


def _incidents(
    rng: random.Random, school: School, years: tuple[str, ...], today: date, near_limits: bool
) -> list[incidents.ExclusionInput]:
    rate = SUSPENSIONS_PER_100.get(school.phase, 2.5)
    expected = (school.pupils_on_roll or 100) * rate / 100 * _share_of_year_gone(today)
    count = min(MOST_INCIDENTS, round(rng.uniform(0.5, 1.5) * expected))
    pupils = [f"EX-{n:03d}" for n in range(1, max(2, count // 2) + 1)]
    found = [_incident(rng, rng.choice(pupils), years, today) for _ in range(count)]
    if near_limits:
        found += _near_thresholds(years, today)
    return found


def _incident(rng: random.Random, pupil: str, years, today: date) -> incidents.ExclusionInput:
    primary = years == PRIMARY_YEARS
    kind = rng.choices(("suspension", "lunchtime", "permanent"), (90, 8 if primary else 3, 1))[0]
    start_of_year = date(today.year if today.month >= 8 else today.year - 1, 9, 3)
    return incidents.ExclusionInput(
        pupil_ref=pupil,
        year_group=rng.choice(years),
        sen_status=rng.choice(SEN),
        kind=kind,
        start_date=_school_day(
            start_of_year + timedelta(days=rng.randint(0, (today - start_of_year).days))
        ),
        sessions=rng.choice((1, 2, 2, 2, 4, 6, 10)),
        reasons=_reasons(rng),
        permanent_outcome="upheld" if kind == "permanent" else "",
    )


def _reasons(rng: random.Random) -> list[str]:
    codes, weights = list(REASON_WEIGHTS), list(REASON_WEIGHTS.values())
    first = rng.choices(codes, weights)[0]
    second = rng.choices(codes, weights)[0]
    return [first] if second == first or rng.random() < 0.7 else [first, second]


def _near_thresholds(years, today: date) -> list[incidents.ExclusionInput]:
    """One pupil past 15 days in the autumn term and one near the 45-day limit for the year."""
    autumn = date(today.year if today.month >= 8 else today.year - 1, 9, 15)
    made = []
    for pupil, blocks in (("EX-090", (10, 12, 10)), ("EX-091", (20, 20, 20, 16))):
        for step, sessions in enumerate(blocks):
            made.append(
                incidents.ExclusionInput(
                    pupil_ref=pupil,
                    year_group=years[-1],
                    sen_status="sen_support",
                    kind="suspension",
                    start_date=_school_day(autumn + timedelta(weeks=3 * step)),
                    sessions=sessions,
                    reasons=["DB"],
                )
            )
    return made


def _share_of_year_gone(today: date) -> float:
    start = date(today.year if today.month >= 8 else today.year - 1, 9, 1)
    return min(1.0, max(0.1, (today - start).days / 300))


def _school_day(day: date) -> date:
    """Move a weekend day to the Monday after."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


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
