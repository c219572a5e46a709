"""The floor for the exclusions import: the database's own bulk path, storing the same rows.

PostgreSQL: `COPY` the whole file into a temporary table of text columns, then one
`INSERT ... SELECT` that joins the schools, turns DfE symbols into missing values kept in
`symbols` and casts the figures. SQLite: the `csv` module and `executemany` into a temporary
table in one transaction, then the same `INSERT ... SELECT`. No validation, no report: what the
import's writing costs at least, to compare the import with.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import text

from inclusion.extensions import db

FIGURES = (
    ("headcount", 2),
    ("perm_excl", 2),
    ("perm_excl_rate", 5),
    ("suspension", 2),
    ("susp_rate", 5),
    ("one_plus_susp", 2),
    ("one_plus_susp_rate", 5),
)
SYMBOLS = "('c','x','z','low','u',':','~')"
BATCH = 50_000


def floor_import(path: Path) -> int:
    """Store the file's rows for known schools; returns how many rows were stored."""
    connection = db.session.connection()
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(f'"{name}" text' for name in header)
    connection.execute(text(f"CREATE TEMP TABLE floor_raw ({columns})"))
    if connection.dialect.name == "postgresql":
        _copy(connection, path)
    else:
        _executemany(connection, path, len(header))
    stored = connection.execute(text(_insert(connection.dialect.name))).rowcount
    connection.execute(text("DROP TABLE floor_raw"))
    db.session.commit()
    return stored


def _copy(connection, path: Path) -> None:
    cursor = connection.connection.dbapi_connection.cursor()
    with (
        path.open("rb") as handle,
        cursor.copy("COPY floor_raw FROM STDIN (FORMAT csv, HEADER true)") as copy,
    ):
        while block := handle.read(1024 * 1024):
            copy.write(block)


def _executemany(connection, path: Path, width: int) -> None:
    cursor = connection.connection.dbapi_connection.cursor()
    marks = ", ".join("?" * width)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        while batch := [row for _, row in zip(range(BATCH), reader, strict=False)]:
            cursor.executemany(f"INSERT INTO floor_raw VALUES ({marks})", batch)


def _insert(dialect: str) -> str:
    names = ", ".join(name for name, _ in FIGURES)
    values = ", ".join(_figure(name, scale, dialect) for name, scale in FIGURES)
    return (
        "INSERT INTO official_exclusion_figure (urn, school_id, time_period, time_identifier, "
        f"la_code, school_name, {names}, symbols, source, imported_at) "
        "SELECT r.school_urn, s.id, r.time_period, r.time_identifier, "
        "nullif(r.old_la_code, ''), nullif(r.school_name, ''), "
        f"{values}, {_symbols(dialect)}, 'floor', CURRENT_TIMESTAMP "
        "FROM floor_raw r JOIN school s ON s.urn = r.school_urn"
    )


def _figure(name: str, scale: int, dialect: str) -> str:
    cast = (
        f"CAST(r.{name} AS numeric(12, {scale}))"
        if dialect == "postgresql"
        else f"round(CAST(r.{name} AS REAL), {scale})"
    )
    return f"CASE WHEN lower(r.{name}) IN {SYMBOLS} THEN NULL ELSE {cast} END"


def _symbols(dialect: str) -> str:
    """{figure: symbol} for the figures holding one; a null value drops its key."""
    pairs = ", ".join(
        f"'{name}', CASE WHEN lower(r.{name}) IN {SYMBOLS} THEN lower(r.{name}) END"
        for name, _ in FIGURES
    )
    if dialect == "postgresql":
        return f"CAST(jsonb_strip_nulls(jsonb_build_object({pairs})) AS json)"
    return f"json_patch('{{}}', json_object({pairs}))"
