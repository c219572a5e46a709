"""Importing DfE's school-level suspensions and permanent exclusions file.

Two passes over the file, each streamed in chunks: the first checks every row and holds only
the keys seen (for duplicates); the second, run only when the first found nothing wrong, upserts
in batches in one transaction. A rejected file writes nothing but its ImportRun.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.sql.dml import Insert

from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.graduated_response.imports import numbers, upserts
from inclusion.graduated_response.imports.columns import resolve_columns
from inclusion.graduated_response.imports.files import (
    CHUNK_ROWS,
    LINE,
    CsvSource,
    ImportFileError,
    iter_chunks,
    open_csv,
)
from inclusion.graduated_response.imports.reports import ERRORS_KEPT, ImportReport, add_run
from inclusion.graduated_response.models import OfficialExclusionFigure
from inclusion.schools.models import School

KIND = "dfe_exclusions"
BATCH_ROWS = 5_000
TIME_IDENTIFIERS = ("Autumn term", "Spring term", "Summer term", "Academic year")
NUMBER_COLUMNS = (
    numbers.count("headcount"),
    numbers.count("perm_excl"),
    numbers.rate("perm_excl_rate"),
    numbers.count("suspension"),
    numbers.rate("susp_rate"),
    numbers.count("one_plus_susp"),
    numbers.rate("one_plus_susp_rate"),
)
FIGURES = tuple(column.name for column in NUMBER_COLUMNS)
OLDER_NAMES = {
    "fixed_excl": "suspension",
    "fixed_excl_rate": "susp_rate",
    "one_plus_fixed": "one_plus_susp",
    "one_plus_fixed_rate": "one_plus_susp_rate",
}
REQUIRED = ("time_identifier", "time_period", "old_la_code", "school_urn", "school_name", *FIGURES)
NOTE_STARTS = ("total", "source", "note", "footnote")
_IDENTIFIERS = {name.lower(): name for name in TIME_IDENTIFIERS}
_TERM_NUMBERS = {name.lower(): number for number, name in enumerate(TIME_IDENTIFIERS)}
_COMPARED = ("school_id", "la_code", "school_name", *FIGURES, "symbols")


@dataclass(frozen=True)
class _Plan:
    source: CsvSource
    columns: dict[str, str]  # our name -> the file's spelling
    la_code: str | None
    label: str
    chunk_rows: int


def import_exclusions(
    path: Path,
    *,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    """Validate the whole file, then upsert it in one transaction; record an ImportRun."""
    label = filename or path.name
    report = ImportReport(kind=KIND, filename=label, la_code=la_code or None)
    try:
        plan = _plan(path, la_code or None, label, chunk_rows)
        validate(plan, report)
        if report.succeeded:
            with db.session.begin_nested():  # a savepoint: all of the rows or none of them
                _write(plan, report)
    except ImportFileError as error:
        report.add_error(error.line, error.message)
        report.nothing_saved()
    add_run(report, started_by_id)
    db.session.commit()
    return report


def _plan(path: Path, la_code: str | None, label: str, chunk_rows: int) -> _Plan:
    if la_code is not None and not (la_code.isdigit() and len(la_code) == 3):
        raise ImportFileError(f"The LA code must be three digits, like 933, not '{la_code}'.")
    source = open_csv(path)
    columns = resolve_columns(source.header, REQUIRED, OLDER_NAMES)
    return _Plan(source, columns, la_code, label, chunk_rows)


# ---- reading ---------------------------------------------------------------------------


def _rows(plan: _Plan, report: ImportReport | None = None) -> Iterator[pd.DataFrame]:
    """Chunks of data rows under our column names; blank, notes and other LAs' rows dropped.

    Counts what it drops (and every row read) on `report` when one is given.
    """
    first_column = plan.source.header[0]
    wanted = list(dict.fromkeys([first_column, *plan.columns.values()]))
    for chunk in iter_chunks(plan.source, wanted, plan.chunk_rows):
        frame = pd.DataFrame({name: chunk[actual] for name, actual in plan.columns.items()})
        frame[LINE] = chunk[LINE]
        blank = (chunk[wanted] == "").all(axis=1)
        notes = ~blank & _notes(chunk[first_column], frame)
        outside = ~blank & ~notes & _outside(frame, plan.la_code)
        if report is not None:
            report.rows_read += len(frame)
            report.skipped_blank += int(blank.sum())
            report.skipped_notes += int(notes.sum())
            report.outside_la += int(outside.sum())
        yield frame[~(blank | notes | outside)]


def _notes(first: pd.Series, frame: pd.DataFrame) -> pd.Series:
    """Totals and footnotes: no URN and no time period, or 'Total ...', 'Source: ...' and the
    like in the first column of a row without a URN (so a school named "Source..." is kept)."""
    no_urn = ~frame["school_urn"].str.fullmatch(r"\d{6}")
    starts = first.str.lower().str.startswith(NOTE_STARTS) & no_urn
    return starts | ((frame["school_urn"] == "") & (frame["time_period"] == ""))


def _outside(frame: pd.DataFrame, la_code: str | None) -> pd.Series:
    if la_code is None:
        return pd.Series(False, index=frame.index)
    return frame["old_la_code"] != la_code


def _cleaned(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for name in FIGURES:
        frame[name] = numbers.without_thousands(frame[name])
    return frame


# ---- validation ------------------------------------------------------------------------


def validate(plan: _Plan, report: ImportReport) -> None:
    """Check every row; holds only a dict of keys to lines, for duplicates."""
    seen: dict[int, int] = {}
    for frame in _rows(plan, report):
        frame = _cleaned(frame)
        found = _row_problems(frame) + _duplicates(frame, seen)
        report.error_count += len(found)
        room = ERRORS_KEPT - len(report.errors)
        report.errors.extend(sorted(found, key=lambda item: item[0])[: max(room, 0)])


def _row_problems(frame: pd.DataFrame) -> list[tuple[int, str]]:
    messages = [
        _message(frame, ~frame["school_urn"].str.fullmatch(r"\d{6}"), "school_urn", _urn_text),
        _message(frame, ~_six_digits(frame["time_period"]), "time_period", _period_text),
        _message(frame, _years_apart(frame["time_period"]), "time_period", _sequence_text),
        _message(frame, ~_valid_identifiers(frame), "time_identifier", _identifier_text),
        _message(frame, ~frame["old_la_code"].str.fullmatch(r"(\d{3})?"), "old_la_code", _la_text),
        _message(frame, frame["school_name"].str.len() > 200, "school_name", _name_text),
    ]
    for column in NUMBER_COLUMNS:
        texts = numbers.problems(frame[column.name], column)
        bad = texts != ""
        messages.append(list(zip(frame.loc[bad, LINE].tolist(), texts[bad].tolist(), strict=True)))
    return [item for group in messages for item in group]


def _message(
    frame: pd.DataFrame, bad: pd.Series, column: str, text: Callable[[str], str]
) -> list[tuple[int, str]]:
    rows = frame.loc[bad, [LINE, column]]
    return [(int(line), text(value)) for line, value in rows.itertuples(index=False)]


def _urn_text(value: str) -> str:
    return f"school_urn must be a six-digit URN, not '{value}'"


def _period_text(value: str) -> str:
    return f"time_period must be six digits, like 202425 for 2024/25, not '{value}'"


def _identifier_text(value: str) -> str:
    allowed = ", ".join(TIME_IDENTIFIERS[:-1]) + " or " + TIME_IDENTIFIERS[-1]
    return f"time_identifier must be {allowed}, not '{value}'"


def _la_text(value: str) -> str:
    return f"old_la_code must be a three-digit LA code, like 933, not '{value}'"


def _name_text(value: str) -> str:
    return f"school_name is longer than 200 characters: '{value[:40]}...'"


def _sequence_text(value: str) -> str:
    return (
        f"time_period {value} is not an academic year: the year after {value[:4]} "
        f"ends in {(int(value[:4]) + 1) % 100:02d}, not {value[4:]}"
    )


def _six_digits(periods: pd.Series) -> pd.Series:
    return periods.str.fullmatch(r"\d{6}")


def _years_apart(periods: pd.Series) -> pd.Series:
    """Six-digit periods whose second year does not follow the first (202426)."""
    shaped = _six_digits(periods)
    first = pd.to_numeric(periods.str[:4].where(shaped, "0"))
    second = pd.to_numeric(periods.str[4:].where(shaped, "1"))
    return shaped & (second != (first + 1) % 100)


def _valid_identifiers(frame: pd.DataFrame) -> pd.Series:
    return frame["time_identifier"].str.lower().isin(_IDENTIFIERS)


def _duplicates(frame: pd.DataFrame, seen: dict[int, int]) -> list[tuple[int, str]]:
    """Keys seen before (in this chunk or an earlier one), each naming the line it repeats.

    A key is packed into one integer (URN, period, term) so that the national file's 550,000
    keys fit in a few tens of megabytes. Rows with a malformed key are reported elsewhere.
    """
    term = frame["time_identifier"].str.lower().map(_TERM_NUMBERS)
    usable = (
        frame["school_urn"].str.fullmatch(r"\d{6}") & _six_digits(frame["time_period"])
    ) & term.notna()
    rows = frame[usable]
    keys = (
        rows["school_urn"].astype("int64") * 10_000_000
        + rows["time_period"].astype("int64") * 10
        + term[usable].astype("int64")
    )
    found = []
    for key, line, position in zip(
        keys.tolist(), rows[LINE].tolist(), range(len(rows)), strict=True
    ):
        earlier = seen.setdefault(key, line)
        if earlier != line:
            found.append((int(line), _repeat_text(rows.iloc[position], earlier)))
    return found


def _repeat_text(row: pd.Series, earlier: int) -> str:
    label = _IDENTIFIERS[row["time_identifier"].lower()]
    return (
        f"repeats line {earlier}: URN {row['school_urn']}, {label} {row['time_period']} "
        "appears twice"
    )


# ---- writing ---------------------------------------------------------------------------


def _write(plan: _Plan, report: ImportReport) -> None:
    school_ids = dict(db.session.execute(select(School.urn, School.id)).tuples().all())
    statement = upserts.upsert(
        OfficialExclusionFigure.__table__, ("urn", "time_period", "time_identifier")
    )
    now = utcnow()
    # No stored row can match when the table starts empty (the file has no repeated keys).
    started_empty = db.session.scalar(select(OfficialExclusionFigure.id).limit(1)) is None
    batch: list[dict[str, Any]] = []
    for frame in _rows(plan):
        records = _records(_cleaned(frame), school_ids, plan.label, now)
        report.set_aside += sum(1 for record in records if record["school_id"] is None)
        batch.extend(records)
        while len(batch) >= BATCH_ROWS:
            _flush(batch[:BATCH_ROWS], statement, report, started_empty)
            batch = batch[BATCH_ROWS:]
    _flush(batch, statement, report, started_empty)


def _records(
    frame: pd.DataFrame, school_ids: dict[str, int], label: str, now: datetime
) -> list[dict[str, Any]]:
    """Rows as dicts of column values, built column by column."""
    urns = frame["school_urn"].tolist()
    columns: dict[str, list[Any]] = {
        "urn": urns,
        "school_id": [school_ids.get(urn) for urn in urns],
        "time_period": frame["time_period"].tolist(),
        "time_identifier": frame["time_identifier"].str.lower().map(_IDENTIFIERS).tolist(),
        "la_code": [code or None for code in frame["old_la_code"].tolist()],
        "school_name": [name or None for name in frame["school_name"].tolist()],
        "symbols": _symbols(frame),
    }
    columns |= {c.name: numbers.decimals(frame[c.name], c) for c in NUMBER_COLUMNS}
    fixed = {"source": f"DfE school-level exclusions: {label}"[:200], "imported_at": now}
    names = list(columns)
    rows = zip(*columns.values(), strict=True)
    return [dict(zip(names, values, strict=True), **fixed) for values in rows]


def _symbols(frame: pd.DataFrame) -> list[dict[str, str]]:
    """{column: symbol} for each row; most rows have none, so only those with one are built."""
    found = pd.DataFrame({name: numbers.symbols_in(frame[name]) for name in FIGURES})
    symbols: list[dict[str, str]] = [{} for _ in range(len(frame))]
    with_any = (found != "").any(axis=1).to_numpy()
    for position in with_any.nonzero()[0]:
        row = found.iloc[position]
        symbols[position] = {name: symbol for name, symbol in row.items() if symbol}
    return symbols


def _flush(
    batch: list[dict[str, Any]], statement: Insert, report: ImportReport, started_empty: bool
) -> None:
    if not batch:
        return
    existing = {} if started_empty else _existing(batch)
    to_write = []
    for record in batch:
        old = existing.get((record["urn"], record["time_period"], record["time_identifier"]))
        if old is None:
            report.inserted += 1
        elif old != _comparable(record):
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        to_write.append(record)
    if to_write:
        db.session.execute(statement, to_write)


def _existing(batch: list[dict[str, Any]]) -> dict[tuple[str, str, str], tuple]:
    """The stored figures for the batch's keys, fetched through the URN index."""
    table = OfficialExclusionFigure.__table__
    keys = {(r["urn"], r["time_period"], r["time_identifier"]) for r in batch}
    query = select(
        table.c.urn, table.c.time_period, table.c.time_identifier, *(table.c[n] for n in _COMPARED)
    ).where(
        table.c.urn.in_({key[0] for key in keys}),
        table.c.time_period.in_({key[1] for key in keys}),
        table.c.time_identifier.in_({key[2] for key in keys}),
    )
    stored = {}
    for row in db.session.execute(query):
        key = (row[0], row[1], row[2])
        if key in keys:
            stored[key] = _comparable(row._mapping)
    return stored


def _comparable(values) -> tuple:
    """Decimals compare by value whatever their scale ("12.0" equals 12.00); symbols as dicts."""
    return tuple(values[name] for name in _COMPARED)
