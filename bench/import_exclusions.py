"""Benchmark: import a national-size DfE school-level exclusions file.

    .venv/bin/python bench/import_exclusions.py [--rows 550000] [--database-url URL]

Generates a deterministic file (~550,000 rows, the DfE columns, some suppression symbols) in a
temporary folder, times pandas merely reading it, then imports it twice into a fresh database
built by the app's migrations: first timed (rows per second), then again (every row unchanged)
under tracemalloc for peak traced memory. Also prints the process's peak resident size.

The default database is a temporary SQLite file. A PostgreSQL URL must name a database made for
the benchmark (its name starts with "bench"): its public schema is dropped and rebuilt.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, make_url, text

from inclusion import create_app
from inclusion.config import Config
from inclusion.extensions import db
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.schools.models import School

HEADER = [
    "time_identifier",
    "time_period",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "estab",
    "school_laestab",
    "school_urn",
    "school_name",
    "trust_name",
    "academy_type",
    "academy_open_date",
    "education_phase",
    "headcount",
    "perm_excl",
    "perm_excl_rate",
    "suspension",
    "susp_rate",
    "one_plus_susp",
    "one_plus_susp_rate",
]
PERIODS = ("201819", "201920", "202021", "202122", "202223", "202324")
TERMS = ("Autumn term", "Spring term", "Summer term", "Academic year")
SYMBOLS = ("c", "x", "z", "low", "u")
SEED = 20_250_601
MB = 1024 * 1024


def main() -> None:
    options = _arguments()
    with tempfile.TemporaryDirectory(prefix="inclusion-bench-") as folder:
        path = Path(folder) / "exclusions_school_level.csv"
        started = time.perf_counter()
        generate(path, options.rows)
        print(
            f"rows: {options.rows:,} ({path.stat().st_size / MB:.1f} MB file, generated in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        url = options.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = fresh_app(url)
        print(f"database: {make_url(url).get_backend_name()} (schema built by the migrations)")
        with app.app_context():
            run_imports(path, options.rows)
        seconds = _timed(lambda: pd.read_csv(path, dtype=str))
        print(
            f"pandas read_csv(path, dtype=str) alone: {seconds:.1f} s "
            f"({options.rows / seconds:,.0f} rows/s)"
        )
        print(f"maxrss after the pandas read as well: {_maxrss_mb():,.0f} MB")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=550_000)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    return parser.parse_args()


def add_schools(rows: int) -> None:
    """The file's schools, so that its rows are stored (rows for unknown schools are set aside)."""
    schools = [
        {"urn": f"{100000 + number}", "name": f"School number {number}", "phase": "primary"}
        for number in range(-(-rows // 24))
    ]
    db.session.execute(insert(School), schools)
    db.session.commit()


def run_imports(path: Path, rows: int) -> None:
    add_schools(rows)
    started = time.perf_counter()
    first = import_exclusions(path)
    seconds = time.perf_counter() - started
    _check(first)
    print(
        f"import into a fresh database: {seconds:.1f} s, {rows / seconds:,.0f} rows/s "
        f"(inserted {first.inserted:,}, set aside {first.set_aside:,})"
    )
    print(f"maxrss after the import: {_maxrss_mb():,.0f} MB")
    tracemalloc.start()
    started = time.perf_counter()
    second = import_exclusions(path)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    _check(second)
    print(
        f"same file again, under tracemalloc (which slows it): {seconds:.1f} s "
        f"(inserted {second.inserted}, updated {second.updated}, "
        f"unchanged {second.unchanged:,}); tracemalloc peak {peak / MB:,.0f} MB"
    )


def _check(report: ImportReport) -> None:
    if not report.succeeded:
        sys.exit("\n".join(report.error_lines()[:20]))


def generate(path: Path, rows: int) -> None:
    """A deterministic file ordered as DfE's is: by period and term, then school."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for count, row in enumerate(_rows(rows)):
            if count == rows:
                break
            writer.writerow(row)


def _rows(rows: int) -> Iterator[list[str]]:
    random_numbers = random.Random(SEED)
    schools = [_school(number, random_numbers) for number in range(-(-rows // 24))]
    for period in PERIODS:
        for term in TERMS:
            for school in schools:
                yield [term, period, *school, *_figures(school, term, random_numbers)]


def _school(number: int, random_numbers: random.Random) -> list[str]:
    la = 201 + number % 150
    estab = 2000 + number // 150
    phase = random_numbers.choice(("Primary", "Primary", "Primary", "Secondary", "Special"))
    return [
        "School", "E92000001", "England", f"E1200000{la % 9 + 1}", "Region",
        str(la), f"E1000{la:04d}", f"Council {la}", str(estab), f"{la}{estab}",
        f"{100000 + number}", f"School number {number}, {phase}", "", "", "", phase,
    ]  # fmt: skip


def _figures(school: list[str], term: str, random_numbers: random.Random) -> list[str]:
    headcount = random_numbers.randint(40, 400 if school[-1] == "Primary" else 1800)
    scale = 3 if term == "Academic year" else 1
    suspensions = int(random_numbers.expovariate(1 / (headcount * 0.01 * scale)))
    pupils = min(suspensions, int(suspensions * random_numbers.uniform(0.5, 1)))
    permanent = int(random_numbers.random() < 0.02 * scale)
    figures = [headcount, permanent, suspensions, pupils]
    values = [str(headcount)]
    for count in figures[1:]:
        values += [str(count), f"{count / headcount * 100:.5f}".rstrip("0").rstrip(".")]
    if random_numbers.random() < 0.05:
        symbol = random_numbers.choice(SYMBOLS)
        values[1:] = [symbol] * len(values[1:])
    return values


def fresh_app(url: str) -> Flask:
    if url.startswith("postgresql"):
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
    name = make_url(url).database or ""
    if not name.startswith("bench"):
        sys.exit(
            f"Refusing to empty the database {name!r}: use one made for the benchmark, "
            "named bench..."
        )
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


if __name__ == "__main__":
    main()
