"""Writing a checked DfE school-level file: bulk upserts, schools the portal lacks set aside.

A row for a school the portal does not know is counted as set aside and not stored: figures
nobody can see would only make the table (and a national file) larger. Once the school is
added, importing the same file again stores its rows, as inserted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.sql.dml import Insert

from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.graduated_response.imports import numbers, upserts
from inclusion.graduated_response.imports.official import OfficialFile, Plan, rows
from inclusion.graduated_response.imports.official_checks import canonical_identifiers
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.schools.models import School

BATCH_ROWS = 5_000
KEY = ("urn", "time_period", "time_identifier")
TEXT_LIMIT = 100


def write(plan: Plan, report: ImportReport) -> None:
    """Write a file checked by `official_checks.validate`, read again in chunks."""
    write_frames(plan.spec, rows(plan), plan.label, report)


def write_frames(
    spec: OfficialFile, frames: Iterable[pd.DataFrame], label: str, report: ImportReport
) -> None:
    """Upsert checked rows (under `spec`'s column names) in batches, counting what changed."""
    school_ids = dict(db.session.execute(select(School.urn, School.id)).tuples().all())
    statement = upserts.upsert(spec.table, KEY)
    now = utcnow()
    # No stored row can match when the table starts empty (the file has no repeated keys).
    started_empty = db.session.scalar(select(spec.table.c.id).limit(1)) is None
    batch: list[dict[str, Any]] = []
    for frame in frames:
        known = frame["school_urn"].isin(school_ids)
        report.set_aside += int((~known).sum())
        batch.extend(_records(frame[known], spec, school_ids, label, now))
        while len(batch) >= BATCH_ROWS:
            _flush(batch[:BATCH_ROWS], spec, statement, report, started_empty)
            batch = batch[BATCH_ROWS:]
    _flush(batch, spec, statement, report, started_empty)


def _records(
    frame: pd.DataFrame, spec: OfficialFile, school_ids: dict[str, int], label: str, now: datetime
) -> list[dict[str, Any]]:
    """Rows as dicts of column values, built column by column."""
    urns = frame["school_urn"].tolist()
    columns: dict[str, list[Any]] = {
        "urn": urns,
        "school_id": [school_ids[urn] for urn in urns],
        "time_period": frame["time_period"].tolist(),
        "time_identifier": frame["time_identifier"]
        .str.lower()
        .map(canonical_identifiers(spec))
        .tolist(),
        "la_code": [code or None for code in frame["old_la_code"].tolist()],
        "school_name": [name or None for name in frame["school_name"].tolist()],
        "symbols": _symbols(frame, spec),
    }
    for file_column, stored in spec.texts.items():
        values = frame[file_column].tolist() if file_column in frame else [""] * len(frame)
        columns[stored] = [value[:TEXT_LIMIT] or None for value in values]
    columns |= {c.name: numbers.decimals(frame[c.name], c) for c in spec.numbers}
    fixed = {"source": f"{spec.source}: {label}"[:200], "imported_at": now}
    names = list(columns)
    values = zip(*columns.values(), strict=True)
    return [dict(zip(names, row, strict=True), **fixed) for row in values]


def _symbols(frame: pd.DataFrame, spec: OfficialFile) -> list[dict[str, str]]:
    """{column: symbol} for each row, in the portal's meaning of each symbol; most rows have
    none, so only those with one are built."""
    found = pd.DataFrame({name: numbers.symbols_in(frame[name]) for name in spec.figures})
    symbols: list[dict[str, str]] = [{} for _ in range(len(frame))]
    with_any = (found != "").any(axis=1).to_numpy()
    meanings = spec.symbol_meanings
    for position in with_any.nonzero()[0]:
        row = found.iloc[position]
        symbols[position] = {
            name: meanings.get(symbol, symbol) for name, symbol in row.items() if symbol
        }
    return symbols


def _flush(
    batch: list[dict[str, Any]],
    spec: OfficialFile,
    statement: Insert,
    report: ImportReport,
    started_empty: bool,
) -> None:
    if not batch:
        return
    compared = _compared(spec)
    existing = {} if started_empty else _existing(batch, spec, compared)
    to_write = []
    for record in batch:
        old = existing.get(tuple(record[name] for name in KEY))
        if old is None:
            report.inserted += 1
        elif old != tuple(record[name] for name in compared):
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        to_write.append(record)
    if to_write:
        db.session.execute(statement, to_write)


def _compared(spec: OfficialFile) -> tuple[str, ...]:
    """Decimals compare by value whatever their scale ("12.0" equals 12.00); symbols as dicts."""
    return ("school_id", "la_code", "school_name", *spec.texts.values(), *spec.figures, "symbols")


def _existing(
    batch: list[dict[str, Any]], spec: OfficialFile, compared: tuple[str, ...]
) -> dict[tuple, tuple]:
    """The stored figures for the batch's keys, fetched through the URN index."""
    table = spec.table
    keys = {tuple(record[name] for name in KEY) for record in batch}
    query = select(*(table.c[name] for name in KEY), *(table.c[n] for n in compared)).where(
        table.c.urn.in_({key[0] for key in keys}),
        table.c.time_period.in_({key[1] for key in keys}),
        table.c.time_identifier.in_({key[2] for key in keys}),
    )
    stored = {}
    for row in db.session.execute(query):
        key = tuple(row[: len(KEY)])
        if key in keys:
            stored[key] = tuple(row[len(KEY) :])
    return stored
