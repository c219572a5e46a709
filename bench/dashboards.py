"""Benchmark: the partnership and council dashboards and the council XLSX export, national size.

    .venv/bin/python bench/dashboards.py [--database-url URL] [--requests 15] [--partnership CODE]

Runs against the database bench/national_dataset.py built (a PostgreSQL database named bench...;
nothing in it changes but one administrator account, added if missing, and the records of the
council exports it asks for). For one partnership's
dashboard and the council-wide one it times --requests GET requests through the app's test
client, as that administrator (the first is a warm-up and is left out), and prints the median,
the 95th percentile and the SQL statements each request issued. Beside each: the figures alone
(`dashboard_for`, no page) and the floor, hand-written SQL (psycopg, a few GROUP BY statements,
percentile_cont for the medians) fetching the same figures. Then the council-wide XLSX export as
a person gets it (POST, the export job run in the same process, the download): time, tracemalloc
peak and growth of the resident size, beside the floor: the floor's SQL fetching the figures and
xlsxwriter writing the same cells from them in constant_memory mode.

Each measurement runs in a child process of its own (so resident sizes do not mask each other),
with a memory limit and a time budget per request (--budget): one that runs over is stopped and
reported, then measured again with the secondary small-number suppression replaced by primary
suppression alone (clearly labelled), so the cost of everything else is still known. A slow
measurement stops after --enough seconds once it has two timed runs (the table counts them).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

import dashboard_curve as curve
import psycopg
import xlsxwriter
from flask import Flask
from flask_login import FlaskLoginClient
from sqlalchemy import event, func, make_url, select

from inclusion import create_app
from inclusion.area_partnerships import suppression
from inclusion.area_partnerships.dashboard import dashboard_for
from inclusion.area_partnerships.export import NOTES, SCHOOLS_SHEET
from inclusion.area_partnerships.scope import Scope
from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.roles import Role
from inclusion.config import Config
from inclusion.extensions import db
from inclusion.graduated_response.rules import REVIEW_INTERVAL
from inclusion.jobs import DeferredRunner
from inclusion.schools.models import (
    AcademicYear,
    AreaInclusionPartnership,
    PartnershipMembership,
    School,
)
from inclusion.spreadsheets import CELL_LIMIT

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
ADMIN_EMAIL = "bench-admin@example.org"
MB = 1024 * 1024
MEMORY_LIMIT = 8 * 1024 * MB  # per child: a runaway measurement fails instead of the machine
IGNORED = ("SAVEPOINT", "RELEASE", "ROLLBACK")
Work = Callable[[], Iterator[dict[str, Any]]]


@dataclass(frozen=True)
class Target:
    """What is measured: the current year, one partnership (None: the council), today."""

    year_id: int
    year_label: str
    start: date
    end: date
    partnership_id: int | None
    partnership_code: str | None
    schools: int
    today: date

    @property
    def dfe_code(self) -> str:
        return self.year_label.replace("/", "")


@dataclass
class Result:
    label: str
    samples: list[dict[str, Any]]
    problem: str | None = None

    def seconds(self) -> list[float]:
        return [s["seconds"] for s in self.samples if "seconds" in s][1:]  # [0]: the warm-up

    def cell(self, key: str) -> str:
        values = sorted({s[key] for s in self.samples if key in s})
        return "/".join(str(v) for v in values) or "-"


def main() -> None:
    options = _arguments()
    app = bench_app(options.database_url)
    with app.app_context():
        admin_id = ensure_admin()
        partnership, council = targets(options.partnership)
        db.session.remove()
        db.engine.dispose()
    print(
        f"{council.year_label}, today {council.today}: council {council.schools:,} open "
        f"schools; partnership {partnership.partnership_code} {partnership.schools} schools; "
        f"{options.requests - 1} timed runs after a warm-up, budget {options.budget:.0f} s a run"
    )
    bench = Bench(app, admin_id, options)
    rows = [("partnership", bench.dashboards(partnership)), ("council", bench.dashboards(council))]
    with app.app_context():
        results = curve.results_url()
        db.session.remove()
        db.engine.dispose()  # no pooled connection shared with the forked children
    rows += [
        ("school results page", bench.page(results)),
        ("council-wide compliance page", bench.page(f"/compliance/?year={council.year_label}")),
    ]
    exports = bench.exports(council)
    print_table(rows, exports)
    if options.curve:
        curve.print_curve(scaling(options, rows, partnership))


def scaling(
    options: argparse.Namespace, rows: list[tuple[str, list[Result]]], partnership: Target
) -> list[curve.Point]:
    """The council page at one council's and ten councils' size, beside this dataset's pages."""
    found = dict(rows)
    points = [_point("one partnership", found["partnership"][0], partnership.schools, 1)]
    for schools, label in zip(curve.CURVE_SIZES, ("one council", "ten councils"), strict=True):
        url = curve.curve_url(options.database_url, schools)
        curve.ensure_dataset(url, schools)
        app = bench_app(url)
        with app.app_context():
            admin_id = ensure_admin()
            size = curve.sizes()
            db.session.remove()
            db.engine.dispose()
        result = Bench(app, admin_id, options).page("/council/dashboard")[0]
        points.append(_point(f"{label}: council dashboard", result, *size))
    with bench_app(options.database_url).app_context():
        size = curve.sizes()
        db.session.remove()
        db.engine.dispose()
    points.append(_point("all (this dataset): council dashboard", found["council"][0], *size))
    return points


def _point(label: str, result: Result, schools: int, partnerships: int) -> curve.Point:
    median = curve.median_ms(result.seconds())
    statements = result.cell("statements")
    return curve.Point(label, schools, partnerships, median, statements, result.problem)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--requests", type=int, default=15, help="runs of each, warm-up included")
    parser.add_argument("--export-runs", type=int, default=3, help="warm-up included")
    parser.add_argument("--partnership", help="code (default: the median-sized partnership)")
    parser.add_argument(
        "--curve",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the scaling curve (generates the smaller datasets if missing)",
    )
    parser.add_argument("--budget", type=float, default=300.0, help="seconds for one run")
    parser.add_argument(
        "--enough",
        type=float,
        default=300.0,
        help="seconds after which a measurement stops, once it has 2 timed runs",
    )
    options = parser.parse_args()
    if options.requests < 2 or options.export_runs < 2:
        parser.error("at least 2 runs: the first is a warm-up")
    return options


def bench_app(url: str) -> Flask:
    name = make_url(url).database or ""
    if make_url(url).get_backend_name() != "postgresql" or not name.startswith("bench"):
        sys.exit(f"Refusing {name!r}: use the PostgreSQL database bench/national_dataset.py built.")

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = url
        RATELIMIT_ENABLED = False

    app = create_app(BenchConfig)
    app.test_client_class = FlaskLoginClient
    return app


def ensure_admin() -> int:
    user = db.session.scalar(select(User).where(User.email == ADMIN_EMAIL))
    if user is None:
        user = User(email=ADMIN_EMAIL, display_name="Benchmark administrator")
        user.roles.append(RoleAssignment(role=Role.ADMIN.value))
        db.session.add(user)
        db.session.commit()
    return user.id


def targets(code: str | None) -> tuple[Target, Target]:
    year = db.session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    if year is None:
        sys.exit("No current academic year: run bench/national_dataset.py first.")
    sizes = db.session.execute(
        select(AreaInclusionPartnership.id, AreaInclusionPartnership.code, func.count())
        .join(PartnershipMembership)
        .join(School)
        .where(PartnershipMembership.academic_year_id == year.id, School.is_open)
        .group_by(AreaInclusionPartnership.id)
        .order_by(func.count(), AreaInclusionPartnership.code)
    ).all()
    chosen = next((row for row in sizes if row[1] == code), None) if code else None
    chosen = chosen or sizes[len(sizes) // 2]
    common = (year.id, year.label, year.start_date, year.end_date)
    today = date.today()
    total = sum(row[2] for row in sizes)
    return Target(*common, chosen[0], chosen[1], chosen[2], today), Target(
        *common, None, None, total, today
    )


# Running each measurement in a child process, with a budget


def isolated(work: Work, budget: float, enough: float) -> tuple[list[dict[str, Any]], str | None]:
    """Samples from `work` run in a forked child, stopped when one run exceeds the budget, or
    after `enough` seconds once there are two timed runs beside the warm-up."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, sender), daemon=True)
    child.start()
    sender.close()
    started = time.perf_counter()
    samples: list[dict[str, Any]] = []
    problem = None
    while problem is None and not _enough(samples, time.perf_counter() - started, enough):
        if not receiver.poll(budget):
            problem = f"over the {budget:.0f} s budget"
            break
        try:
            message = receiver.recv()
        except EOFError:
            break
        if isinstance(message, str):
            problem = message
        else:
            samples.append(message)
    if child.is_alive():
        child.kill()
    child.join()
    receiver.close()
    return samples, problem


def _enough(samples: list[dict[str, Any]], seconds: float, enough: float) -> bool:
    return seconds > enough and sum("seconds" in s for s in samples) >= 3


def _child(work: Work, sender) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    try:
        for sample in work():
            sender.send(sample)
    except MemoryError:
        sender.send(f"out of memory (limit {MEMORY_LIMIT // MB:,} MB)")
    except Exception as error:  # reported in the table, not a traceback mid-run
        sender.send(f"failed: {error!r}"[:200])
    finally:
        sender.close()


@contextmanager
def counted(app: Flask) -> Iterator[list[str]]:
    """The SQL statements issued inside the block (savepoints and rollbacks left out)."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if not statement.lstrip().upper().startswith(IGNORED):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def primary_suppression_only(values, threshold=5, total=None, *, suppress_zero=False):
    """The bench-only stand-in for suppress_series: each figure on its own, nothing secondary."""
    figures = {k: suppression.suppress_count(v, threshold) for k, v in values.items()}
    hidden = frozenset(k for k, v in figures.items() if v == suppression.SUPPRESSED)
    count = sum(values.values()) if total is None else total
    shown = suppression.suppress_count(count, threshold)
    return suppression.SuppressedSeries(figures, shown, hidden, hidden, frozenset())


class Bench:
    def __init__(self, app: Flask, admin_id: int, options: argparse.Namespace) -> None:
        self.app, self.admin_id, self.options = app, admin_id, options
        url = make_url(options.database_url).set(drivername="postgresql")
        self.conninfo = url.render_as_string(hide_password=False)

    def dashboards(self, target: Target) -> list[Result]:
        if target.partnership_code:
            url = f"/partnerships/{target.partnership_code}/dashboard"
        else:
            url = "/council/dashboard"
        runs = self.options.requests
        return [
            *self._measure(f"GET {url}", lambda: self._requests(url, runs)),
            self._run("dashboard_for() alone: the figures, no page", self._figures(target)),
            self._run(
                "floor: hand-written SQL, psycopg, jit off", lambda: self._floor(target, runs)
            ),
        ]

    def page(self, url: str) -> list[Result]:
        runs = self.options.requests
        return self._measure(f"GET {url}", lambda: self._requests(url, runs))

    def exports(self, council: Target) -> list[Result]:
        """The council export as people get it (ask, the job, download) beside the floor."""
        runs = self.options.export_runs
        return [
            *self._measure(
                "council export: POST, job, download", lambda: self._export(runs), math.inf
            ),
            self._run(
                "floor: hand-written SQL + xlsxwriter, same cells, constant_memory",
                lambda: self._direct(council),
                math.inf,
            ),
        ]

    def _measure(self, label: str, work: Work, enough: float | None = None) -> list[Result]:
        """The app as it is; if over budget, again with primary suppression only."""
        result = self._run(label, work, enough)
        if result.problem is None:
            return [result]

        def stubbed() -> Iterator[dict[str, Any]]:
            suppression.suppress_series = primary_suppression_only  # this child only
            return work()

        return [result, self._run(f"{label}, secondary suppression stubbed out", stubbed, enough)]

    def _run(self, label: str, work: Work, enough: float | None = None) -> Result:
        enough = self.options.enough if enough is None else enough
        samples, problem = isolated(work, self.options.budget, enough)
        print(f"  measured: {label}" + (f" ({problem})" if problem else ""), flush=True)
        return Result(label, samples, problem)

    def _client(self):
        with self.app.app_context():
            user = db.session.get(User, self.admin_id)
            client = self.app.test_client(user=user)
            db.session.remove()
        return client

    def _requests(self, url: str, runs: int) -> Iterator[dict[str, Any]]:
        client = self._client()
        for _ in range(runs):
            with counted(self.app) as statements:
                started = time.perf_counter()
                response = client.get(url)
                seconds = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            yield {"seconds": seconds, "statements": len(statements), "bytes": len(response.data)}

    def _figures(self, target: Target) -> Work:
        def work() -> Iterator[dict[str, Any]]:
            for _ in range(self.options.requests):
                with self.app.app_context():
                    year = db.session.get(AcademicYear, target.year_id)
                    partnership = (
                        db.session.get(AreaInclusionPartnership, target.partnership_id)
                        if target.partnership_id
                        else None
                    )
                    with counted(self.app) as statements:
                        started = time.perf_counter()
                        dashboard_for(Scope(year, partnership), target.today)
                        seconds = time.perf_counter() - started
                    db.session.remove()
                yield {"seconds": seconds, "statements": len(statements)}

        return work

    def _floor(self, target: Target, runs: int) -> Iterator[dict[str, Any]]:
        with floor_connection(self.conninfo) as connection:
            for _ in range(runs):
                started = time.perf_counter()
                floor_rows(connection, target)
                yield {"seconds": time.perf_counter() - started, "statements": len(FLOOR)}
                connection.rollback()

    def _export(self, runs: int) -> Iterator[dict[str, Any]]:
        """In this child only, the job runs here when released (timed with the rest) and the
        test client posts without a CSRF token."""
        runner = DeferredRunner()
        self.app.extensions["job_runner"] = runner
        self.app.config["WTF_CSRF_ENABLED"] = False
        client = self._client()
        before = _maxrss()
        for _ in range(runs):
            started = time.perf_counter()
            data = self._export_once(client, runner)
            seconds = time.perf_counter() - started
            yield {"seconds": seconds, "bytes": len(data), "rss": _maxrss() - before}
        tracemalloc.start()
        self._export_once(client, runner)
        yield {"traced": tracemalloc.get_traced_memory()[1]}
        tracemalloc.stop()

    def _export_once(self, client, runner: DeferredRunner) -> bytes:
        asked = client.post("/council/dashboard.xlsx")
        if asked.status_code != 302:
            raise RuntimeError(f"asking for the export answered {asked.status_code}")
        with self.app.app_context():
            runner.run_pending()
        response = client.get(asked.headers["Location"] + "/download")
        if response.status_code != 200:
            raise RuntimeError(f"the download answered {response.status_code}")
        return response.data

    def _direct(self, council: Target) -> Iterator[dict[str, Any]]:
        """The floor fetches the figures (the floor's SQL) and writes the same cells."""
        before = _maxrss()
        for _ in range(self.options.export_runs):
            started = time.perf_counter()
            data, cells = self._direct_once(council)
            seconds = time.perf_counter() - started
            yield {"seconds": seconds, "bytes": len(data), "rss": _maxrss() - before}
        tracemalloc.start()
        self._direct_once(council)
        yield {"traced": tracemalloc.get_traced_memory()[1], "cells": cells}
        tracemalloc.stop()

    def _direct_once(self, council: Target) -> tuple[bytes, int]:
        with floor_connection(self.conninfo) as connection:
            figures = floor_rows(connection, council, export=True)
        return direct_workbook(figures, council)


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


# The floor: the same figures in a few statements


SCOPE = """scope AS (
    SELECT s.id, s.urn, s.name, coalesce(s.pupils_on_roll, 0) AS roll, m.partnership_id
    FROM school s
    JOIN partnership_membership m ON m.school_id = s.id AND m.academic_year_id = %(year)s
    WHERE s.is_open {partnership}
)"""
LIVE = """t.deleted_at IS NULL AND t.start_date <= %(today)s
    AND (t.actual_end_date IS NULL OR t.actual_end_date >= %(today)s)"""
SUSPENSION = "e.kind = 'suspension'"
WHOLE_YEAR = "o.time_identifier = 'Academic year'"
MONTH = "extract(month FROM e.start_date)"
PER_SCHOOL = f"""WITH {SCOPE},
by_pupil AS (
    SELECT e.school_id, e.pupil_ref,
        count(*) FILTER (WHERE {SUSPENSION}) AS suspensions,
        count(*) FILTER (WHERE NOT {SUSPENSION}) AS permanent,
        count(*) FILTER (WHERE {SUSPENSION} AND {MONTH} >= 9) AS autumn,
        count(*) FILTER (WHERE {SUSPENSION} AND {MONTH} <= 3) AS spring,
        count(*) FILTER (WHERE {SUSPENSION} AND {MONTH} BETWEEN 4 AND 8) AS summer
    FROM exclusion_incident e JOIN scope ON scope.id = e.school_id
    WHERE e.deleted_at IS NULL AND e.start_date BETWEEN %(start)s AND %(end)s
    GROUP BY e.school_id, e.pupil_ref
),
incidents AS (
    SELECT school_id, sum(suspensions) AS suspensions,
        count(*) FILTER (WHERE suspensions > 0) AS pupils, sum(permanent) AS permanent,
        sum(autumn) AS autumn, sum(spring) AS spring, sum(summer) AS summer
    FROM by_pupil GROUP BY school_id
),
audits AS (
    SELECT a.school_id, a.status, array_agg(x.score ORDER BY x.position) AS scores
    FROM audit a JOIN scope ON scope.id = a.school_id
    LEFT JOIN snapshot_area_score x ON x.snapshot_id = a.latest_snapshot_id
    WHERE a.academic_year_id = %(year)s
    GROUP BY a.school_id, a.status
),
timetables AS (
    SELECT t.school_id, count(*) AS running
    FROM part_time_timetable t JOIN scope ON scope.id = t.school_id
    WHERE {LIVE}
    GROUP BY t.school_id
),
official AS (
    -- DfE's "Academic year" row when published, else the sum of the terms (unknown if any
    -- term's figure is missing), as area_partnerships/official_exclusions.py works it out.
    SELECT o.school_id,
        CASE WHEN bool_or({WHOLE_YEAR}) THEN max(o.suspension) FILTER (WHERE {WHOLE_YEAR})
            WHEN bool_and(o.suspension IS NOT NULL) THEN sum(o.suspension) END AS suspension,
        CASE WHEN bool_or({WHOLE_YEAR}) THEN max(o.perm_excl) FILTER (WHERE {WHOLE_YEAR})
            WHEN bool_and(o.perm_excl IS NOT NULL) THEN sum(o.perm_excl) END AS perm_excl
    FROM official_exclusion_figure o JOIN scope ON scope.id = o.school_id
    WHERE o.time_period = %(dfe)s
    GROUP BY o.school_id
)
SELECT scope.urn, scope.name, scope.roll, coalesce(audits.status, 'not_started'), audits.scores,
    coalesce(i.suspensions, 0), coalesce(i.pupils, 0), coalesce(i.permanent, 0),
    coalesce(i.autumn, 0), coalesce(i.spring, 0), coalesce(i.summer, 0),
    coalesce(timetables.running, 0), o.suspension, o.perm_excl
FROM scope
LEFT JOIN audits ON audits.school_id = scope.id
LEFT JOIN incidents i ON i.school_id = scope.id
LEFT JOIN timetables ON timetables.school_id = scope.id
LEFT JOIN official o ON o.school_id = scope.id
ORDER BY scope.name"""
PARTICIPATION = f"""WITH {SCOPE}
SELECT coalesce(a.status, 'not_started'), count(*)
FROM scope LEFT JOIN audit a ON a.school_id = scope.id AND a.academic_year_id = %(year)s
GROUP BY 1"""
MEDIANS = f"""WITH {SCOPE.format(partnership="")},
scores AS (
    SELECT x.area_code, x.score, scope.partnership_id
    FROM audit a JOIN scope ON scope.id = a.school_id
    JOIN snapshot_area_score x ON x.snapshot_id = a.latest_snapshot_id
    WHERE a.academic_year_id = %(year)s AND x.score IS NOT NULL
),
medians AS (
    SELECT area_code,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY score) FILTER (WHERE {{mine}}) AS mine,
        count(*) FILTER (WHERE {{mine}}) AS my_schools,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS council,
        count(*) AS council_schools
    FROM scores GROUP BY area_code
)
SELECT fa.code, fa.title, medians.mine, medians.my_schools, medians.council,
    medians.council_schools
FROM framework_area fa JOIN framework f ON f.id = fa.framework_id
LEFT JOIN medians ON medians.area_code = fa.code
WHERE f.academic_year_id = %(year)s
ORDER BY fa.position"""
DISTRIBUTION = f"""WITH {SCOPE}
SELECT st.code, st.title, r.rating, count(*)
FROM audit a JOIN scope ON scope.id = a.school_id
JOIN snapshot_rating r ON r.snapshot_id = a.latest_snapshot_id
JOIN standard st ON st.id = r.standard_id
JOIN framework_area fa ON fa.id = st.area_id
WHERE a.academic_year_id = %(year)s AND r.rating IS NOT NULL
GROUP BY fa.position, st.position, st.code, st.title, r.rating
ORDER BY fa.position, st.position, r.rating"""
TRAINING = f"""WITH {SCOPE},
by_school AS (
    SELECT n.topic_code, scope.name,
        count(*) FILTER (WHERE n.source = 'derived') AS derived,
        count(*) FILTER (WHERE n.source = 'requested') AS requested
    FROM training_need n JOIN audit a ON a.id = n.audit_id
    JOIN scope ON scope.id = a.school_id
    WHERE a.academic_year_id = %(year)s
    GROUP BY n.topic_code, scope.id, scope.name
)
SELECT coalesce(tt.title, b.topic_code) AS title, count(*) AS schools, sum(b.derived),
    sum(b.requested), string_agg(b.name, ', ' ORDER BY b.name), b.topic_code
FROM by_school b
LEFT JOIN (
    SELECT t.code, t.title FROM training_topic t JOIN framework f ON f.id = t.framework_id
    WHERE f.academic_year_id = %(year)s
) tt ON tt.code = b.topic_code
GROUP BY b.topic_code, tt.title
ORDER BY schools DESC, title"""
TRAINING_SCHOOLS = f"""WITH {SCOPE}
SELECT scope.urn, scope.name, array_agg(DISTINCT n.topic_code)
FROM training_need n JOIN audit a ON a.id = n.audit_id
JOIN scope ON scope.id = a.school_id
WHERE a.academic_year_id = %(year)s
GROUP BY scope.id, scope.urn, scope.name
ORDER BY scope.name, scope.urn"""
BY_SEN = f"""WITH {SCOPE}
SELECT e.sen_status, count(*)
FROM exclusion_incident e JOIN scope ON scope.id = e.school_id
WHERE e.deleted_at IS NULL AND e.start_date BETWEEN %(start)s AND %(end)s AND {SUSPENSION}
GROUP BY e.sen_status"""
TIMETABLES = f"""WITH {SCOPE}
SELECT t.sen_status, t.reason, GROUPING(t.sen_status, t.reason), count(*),
    count(*) FILTER (WHERE t.council_notified_date IS NULL),
    round(avg(t.planned_end_date - t.start_date), 1),
    count(*) FILTER (WHERE coalesce(r.last, t.start_date) < %(overdue_before)s)
FROM part_time_timetable t JOIN scope ON scope.id = t.school_id
LEFT JOIN LATERAL (
    SELECT max(review_date) AS last FROM timetable_review WHERE timetable_id = t.id
) r ON true
WHERE {LIVE}
GROUP BY GROUPING SETS ((t.sen_status), (t.reason), ())"""
COMPLIANCE = f"""WITH {SCOPE},
items AS (
    SELECT i.id, i.code, i.title, i.position
    FROM checklist_item i JOIN checklist_version v ON v.id = i.version_id
    WHERE v.academic_year_id = %(year)s
),
met AS (
    SELECT c.school_id, ans.item_id
    FROM checklist c JOIN scope ON scope.id = c.school_id
    JOIN checklist_answer ans ON ans.checklist_id = c.id
    WHERE c.academic_year_id = %(year)s AND ans.status = 'met'
),
fully AS (
    SELECT school_id FROM met GROUP BY school_id
    HAVING count(*) = (SELECT count(*) FROM items)
)
SELECT i.code, i.title, (SELECT count(*) FROM scope) - count(met.item_id) AS missing,
    (SELECT count(*) FROM fully), (SELECT count(*) FROM scope)
FROM items i LEFT JOIN met ON met.item_id = i.id
GROUP BY i.code, i.title, i.position
ORDER BY missing DESC, i.position"""
CHANGES = f"""WITH {SCOPE},
previous AS (
    SELECT id FROM academic_year WHERE start_date < %(start)s ORDER BY start_date DESC LIMIT 1
),
means AS (
    SELECT r.standard_id, a.academic_year_id, avg(r.rating) AS mean
    FROM audit a JOIN scope ON scope.id = a.school_id
    JOIN snapshot_rating r ON r.snapshot_id = a.latest_snapshot_id
    WHERE a.academic_year_id IN (%(year)s, (SELECT id FROM previous)) AND r.rating IS NOT NULL
    GROUP BY r.standard_id, a.academic_year_id
)
SELECT st.code, st.title, round(now.mean, 2), round(before.mean, 2)
FROM standard st JOIN framework f ON f.id = st.framework_id
JOIN means now ON now.standard_id = st.id AND now.academic_year_id = %(year)s
JOIN means before ON before.standard_id = st.predecessor_id
    AND before.academic_year_id = (SELECT id FROM previous)
WHERE f.academic_year_id = %(year)s"""
TREND = f"""WITH {SCOPE}
SELECT extract(year FROM e.start_date - interval '8 months') AS starts,
    count(*) FILTER (WHERE {SUSPENSION}), count(*) FILTER (WHERE NOT {SUSPENSION})
FROM exclusion_incident e JOIN scope ON scope.id = e.school_id
WHERE e.deleted_at IS NULL
GROUP BY 1 ORDER BY 1"""
FLOOR = {
    "schools": PER_SCHOOL,
    "participation": PARTICIPATION,
    "medians": MEDIANS,
    "distribution": DISTRIBUTION,
    "training": TRAINING,
    "by_sen": BY_SEN,
    "timetables": TIMETABLES,
    "compliance": COMPLIANCE,
    "changes": CHANGES,
    "trend": TREND,
}


def floor_connection(conninfo: str) -> psycopg.Connection:
    """JIT off: compiling these plans costs more than it saves (up to 0.7 s a statement)."""
    connection = psycopg.connect(conninfo)
    connection.execute("SET jit = off")
    connection.commit()
    return connection


def floor_rows(
    connection: psycopg.Connection, target: Target, export: bool = False
) -> dict[str, list[tuple]]:
    """Every figure of the dashboard (all rows fetched), one statement per block; for the
    export also each school's training topics (its sheet of long lists)."""
    mine = "partnership_id = %(partnership)s" if target.partnership_id else "true"
    partnership = "AND m.partnership_id = %(partnership)s" if target.partnership_id else ""
    parameters = {
        "year": target.year_id,
        "partnership": target.partnership_id,
        "start": target.start,
        "end": target.end,
        "dfe": target.dfe_code,
        "today": target.today,
        "overdue_before": target.today - REVIEW_INTERVAL,
    }
    found = {}
    with connection.cursor() as cursor:
        blocks = FLOOR | ({"training_schools": TRAINING_SCHOOLS} if export else {})
        for name, sql in blocks.items():
            statement = sql.format(partnership=partnership, mine=mine)
            found[name] = cursor.execute(statement, parameters).fetchall()
    return found


# xlsxwriter writing the export's cells directly, from the floor's rows


class Direct:
    """A constant_memory workbook, each sheet written top to bottom: header, then rows."""

    def __init__(self) -> None:
        self.buffer = BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.cells = 0

    def sheet(self, name: str, header: list[str], rows: list[list[Any]]) -> None:
        sheet = self.book.add_worksheet(name)
        sheet.write_row(0, 0, header)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, row)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        self.cells += len(header) + sum(len(row) for row in rows)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def direct_workbook(figures: dict[str, list[tuple]], council: Target) -> tuple[bytes, int]:
    book = Direct()
    schools = figures["schools"]
    counts = dict(figures["participation"])
    taking_part = sum(counts.get(s, 0) for s in ("submitted", "signed_off", "reviewed"))
    compliance = figures["compliance"]
    fully, total = (compliance[0][3], compliance[0][4]) if compliance else (0, len(schools))
    book.sheet(
        "Summary",
        ["Area", "Whole council"],
        [
            ["Academic year", council.year_label],
            ["Phase", "All phases"],
            ["Produced", str(date.today())],
            ["Schools", len(schools)],
            ["Schools that have submitted their audit", taking_part],
            ["Share taking part (%)", round(100 * taking_part / max(len(schools), 1))],
            ["Schools fully compliant on their website (%)", round(100 * fully / max(total, 1))],
            ["Suppression threshold", 5],
        ],
    )
    book.sheet("Participation", ["Audit status", "Schools"], [list(r) for r in counts.items()])
    medians = [[title, mine, council_median] for _, title, mine, _, council_median, _ in
               figures["medians"]]  # fmt: skip
    book.sheet("Area medians", ["Area", "Whole council median", "Council median"], medians)
    areas = [row[0] for row in figures["medians"]]
    results = [[s[0], s[1], *(s[4] or [None] * len(areas))] for s in schools]
    book.sheet("Audit results", ["URN", "School", *areas], results)
    training = [[t, n, d, r, _listed(n, names)] for t, n, d, r, names, _ in figures["training"]]
    header = ["Topic", "Schools", "From ratings", "Asked for", "Which schools"]
    book.sheet("Training needs", header, training)
    _training_schools(book, figures)
    book.sheet("Suspensions", EXCLUSION_HEADER, _exclusion_cells(schools))
    book.sheet("Part-time timetables", ["Measure", "Value"], _timetable_cells(figures))
    book.sheet("Notes", ["Topic", "Note"], [list(note) for note in NOTES])
    return book.close(), book.cells


def _listed(schools: int, names: str) -> str:
    """The export never cuts a list at Excel's cell limit: it points to its own sheet."""
    return names if len(names) <= CELL_LIMIT else f"{schools:,} schools: see '{SCHOOLS_SHEET}'"


def _training_schools(book: Direct, figures: dict[str, list[tuple]]) -> None:
    """As the export: one row per school, a "Yes" column per topic whose list is too long."""
    long = [(code, title) for title, _, _, _, names, code in figures["training"]
            if len(names) > CELL_LIMIT]  # fmt: skip
    if not long:
        return
    columns = {code: col for col, (code, _) in enumerate(long, start=2)}
    sheet = book.book.add_worksheet(SCHOOLS_SHEET)
    sheet.write_row(0, 0, ["URN", "School", *(title for _, title in long)])
    rows = [(urn, name, [columns[c] for c in codes if c in columns])
            for urn, name, codes in figures["training_schools"]]  # fmt: skip
    rows = [row for row in rows if row[2]]
    for number, (urn, name, cols) in enumerate(rows, start=1):
        sheet.write_string(number, 0, urn)
        sheet.write_string(number, 1, name)
        for col in cols:
            sheet.write_string(number, col, "Yes")
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(long) + 1)
    book.cells += len(long) + 2 + sum(2 + len(cols) for _, _, cols in rows)


EXCLUSION_HEADER = [
    "Name", "Pupils on roll", "Suspensions", "Suspension rate", "Pupils suspended",
    "One-plus rate", "Permanent exclusions", "Official suspensions (DfE)",
]  # fmt: skip


def _exclusion_cells(schools: list[tuple]) -> list[list[Any]]:
    def rate(count: int, roll: int) -> float | None:
        return round(100 * count / roll, 2) if roll else None

    rows = [
        [s[1], s[2], s[5], rate(s[5], s[2]), s[6], rate(s[6], s[2]), s[7], s[12]] for s in schools
    ]
    roll, suspended, pupils = (sum(s[i] for s in schools) for i in (2, 5, 6))
    total = ["Whole council", roll, suspended, rate(suspended, roll), pupils, rate(pupils, roll)]
    return [*rows, [*total, sum(s[7] for s in schools), None]]


def _timetable_cells(figures: dict[str, list[tuple]]) -> list[list[Any]]:
    rows = figures["timetables"]
    overall = next((r for r in rows if r[2] == 3), None)
    current, not_notified, overdue = (overall[3], overall[4], overall[6]) if overall else (0, 0, 0)
    cells = [
        ["Running today", current],
        ["With a review overdue", overdue],
        ["Not notified to the council", not_notified],
    ]
    cells += [[f"SEN status: {r[0]}", r[3]] for r in rows if r[2] == 1]
    return cells + [[f"Reason: {r[1]}", r[3]] for r in rows if r[2] == 2]


# The table of figures


def _ms(values: list[float], p: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{1000 * ordered[max(0, math.ceil(p * len(ordered)) - 1)]:,.1f}"


PAGES = {"partnership": "partnership dashboard", "council": "council dashboard"}


def print_table(groups: list[tuple[str, list[Result]]], exports: list[Result]) -> None:
    print()
    print(
        f"{'dashboard request':72} {'median ms':>10} {'p95 ms':>10} {'statements':>10} {'runs':>5}"
    )
    for name, results in groups:
        print(name)
        for result in results:
            if result.problem and not result.seconds():
                print(f"  {result.label:70} {result.problem}")
                continue
            seconds = result.seconds()
            median = f"{1000 * statistics.median(seconds):,.1f}" if seconds else "-"
            target = curve.target_cell(PAGES.get(name, name), curve.median_ms(seconds))
            print(
                f"  {result.label:70} {median:>10} {_ms(seconds, 0.95):>10} "
                f"{result.cell('statements'):>10} {len(seconds):>5}"
                + (f"  (then {result.problem})" if result.problem else "")
                + (f"  {target}" if result.label.startswith("GET") and target else "")
            )
    print()
    print(f"{'council-wide XLSX export':72} {'median s':>10} {'traced MB':>10} {'maxrss +MB':>10}")
    for result in exports:
        if result.problem and not result.seconds():
            print(f"  {result.label:70} {result.problem}")
            continue
        traced = max((s.get("traced", 0) for s in result.samples), default=0)
        rss = max((s.get("rss", 0) for s in result.samples), default=0)
        size = max((s.get("bytes", 0) for s in result.samples), default=0)
        cells = f", {result.cell('cells')} cells" if result.cell("cells") != "-" else ""
        print(
            f"  {result.label:70} {statistics.median(result.seconds()):>10.2f} "
            f"{traced / MB:>10,.0f} {rss / MB:>10,.0f}  ({size / MB:,.1f} MB file{cells})"
        )


if __name__ == "__main__":
    main()
