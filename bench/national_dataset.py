"""Benchmark data: a national-size database for the partnership and council dashboards.

    .venv/bin/python bench/national_dataset.py [--schools 24000] [--years 5] [--database-url URL]

Builds a fresh schema with the app's migrations in a PostgreSQL database made for the benchmark
(its name starts with "bench": its public schema is dropped and rebuilt), then generates,
deterministically: the academic years up to 2026/27 (the current one), one Core Standards
framework and one website checklist per year, schools spread over councils, partnerships with
a membership for each school each year, about 90% of schools with a submitted (or signed-off,
or reviewed) audit each year carrying one score snapshot (area scores and standard ratings rows)
and its training needs, website checklists, suspensions and permanent exclusions every year,
and part-time timetables with their reviews this year. The big tables are written with
PostgreSQL COPY, then the dashboards' maintained figures are rebuilt (COPY passes the app by).
Prints row counts and the time taken.

Records of the current year run from 1 September to DATA_AS_OF, so "running today" figures
stay meaningful whatever day the dashboards are measured.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, make_url, select, text

from inclusion import create_app
from inclusion.area_partnerships import figures_store
from inclusion.audit import scoring
from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.models import Framework, FrameworkArea, Standard, TrainingTopic
from inclusion.config import Config
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear
from inclusion.send_report.checklist_files import load_checklist_file
from inclusion.send_report.models import ChecklistItem, ChecklistVersion

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEMPLATE_YEAR = "2025/26"  # its framework file is copied for the years before it
LAST_START = 2026  # 2026/27 is the current academic year
DATA_AS_OF = date(2026, 11, 20)
SEED = 20_261_124
NATIONAL_SCHOOLS = 24_000
SCHOOLS_PER_COUNCIL = 160
SCHOOLS_PER_PARTNERSHIP = 24
EXCLUSIONS_PER_SCHOOL = 200_000 / NATIONAL_SCHOOLS  # a year
TIMETABLES_PER_SCHOOL = 15_000 / NATIONAL_SCHOOLS  # running or ended this year
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"

# Phase: (share of schools, pupils on roll low..high, year groups, suspensions weight)
PHASES = {
    "primary": (0.70, (40, 650), ["R", "1", "2", "3", "4", "5", "6"], 0.5),
    "secondary": (0.14, (400, 2000), ["7", "8", "9", "10", "11"], 6.0),
    "special": (0.05, (30, 250), ["3", "5", "7", "9", "11"], 3.0),
    "all-through": (0.03, (600, 2200), ["2", "5", "7", "9", "10"], 4.0),
    "16-plus": (0.03, (150, 1500), ["12", "13"], 0.3),
    "pru-ap": (0.02, (15, 120), ["8", "9", "10", "11"], 30.0),
    "nursery": (0.02, (30, 120), ["N"], 0.0),
    "middle": (0.01, (250, 700), ["5", "6", "7", "8"], 2.0),
}
TOWN_STARTS = [
    "Ash", "Bar", "Brad", "Brom", "Cal", "Church", "Dun", "East", "Elm", "Fair", "Fal", "Glen",
    "Hal", "Hart", "Kings", "Lang", "Lyn", "Mar", "Mill", "Nor", "Oak", "Pen", "Red", "Sal",
    "Sand", "Stan", "Thorn", "Upton", "West", "Whit", "Wood",
]  # fmt: skip
TOWN_ENDS = [
    "bury", "ford", "ham", "ley", "ton", "wick", "field", "minster", "stead", "worth", "combe",
    "well", "by", "gate", "more",
]  # fmt: skip
KINDS = {
    "primary": ["Primary School", "Church of England Primary School", "Infant School"],
    "secondary": ["Academy", "High School", "Community College", "School"],
    "special": ["Special School", "School"],
    "all-through": ["All-through School", "Academy"],
    "16-plus": ["Sixth Form College"],
    "pru-ap": ["Pupil Referral Unit", "Alternative Provision Academy"],
    "nursery": ["Nursery School"],
    "middle": ["Middle School"],
}
PLACES = ["", "St Mary's ", "St John's ", "Park ", "Hill ", "Green ", "Valley ", "Castle "]
REASONS = ["PP", "PA", "VP", "VA", "DA", "BU", "DM", "TH", "PD", "MT", "SM", "RA"]
TIMETABLE_REASONS = ["medical", "sen_gradual", "semh_pastoral", "reintegration", "other"]
COPY_TABLES = (
    "school",
    "partnership",
    "partnership_membership",
    "audit",
    "score_snapshot",
    "snapshot_area_score",
    "snapshot_rating",
    "training_need",
    "checklist",
    "checklist_answer",
    "exclusion_incident",
    "part_time_timetable",
    "timetable_review",
)


@dataclass
class School:
    id: int
    urn: str
    la: int
    phase: str
    roll: int
    easting: int
    quality: float  # how well it rates itself, 0..3
    is_open: bool = True
    partnership_ids: list[int] = field(default_factory=list)  # one per year


@dataclass
class Year:
    id: int
    label: str
    start: date
    end: date
    framework: FrameworkShape | None = None
    checklist_items: list[int] = field(default_factory=list)

    @property
    def last_day(self) -> date:
        return min(self.end, DATA_AS_OF)


@dataclass
class FrameworkShape:
    id: int
    version: int
    rules: scoring.ScoringRules
    areas: list[scoring.AreaInput]
    titles: list[str]
    standards: dict[str, tuple[int, bool, list[str]]]  # code: id, allows N/A, training topics
    topics: list[str]


class Ids:
    """The next primary key of each table: rows are numbered here, then sequences are set."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def next(self, table: str) -> int:
        self.last[table] = self.last.get(table, 0) + 1
        return self.last[table]


def main() -> None:
    options = _arguments()
    started = time.perf_counter()
    app = fresh_app(options.database_url)
    print(f"schema built by the migrations in {time.perf_counter() - started:.1f} s")
    with app.app_context():
        years = reference_data(options.years)
        print(f"years, frameworks and checklists loaded at {_since(started)}")
        counts = generate(options, years)
        db.session.remove()
    _finish(options.database_url)
    print(f"sequences set, VACUUM ANALYZE done at {_since(started)}")
    with app.app_context():  # COPY passed the app by: its maintained figures, as `figures rebuild`
        figures = figures_store.rebuild()
        db.session.commit()
        db.session.remove()
    _finish(options.database_url)
    print(f"dashboard figures rebuilt ({sum(figures.values()):,} rows) at {_since(started)}")
    for table, count in counts.items():
        print(f"  {table:24} {count:>12,}")
    print(f"total {sum(counts.values()):,} rows in {_since(started)}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=NATIONAL_SCHOOLS)
    parser.add_argument("--years", type=int, default=5, choices=range(2, 11), metavar="2..10")
    parser.add_argument(
        "--exclusions", type=int, help="exclusion records a year (default: 200,000 per 24,000)"
    )
    parser.add_argument(
        "--timetables", type=int, help="part-time timetables this year (default: 15,000 per 24,000)"
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    options = parser.parse_args()
    if options.exclusions is None:
        options.exclusions = round(options.schools * EXCLUSIONS_PER_SCHOOL)
    if options.timetables is None:
        options.timetables = round(options.schools * TIMETABLES_PER_SCHOOL)
    return options


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def fresh_app(url: str) -> Flask:
    _reset_postgres(url)

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    app = create_app(BenchConfig)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return app


def _reset_postgres(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        sys.exit("This benchmark needs PostgreSQL (it loads with COPY).")
    if not (parsed.database or "").startswith("bench"):
        sys.exit(
            f"Refusing to empty the database {parsed.database!r}: use one made for the "
            "benchmark, named bench..."
        )
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# Reference data, through the app's own loaders


def reference_data(count: int) -> list[Year]:
    starts = range(LAST_START - count + 1, LAST_START + 1)
    db.session.execute(
        insert(AcademicYear),
        [
            {
                "label": _label(start),
                "start_date": date(start, 9, 1),
                "end_date": date(start + 1, 8, 31),
                "is_current": start == LAST_START,
            }
            for start in starts
        ],
    )
    db.session.commit()
    _load_frameworks([_label(start) for start in starts])
    for path in sorted((SEEDS / "send_report").glob("checklist-*.yaml")):
        load_checklist_file(path)
    return _years()


def _label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def _load_frameworks(labels: list[str]) -> None:
    """The seed files for 2025/26 and 2026/27; the 2025/26 text, re-dated, for earlier years."""
    template = (SEEDS / "frameworks" / "2025-26.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="inclusion-bench-") as folder:
        for label in labels:
            seed = SEEDS / "frameworks" / f"{label.replace('/', '-')}.yaml"
            if seed.exists():
                load_framework_file(seed)
                continue
            path = Path(folder) / seed.name
            path.write_text(template.replace(TEMPLATE_YEAR, label), encoding="utf-8")
            load_framework_file(path)


def _years() -> list[Year]:
    years = [
        Year(y.id, y.label, y.start_date, y.end_date)
        for y in db.session.scalars(select(AcademicYear).order_by(AcademicYear.start_date))
    ]
    for year in years:
        framework = db.session.scalar(
            select(Framework).where(Framework.academic_year_id == year.id)
        )
        year.framework = _shape(framework)
        year.checklist_items = list(
            db.session.scalars(
                select(ChecklistItem.id)
                .join(ChecklistVersion)
                .where(ChecklistVersion.academic_year_id == year.id)
                .order_by(ChecklistItem.position)
            )
        )
    return years


def _shape(framework: Framework) -> FrameworkShape:
    areas = list(
        db.session.scalars(
            select(FrameworkArea)
            .where(FrameworkArea.framework_id == framework.id)
            .order_by(FrameworkArea.position)
        )
    )
    standards = list(
        db.session.scalars(select(Standard).where(Standard.framework_id == framework.id))
    )
    by_area: dict[int, list[Standard]] = {}
    for standard in sorted(standards, key=lambda s: s.position):
        by_area.setdefault(standard.area_id, []).append(standard)
    return FrameworkShape(
        id=framework.id,
        version=framework.version,
        rules=scoring.ScoringRules.from_settings(framework.settings),
        areas=[
            scoring.AreaInput(
                area.code,
                [scoring.StandardInput(s.code, s.statutory) for s in by_area.get(area.id, [])],
            )
            for area in areas
        ],
        titles=[area.title for area in areas],
        standards={
            s.code: (s.id, s.allows_not_applicable, list(s.training_topics)) for s in standards
        },
        topics=sorted(
            db.session.scalars(
                select(TrainingTopic.code).where(TrainingTopic.framework_id == framework.id)
            )
        ),
    )


# Generation


def generate(options: argparse.Namespace, years: list[Year]) -> dict[str, int]:
    rng = random.Random(SEED)
    ids = Ids()
    schools = make_schools(options.schools, len(years), rng)
    connection = db.engine.raw_connection()
    try:
        counts: dict[str, int] = {}
        with connection.driver_connection.cursor() as cursor:
            # Rows are written consistent; skipping the foreign key triggers lets audits and
            # their snapshots (which point at each other) go in by COPY, in any order.
            cursor.execute("SET session_replication_role = replica")
            for table, label, columns, rows in _steps(schools, years, options, rng, ids):
                step_started = time.perf_counter()
                count = copy_rows(cursor, table, columns, rows)
                counts[table] = counts.get(table, 0) + count
                print(
                    f"  {table} {label}".rstrip() + f": {count:,} rows in {_since(step_started)}",
                    flush=True,
                )
            cursor.execute("SET session_replication_role = origin")
        connection.commit()
    finally:
        connection.close()
    return counts


Step = tuple[str, str, list[str], Iterable]  # table, what (the year), columns, rows


def _steps(schools, years, options, rng, ids) -> Iterator[Step]:
    partnerships = max(max(s.partnership_ids) for s in schools)
    yield "school", "", SCHOOL_COLUMNS, school_rows(schools, rng)
    yield "partnership", "", ["id", "code", "name"], partnership_rows(partnerships, schools)
    yield "partnership_membership", "", MEMBERSHIP_COLUMNS, membership_rows(schools, years, ids)
    for index, year in enumerate(years):  # a year at a time, to keep memory small
        audits = AuditRows(ids, rng)
        audits.make(schools, year, index)
        yield "audit", year.label, AUDIT_COLUMNS, audits.audits
        yield "score_snapshot", year.label, SNAPSHOT_COLUMNS, audits.snapshots
        yield "snapshot_area_score", year.label, AREA_SCORE_COLUMNS, audits.area_scores
        yield "snapshot_rating", year.label, RATING_COLUMNS, audits.ratings
        yield "training_need", year.label, TRAINING_COLUMNS, audits.training
    for year in years:
        yield from checklist_steps(schools, year, rng, ids)
    for year in years:
        rows = exclusion_rows(schools, year, options.exclusions, rng, ids)
        yield "exclusion_incident", year.label, EXCLUSION_COLUMNS, rows
    timetables, reviews = timetable_rows(schools, years[-1], options.timetables, rng, ids)
    yield "part_time_timetable", years[-1].label, TIMETABLE_COLUMNS, timetables
    yield "timetable_review", years[-1].label, REVIEW_COLUMNS, reviews


def copy_rows(cursor: psycopg.Cursor, table: str, columns: list[str], rows: Iterable) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def make_schools(count: int, years: int, rng: random.Random) -> list[School]:
    """Schools grouped by council, and partnerships of neighbouring schools within a council."""
    councils = sorted(rng.sample(range(201, 940), max(1, round(count / SCHOOLS_PER_COUNCIL))))
    phases = list(PHASES)
    shares = [PHASES[p][0] for p in phases]
    schools = []
    for number in range(count):
        phase = rng.choices(phases, shares)[0]
        low, high = PHASES[phase][1]
        schools.append(
            School(
                id=number + 1,
                urn=f"{100000 + number}",
                la=councils[number * len(councils) // count],
                phase=phase,
                roll=round(rng.triangular(low, high, low + (high - low) / 3)),
                easting=rng.randint(130_000, 650_000),
                quality=rng.uniform(1.1, 2.7),
                is_open=rng.random() > 0.01,
            )
        )
    _place_in_partnerships(schools, years, rng)
    return schools


def _place_in_partnerships(schools: list[School], years: int, rng: random.Random) -> None:
    """Contiguous runs of (council, easting); about 3% of schools move partnership each year."""
    ordered = sorted(schools, key=lambda s: (s.la, s.easting))
    total = max(1, round(len(schools) / SCHOOLS_PER_PARTNERSHIP))
    for position, school in enumerate(ordered):
        home = position * total // len(ordered) + 1
        current = home
        for _ in range(years):
            if rng.random() < 0.03:
                current = min(total, max(1, home + rng.choice((-1, 1))))
            school.partnership_ids.append(current)


SCHOOL_COLUMNS = [
    "id", "urn", "laestab", "name", "establishment_type_code", "establishment_type", "phase",
    "is_open", "pupils_on_roll", "statutory_low_age", "statutory_high_age", "website",
    "postcode", "town", "district_code", "district_name", "easting", "northing", "trust_name",
]  # fmt: skip


def _town(school: School) -> str:
    number = school.la * 7 + school.easting // 40_000
    return TOWN_STARTS[number % len(TOWN_STARTS)] + TOWN_ENDS[number // 31 % len(TOWN_ENDS)]


def school_rows(schools: list[School], rng: random.Random) -> Iterator[tuple]:
    for school in schools:
        town = _town(school)
        name = f"{rng.choice(PLACES)}{town} {rng.choice(KINDS[school.phase])}"
        trust = f"{town} Learning Trust" if rng.random() < 0.45 else None
        low_age = 4 if school.phase in ("primary", "all-through") else 11
        yield (
            school.id, school.urn, f"{school.la}{2000 + school.id % 8000:04d}", name,
            28 if trust else 1, "Academy converter" if trust else "Community school",
            school.phase, school.is_open, school.roll, low_age, low_age + 7,
            f"https://www.{town.lower()}-{school.urn}.sch.uk", f"TA{school.id % 99} 1AB", town,
            f"E0600{school.la:04d}", f"{town} district", school.easting,
            rng.randint(10_000, 650_000), trust,
        )  # fmt: skip


def partnership_rows(count: int, schools: list[School]) -> Iterator[tuple]:
    towns = {}
    for school in schools:
        towns.setdefault(school.partnership_ids[0], _town(school))
    for number in range(1, count + 1):
        yield number, f"AIP-{number:04d}", f"{towns.get(number, 'Central')} Inclusion Partnership"


MEMBERSHIP_COLUMNS = ["id", "school_id", "partnership_id", "academic_year_id"]


def membership_rows(schools: list[School], years: list[Year], ids: Ids) -> Iterator[tuple]:
    for index, year in enumerate(years):
        for school in schools:
            yield ids.next("membership"), school.id, school.partnership_ids[index], year.id


AUDIT_COLUMNS = [
    "id", "school_id", "academic_year_id", "framework_id", "status", "latest_snapshot_id",
    "created_at", "updated_at",
]  # fmt: skip
SNAPSHOT_COLUMNS = [
    "id", "audit_id", "stage", "framework_id", "framework_version", "taken_at", "overall_score",
    "results",
]  # fmt: skip
AREA_SCORE_COLUMNS = [
    "id", "snapshot_id", "area_code", "title", "position", "score", "level", "band", "gated",
]  # fmt: skip
RATING_COLUMNS = ["id", "snapshot_id", "standard_id", "rating", "not_applicable"]
TRAINING_COLUMNS = ["id", "audit_id", "topic_code", "source"]
SUBMITTED = ("submitted", "signed_off", "reviewed")


class AuditRows:
    """Audits, each submitted one with a snapshot scored by the app's own scoring rules."""

    def __init__(self, ids: Ids, rng: random.Random) -> None:
        self.ids, self.rng = ids, rng
        self.audits: list[tuple] = []
        self.snapshots: list[tuple] = []
        self.area_scores: list[tuple] = []
        self.ratings: list[tuple] = []
        self.training: list[tuple] = []

    def make(self, schools: list[School], year: Year, index: int) -> None:
        for school in schools:
            chance = self.rng.random()
            if chance >= 0.95:
                continue  # not started: no audit row
            if chance >= 0.90:
                self._audit(school, year, index, "in_progress")
            else:
                self._audit(school, year, index, self.rng.choices(SUBMITTED, (45, 35, 20))[0])

    def _audit(self, school: School, year: Year, index: int, status: str) -> None:
        framework = year.framework
        audit_id = self.ids.next("audit")
        when = _moment(year.start + timedelta(days=self.rng.randint(20, 70)))
        snapshot_id = None
        if status != "in_progress":
            stage = "submitted" if status == "submitted" else "signed_off"
            snapshot_id = self._snapshot(audit_id, stage, school, framework, index, when)
        row = (audit_id, school.id, year.id, framework.id, status, snapshot_id, when, when)
        self.audits.append(row)

    def _snapshot(self, audit_id, stage, school, framework, index, when) -> int:
        ratings = self._ratings(school, framework, index)
        result = scoring.score_audit(framework.areas, ratings, framework.rules)
        snapshot_id = self.ids.next("snapshot")
        results = json.dumps({"standards": ratings})
        self.snapshots.append(
            (snapshot_id, audit_id, stage, framework.id, framework.version, when,
             result.overall, results)
        )  # fmt: skip
        for position, area in enumerate(result.areas):
            self.area_scores.append(
                (self.ids.next("area_score"), snapshot_id, area.code, framework.titles[position],
                 position, area.score, area.level, area.band, area.gated)
            )  # fmt: skip
        self._rating_rows(snapshot_id, ratings, framework)
        self._training_rows(audit_id, ratings, framework)
        return snapshot_id

    def _ratings(self, school: School, framework: FrameworkShape, index: int) -> dict:
        ratings: dict[str, scoring.Rating] = {}
        level = school.quality + 0.08 * index
        for code, (_, allows_na, _) in framework.standards.items():
            if allows_na and self.rng.random() < 0.1:
                ratings[code] = scoring.NOT_APPLICABLE
            else:
                ratings[code] = min(3, max(0, round(self.rng.gauss(level, 0.7))))
        return ratings

    def _rating_rows(self, snapshot_id: int, ratings: dict, framework: FrameworkShape) -> None:
        for code, rating in ratings.items():
            na = rating == scoring.NOT_APPLICABLE
            standard_id = framework.standards[code][0]
            rated = None if na else rating
            self.ratings.append((self.ids.next("rating"), snapshot_id, standard_id, rated, na))

    def _training_rows(self, audit_id: int, ratings: dict, framework: FrameworkShape) -> None:
        derived = {
            topic
            for code, rating in ratings.items()
            if isinstance(rating, int) and rating <= 1
            for topic in framework.standards[code][2]
        }
        requested = set()
        if self.rng.random() < 0.25:
            requested = set(self.rng.sample(framework.topics, self.rng.randint(1, 3)))
        for source, topics in (("derived", derived), ("requested", requested)):
            for topic in sorted(topics):
                self.training.append((self.ids.next("training"), audit_id, topic, source))


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 30, tzinfo=UTC)


def checklist_steps(schools, year: Year, rng, ids) -> Iterator[Step]:
    """Website checklists of 70% of schools, where the year has one (most items met)."""
    if not year.checklist_items:
        return
    checklists, answers, version_id = [], [], _version_of(year)
    for school in schools:
        if rng.random() > 0.7:
            continue
        checklist_id = ids.next("checklist")
        when = _moment(year.start + timedelta(days=rng.randint(10, 60)))
        checklists.append((checklist_id, school.id, year.id, version_id, when, when))
        met = rng.uniform(0.85, 1.0)
        for item_id in year.checklist_items:
            status = "met" if rng.random() < met else rng.choice(("partly_met", "not_met"))
            answers.append((ids.next("answer"), checklist_id, item_id, status, "", "", 1, when))
    yield "checklist", year.label, CHECKLIST_COLUMNS, checklists
    yield "checklist_answer", year.label, ANSWER_COLUMNS, answers


def _version_of(year: Year) -> int:
    return db.session.scalar(
        select(ChecklistVersion.id).where(ChecklistVersion.academic_year_id == year.id)
    )


CHECKLIST_COLUMNS = [
    "id",
    "school_id",
    "academic_year_id",
    "version_id",
    "created_at",
    "updated_at",
]
ANSWER_COLUMNS = [
    "id", "checklist_id", "item_id", "status", "evidence_url", "note", "version", "updated_at",
]  # fmt: skip
RECORD_COLUMNS = [
    "pupil_ref", "year_group", "sen_status", "version", "created_at", "updated_at", "deleted_at",
    "deleted_reason",
]  # fmt: skip
EXCLUSION_COLUMNS = [
    "id", "school_id", "kind", "start_date", "sessions", "reasons", "council_notified",
    "governors_review_outcome", *RECORD_COLUMNS,
]  # fmt: skip


def _school_days(year: Year) -> list[date]:
    """Weekdays of term (August left out) from 1 September to the year's last day of data."""
    days, day = [], year.start
    while day <= year.last_day:
        if day.weekday() < 5 and day.month != 8:
            days.append(day)
        day += timedelta(days=1)
    return days


def _pupil_profile(school: School, rng: random.Random) -> tuple[str, str, str]:
    """A pseudonymous pupil of the school (a small pool, so pupils recur), year group, SEN."""
    pool = max(3, school.roll // 25)
    pupil = f"P{rng.randrange(pool):05d}"
    year_group = rng.choice(PHASES[school.phase][2])
    sen = rng.choices(("none", "sen_support", "ehc_plan"), (55, 32, 13))[0]
    return pupil, year_group, sen


def exclusion_rows(schools, year: Year, count: int, rng, ids) -> Iterator[tuple]:
    """Suspensions weighted by roll and phase (secondary and alternative provision far more)."""
    weights = [s.roll * PHASES[s.phase][3] for s in schools]
    days = _school_days(year)
    live: set[tuple] = set()  # one live incident per school, pupil, day and kind (as the app)
    for school in rng.choices(schools, weights, k=count):
        pupil, year_group, sen = _pupil_profile(school, rng)
        day = rng.choice(days)
        permanent = rng.random() < 0.012
        when = _moment(day + timedelta(days=1))
        deleted = when if rng.random() < 0.005 else None
        key = (school.id, pupil, day, permanent)
        if deleted is None and key in live:
            continue
        live.add(key) if deleted is None else None
        yield (
            ids.next("exclusion"), school.id, "permanent" if permanent else "suspension", day,
            rng.choice((1, 2, 2, 2, 4, 6, 10)), json.dumps(rng.sample(REASONS, rng.randint(1, 2))),
            rng.random() < 0.9, "", pupil, year_group, sen, 1, when, when, deleted,
            "Entered twice" if deleted else "",
        )  # fmt: skip


TIMETABLE_COLUMNS = [
    "id", "school_id", "looked_after", "child_in_need", "child_protection", "reason",
    "reason_other", "start_date", "planned_end_date", "hours_per_week",
    "parental_agreement_date", "council_notified_date", "linked_plan", "actual_end_date",
    "outcome", *RECORD_COLUMNS,
]  # fmt: skip
REVIEW_COLUMNS = ["id", "timetable_id", "review_date", "note", "created_at"]


def timetable_rows(schools, year: Year, count: int, rng, ids) -> tuple[list, list]:
    """This year's part-time timetables (about 40% ended), reviewed every two to four weeks."""
    weights = [s.roll * (PHASES[s.phase][3] + 0.5) for s in schools]
    days = _school_days(year)
    timetables, reviews = [], []
    for school in rng.choices(schools, weights, k=count):
        timetable_id = ids.next("timetable")
        start = rng.choice(days)
        planned = start + timedelta(weeks=rng.choice((2, 4, 6, 6, 8, 12, 16)))
        ended = start + timedelta(days=rng.randint(7, 60)) if rng.random() < 0.4 else None
        ended = ended if ended and ended <= year.last_day else None
        timetables.append(_timetable(timetable_id, school, start, planned, ended, rng))
        review = start + timedelta(weeks=rng.randint(2, 4))
        while review <= (ended or year.last_day) and rng.random() < 0.75:
            reviews.append((ids.next("review"), timetable_id, review, "", _moment(review)))
            review += timedelta(weeks=rng.randint(2, 4))
    return timetables, reviews


def _timetable(timetable_id, school, start, planned, ended, rng) -> tuple:
    pupil, year_group, sen = _pupil_profile(school, rng)
    notified = start + timedelta(days=rng.randint(0, 5)) if rng.random() < 0.8 else None
    when = _moment(start)
    return (
        timetable_id, school.id, rng.random() < 0.08, rng.random() < 0.1, rng.random() < 0.04,
        rng.choices(TIMETABLE_REASONS, (15, 25, 35, 20, 5))[0], "", start, planned,
        f"{rng.randint(6, 40) / 2:.1f}", start, notified, rng.choice(("none", "psp", "early_help")),
        ended, "Back full time" if ended else "", pupil, year_group, sen, 1, when, when, None, "",
    )  # fmt: skip


def _finish(url: str) -> None:
    """Sequences after the numbered rows, then VACUUM ANALYZE (plans and index-only scans)."""
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        for table in COPY_TABLES:
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )
        connection.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
