"""Two years of factory data for the council's KPIs, and the same KPIs worked out in plain
Python from what was made (no query, nothing from the KPI modules), to check them against."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from inclusion.extensions import db
from tests.area_partnerships.kpi_factories import (
    AbsenceFigureFactory,
    AuditFactory,
    ChecklistAnswerFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ChecklistVersionFactory,
    ExclusionFactory,
    ExclusionFigureFactory,
    SenFigureFactory,
    TimetableFactory,
)
from tests.schools.factories import (
    AcademicYearFactory,
    MembershipFactory,
    PartnershipFactory,
    SchoolFactory,
)

# DfE years: 1 August to 31 July, spring term to Easter Sunday (2026: 5 April; 2027: 28 March).
YEARS = {
    "2025/26": (date(2025, 8, 1), date(2026, 4, 5), date(2026, 7, 31)),
    "2026/27": (date(2026, 8, 1), date(2027, 3, 28), date(2027, 7, 31)),
}
PHASES = ["primary", "secondary", "special", "16-plus", "primary", "pru-ap", "nursery", "middle"]
MAINSTREAM = {"primary", "secondary", "middle", "all-through"}
REPORT_SETTINGS = ["mainstream", "maintained-nursery", "special", "alternative-provision"]
KEY_ITEMS = {
    "R-01": REPORT_SETTINGS,
    "P-01": REPORT_SETTINGS,
    "D-04": None,
    "LO-01": REPORT_SETTINGS,
}
STATUSES = ["none", "sen_support", "ehc_plan"]
OUTCOMES = ["pending", "upheld", "reinstated", "panel_upheld", "reinstated_after_review"]
DELETED = datetime(2026, 1, 1, tzinfo=UTC)
TAKING_PART = {"submitted", "signed_off", "reviewed"}


@dataclass
class KpiWorld:
    years: dict  # label -> AcademicYear
    partnerships: list
    members: dict = field(default_factory=dict)  # (school, year label) -> partnership
    audits: dict = field(default_factory=dict)  # (school, year) -> status
    sen: dict = field(default_factory=dict)  # (school, year) -> (total, support, ehc) or None
    ehc: dict = field(default_factory=dict)  # (school, year) -> EHC plans, where DfE gave them
    absence: dict = field(default_factory=dict)  # (school, year) -> (enrolments, pa)
    official: dict = field(default_factory=dict)  # (school, year) -> (susp, perm, headcount)
    incidents: list = field(default_factory=list)
    timetables: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # (school, year) -> {code: status}


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def build_kpi_world(seed: int = 16) -> KpiWorld:
    rng = random.Random(seed)
    years = {
        "2025/26": AcademicYearFactory(
            label="2025/26",
            start_date=date(2025, 9, 1),
            end_date=date(2026, 8, 31),
            is_current=False,
        ),
        "2026/27": AcademicYearFactory(),
    }
    world = KpiWorld(years, [PartnershipFactory(), PartnershipFactory()])
    versions = {label: _checklist_version(year) for label, year in years.items()}
    schools = [
        SchoolFactory(phase=phase, weekly_hours=Decimal(rng.choice(["32.5", "30", "25"])))
        for phase in PHASES
    ]
    schools.append(SchoolFactory(is_open=False))  # closed: never counted
    for n, school in enumerate(schools):
        for label, year in years.items():
            if n == 1 and label == "2025/26":
                continue  # joined the council in 2026/27
            partnership = world.partnerships[(n + len(label)) % 2 if n % 3 else 0]
            MembershipFactory(school=school, partnership=partnership, academic_year=year)
            world.members[(school, label)] = partnership
            _school_year(world, rng, school, label, versions[label])
    _records(world, rng, schools)
    db.session.flush()
    return world


def _checklist_version(year):
    version = ChecklistVersionFactory(academic_year=year)
    items = {
        code: ChecklistItemFactory(version=version, code=code, applies_to=applies_to)
        for code, applies_to in KEY_ITEMS.items()
    }
    items["S1-01"] = ChecklistItemFactory(version=version, code="S1-01")
    return version, items


def _school_year(world: KpiWorld, rng: random.Random, school, label: str, version) -> None:
    year = world.years[label]
    status = rng.choice([None, "in_progress", "submitted", "signed_off", "reviewed"])
    if status:
        AuditFactory(school=school, academic_year=year, status=status)
    world.audits[(school, label)] = status
    _sen_row(world, rng, school, label)
    _absence_rows(world, rng, school, label)
    _official_exclusions(world, rng, school, label)
    _checklist(world, rng, school, label, version)


def _sen_row(world, rng, school, label) -> None:
    code = label.replace("/", "")
    choice = rng.random()
    if choice < 0.15:
        return
    total, support, ehc = rng.randint(80, 900), rng.randint(5, 120), rng.randint(0, 40)
    if choice < 0.3:  # DfE suppressed one count: the row cannot give a denominator
        SenFigureFactory(
            school=school, time_period=code, sen_support=None, symbols={"sen_support": "c"}
        )
        world.sen[(school, label)] = None
        world.ehc[(school, label)] = 5  # the factory's EHC count, still known
        return
    SenFigureFactory(
        school=school, time_period=code, total_pupils=total, sen_support=support, ehc_plan=ehc
    )
    world.sen[(school, label)] = (total, support, ehc)
    world.ehc[(school, label)] = ehc


def _absence_rows(world, rng, school, label) -> None:
    code = label.replace("/", "")
    enrolments, absentees = rng.randint(80, 900), rng.randint(0, 200)
    AbsenceFigureFactory(
        school=school,
        time_period=code,
        time_identifier="Autumn term",
        enrolments=enrolments,
        enrolments_pa_10_exact=absentees + 7,
    )
    if rng.random() < 0.8:
        AbsenceFigureFactory(
            school=school, time_period=code, enrolments=enrolments, enrolments_pa_10_exact=absentees
        )
        world.absence[(school, label)] = (enrolments, absentees)


def _official_exclusions(world, rng, school, label) -> None:
    code = label.replace("/", "")
    headcount = rng.randint(80, 900)
    if rng.random() < 0.5:
        susp, perm = rng.randint(0, 30), rng.randint(0, 2)
        ExclusionFigureFactory(
            school=school, time_period=code, headcount=headcount, suspension=susp, perm_excl=perm
        )
        world.official[(school, label)] = (susp, perm, headcount)
        return
    terms = ["Autumn term", "Spring term", "Summer term"][: rng.randint(1, 3)]
    suppressed = rng.random() < 0.25
    totals = [0, 0]
    for n, term in enumerate(terms):
        susp, perm = rng.randint(0, 10), rng.randint(0, 1)
        hidden = suppressed and n == 0
        ExclusionFigureFactory(
            school=school,
            time_period=code,
            time_identifier=term,
            headcount=headcount - n,
            suspension=None if hidden else susp,
            perm_excl=perm,
            symbols={"suspension": "c"} if hidden else {},
        )
        totals = [totals[0] + susp, totals[1] + perm]
    if not suppressed:
        world.official[(school, label)] = (totals[0], totals[1], headcount)


def _checklist(world, rng, school, label, version) -> None:
    if rng.random() < 0.2:
        return  # no checklist this year: does not meet the measure
    version_row, items = version
    checklist = ChecklistFactory(school=school, version=version_row)
    statuses = {}
    for code, item in items.items():
        status = rng.choice(["met", "met", "met", "partly_met", "not_met", "not_applicable", None])
        if status:
            ChecklistAnswerFactory(checklist_id=checklist.id, item_id=item.id, status=status)
            statuses[code] = status
    world.answers[(school, label)] = statuses


def _records(world: KpiWorld, rng: random.Random, schools) -> None:
    first, last = date(2025, 8, 1), date(2027, 7, 31)
    for school in schools:
        for n in range(rng.randint(0, 14)):
            kind = rng.choice(["suspension", "suspension", "lunchtime", "permanent"])
            made = ExclusionFactory(
                school=school,
                kind=kind,
                sen_status=rng.choice(STATUSES),
                start_date=_day(rng, first, last),
                permanent_outcome=rng.choice(OUTCOMES) if kind == "permanent" else "",
                deleted_at=DELETED if n == 3 else None,
            )
            world.incidents.append(made)
        for n in range(rng.randint(0, 6)):
            start = _day(rng, first, last)
            ended = rng.choice([None, start + timedelta(days=rng.randint(0, 400))])
            made = TimetableFactory(
                school=school,
                sen_status=rng.choice(STATUSES),
                pupil_ref=f"PT-{school.id}-{n % 3}",  # some pupils have two
                start_date=start,
                actual_end_date=ended,
                hours_per_week=Decimal(rng.randint(5, 30)),
                deleted_at=DELETED if n == 4 else None,
            )
            world.timetables.append(made)


def dfe_year(day: date) -> str | None:
    for label, (first, _, last) in YEARS.items():
        if first <= day <= last:
            return label
    return None


def term(day: date, label: str) -> str:
    if day.month >= 8:
        return "autumn"
    return "spring" if day <= YEARS[label][1] else "summer"


def counted(world: KpiWorld, school, label: str, partnership) -> bool:
    member = world.members.get((school, label))
    return school.is_open and member is not None and partnership in (None, member)


def expected_kpis(world: KpiWorld, partnership=None) -> dict:
    """Every KPI figure per year, from the factory data alone."""
    result = {}
    for label in YEARS:
        schools = {
            s for (s, y) in world.members if y == label and counted(world, s, label, partnership)
        }
        result[label] = {
            "schools": len(schools),
            "taking_part": sum(1 for s in schools if world.audits.get((s, label)) in TAKING_PART),
            **_expected_exclusions(world, schools, label),
            **_expected_timetables(world, schools, label),
            **_expected_official(world, schools, label),
            "meeting": sum(1 for s in schools if _meets_key_measure(world, s, label)),
        }
    return result


def _expected_exclusions(world, schools, label) -> dict:
    with_sen = {s for s in schools if world.sen.get((s, label))}
    pupils = defaultdict(int)
    for s in with_sen:
        total, support, ehc = world.sen[(s, label)]
        pupils["all"] += total
        pupils["sen_support"] += support
        pupils["ehc_plan"] += ehc
        pupils["none"] += total - support - ehc
    susp, perm, all_susp, all_perm = defaultdict(int), defaultdict(int), 0, 0
    for i in world.incidents:
        if i.deleted_at or i.school not in schools or dfe_year(i.start_date) != label:
            continue
        is_susp = i.kind == "suspension"
        is_perm = i.kind == "permanent" and i.permanent_outcome not in (
            "reinstated",
            "reinstated_after_review",
        )
        all_susp += is_susp
        all_perm += is_perm
        if i.school in with_sen:
            for key in (i.sen_status, "all"):
                susp[key] += is_susp
                perm[key] += is_perm
    ehc = {s: world.ehc[(s, label)] for s in schools if (s, label) in world.ehc}
    return {
        "sen_schools": len(with_sen),
        "pupils": dict(pupils),
        "suspensions": dict(susp),
        "permanent": dict(perm),
        "all_suspensions": all_susp,
        "all_permanent": all_perm,
        "ehc_plans": sum(ehc.values()),
        "ehc_mainstream": sum(n for s, n in ehc.items() if s.phase in MAINSTREAM),
    }


def _expected_timetables(world, schools, label) -> dict:
    first, _, last = YEARS[label]
    started, by_term, missed, pupils = (
        defaultdict(int),
        defaultdict(int),
        defaultdict(Decimal),
        defaultdict(set),
    )
    for t in world.timetables:
        if t.deleted_at or t.school not in schools:
            continue
        if dfe_year(t.start_date) == label:
            for key in (t.sen_status, "all"):
                started[key] += 1
                by_term[(term(t.start_date, label), key)] += 1
                missed[key] += max(t.school.weekly_hours - t.hours_per_week, Decimal(0))
        if t.start_date <= last and (t.actual_end_date is None or t.actual_end_date >= first):
            for key in (t.sen_status, "all"):
                pupils[key].add((t.school.id, t.pupil_ref))
    return {
        "started": dict(started),
        "started_by_term": dict(by_term),
        "hours_missed": dict(missed),
        "timetable_pupils": {k: len(v) for k, v in pupils.items()},
    }


def _expected_official(world, schools, label) -> dict:
    absence = [world.absence[(s, label)] for s in schools if (s, label) in world.absence]
    official = [world.official[(s, label)] for s in schools if (s, label) in world.official]
    return {
        "absence_schools": len(absence),
        "enrolments": sum(e for e, _ in absence),
        "absentees": sum(a for _, a in absence),
        "official_schools": len(official),
        "official": tuple(sum(o[i] for o in official) for i in range(3)) if official else None,
    }


def _meets_key_measure(world, school, label) -> bool:
    if (school, label) not in world.answers:
        return False
    setting = {
        "primary": "mainstream",
        "secondary": "mainstream",
        "middle": "mainstream",
        "special": "special",
        "16-plus": "16-to-19",
        "pru-ap": "alternative-provision",
        "nursery": "maintained-nursery",
    }[school.phase]
    answers = world.answers[(school, label)]
    binding = [c for c, kinds in KEY_ITEMS.items() if kinds is None or setting in kinds]
    counted_items = [c for c in binding if answers.get(c) != "not_applicable"]
    return bool(counted_items) and all(answers.get(c) == "met" for c in counted_items)
