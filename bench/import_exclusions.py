"""Benchmark: import a national-size DfE school-level exclusions file.

    .venv/bin/python bench/import_exclusions.py [--rows 550000] [--database-url URL]

Generates a deterministic file (~550,000 rows, the DfE columns, some suppression symbols) in a
temporary folder and a fresh database built by the app's migrations, then measures, each in a
fresh child process (time, peak resident size and its growth during the work): the floor
(`import_floor.py`: COPY or executemany into a temporary table and one INSERT ... SELECT storing
the same rows), the import into the emptied table, the same file again (every row unchanged;
`--tracemalloc` adds a traced run) and pandas merely reading the file.

The default database is a temporary SQLite file. A PostgreSQL URL must name a database made for
the benchmark (its name starts with "bench"): its public schema is dropped and rebuilt.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from flask import Flask
from flask_migrate import upgrade
from import_floor import floor_import  # bench/ is on the path when run as a script
from sqlalchemy import create_engine, delete, insert, make_url, text

from inclusion import create_app
from inclusion.config import Config
from inclusion.extensions import db
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.graduated_response.models import OfficialExclusionFigure
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
            add_schools(options.rows)
            db.engine.dispose()
        results = measure_all(app, path, options)
        print_table(results, options.rows)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=550_000)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace the re-import's peak (slow)"
    )
    return parser.parse_args()


def add_schools(rows: int) -> None:
    """The file's schools, so that its rows are stored (rows for unknown schools are set aside)."""
    schools = [
        {"urn": f"{100000 + number}", "name": f"School number {number}", "phase": "primary"}
        for number in range(-(-rows // 24))
    ]
    db.session.execute(insert(School), schools)
    db.session.commit()


def measure_all(app: Flask, path: Path, options: argparse.Namespace) -> list[Measured]:
    """Each measurement in a fresh child process: the floor, then the import into the emptied
    table, then the same file again (nothing changes); pandas alone last."""
    results = [in_child(app, "floor: COPY/executemany + one INSERT ... SELECT", floor, path)]
    with app.app_context():  # emptied as new: TRUNCATE leaves no dead rows on PostgreSQL
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("TRUNCATE official_exclusion_figure"))
        else:
            db.session.execute(delete(OfficialExclusionFigure))
        db.session.commit()
        db.engine.dispose()
    results.append(in_child(app, "import into an empty table", timed_import, path))
    results.append(in_child(app, "same file again (nothing changes)", timed_import, path))
    if options.tracemalloc:
        results.append(in_child(app, "same file again, tracemalloc", traced_import, path))
    results.append(in_child(app, "pandas read_csv(dtype=str) alone", pandas_read, path))
    return results


@dataclass(frozen=True)
class Measured:
    label: str
    seconds: float
    cpu: float
    rss_mb: float
    note: str


def in_child(app: Flask, label: str, work: Callable[[Path], str], path: Path) -> Measured:
    """Run `work` in a forked child; its time, its peak resident size and what it said."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reader)
        with app.app_context():
            before, cpu = _rss_now_mb(), _cpu_seconds()
            started = time.perf_counter()
            note = work(path)
            seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        with os.fdopen(writer, "w") as out:
            grew = _maxrss_mb() - before
            out.write(f"{seconds}\t{cpu}\t{_maxrss_mb()}\t{note}; grew {grew:,.0f} MB")
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as answer:
        said = answer.read()
    os.waitpid(pid, 0)
    if not said:
        sys.exit(f"{label}: the child process failed")
    seconds, cpu, rss, note = said.split("\t", 3)
    measured = Measured(label, float(seconds), float(cpu), float(rss), note)
    print(
        f"{label}: {measured.seconds:.1f} s ({measured.cpu:.1f} s CPU in this process), "
        f"peak RSS {measured.rss_mb:,.0f} MB. {note}"
    )
    return measured


def floor(path: Path) -> str:
    return f"stored {floor_import(path):,}"


def timed_import(path: Path) -> str:
    report = import_exclusions(path)
    _check(report)
    return (
        f"inserted {report.inserted:,}, updated {report.updated:,}, "
        f"unchanged {report.unchanged:,}, set aside {report.set_aside:,}"
    )


def traced_import(path: Path) -> str:
    tracemalloc.start()
    note = timed_import(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return f"{note}; tracemalloc peak {peak / MB:,.0f} MB"


def pandas_read(path: Path) -> str:
    return f"{len(pd.read_csv(path, dtype=str)):,} rows"


def print_table(results: list[Measured], rows: int) -> None:
    floor_seconds = results[0].seconds
    print()
    print("| measurement | seconds | rows/s | x floor | CPU s (this process) | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for item in results:
        print(
            f"| {item.label} | {item.seconds:.1f} | {rows / item.seconds:,.0f} | "
            f"{item.seconds / floor_seconds:.2f} | {item.cpu:.1f} | {item.rss_mb:,.0f} |"
        )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Load average (1, 5, 15 min) at the end: {load}: other work on the")
    print("machine slows every figure; compare ratios from one run, on a quiet machine.")
    print("Targets (issue 22): the import at most 1.5x the floor, peak memory at most 250 MB,")
    print("the re-import no slower than the first import.")


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


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_now_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


if __name__ == "__main__":
    main()
