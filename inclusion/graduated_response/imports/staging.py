"""Writing a checked DfE file at bulk speed: a temporary table, then one merge statement.

Checked chunks go into a temporary table as text (PostgreSQL: `COPY`; SQLite: `executemany`
in large batches), in the import's transaction. Once the whole file has passed, one
`INSERT ... SELECT ... ON CONFLICT (urn, time_period, time_identifier) DO UPDATE ... WHERE`
(a stored figure differs) merges it. Rows for schools the portal lacks are counted as set
aside and never staged; unchanged rows are not written at all, so importing the same file
again writes nothing. On PostgreSQL the merge also counts what it inserted and updated
(`RETURNING`). Figures are cast by the database to the stored scale (PostgreSQL rounds half
away from zero); a DfE symbol is a missing figure with the symbol kept in `symbols` (JSON).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import bindparam, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import TextClause

from inclusion.db_types import UTCDateTime, utcnow
from inclusion.extensions import db
from inclusion.graduated_response.imports import numbers
from inclusion.graduated_response.imports.official import OfficialFile
from inclusion.graduated_response.imports.official_checks import canonical_identifiers
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.schools.models import School

STAGE = "official_import_stage"
KEY = ("urn", "time_period", "time_identifier")
TEXT_LIMIT = 100


@dataclass
class Stage:
    """The temporary table one import fills; `merge` writes it to the spec's table."""

    spec: OfficialFile
    connection: Connection
    known: frozenset[str]  # the URNs of the portal's schools
    rows: int = 0
    set_aside: int = 0

    @classmethod
    def create(cls, spec: OfficialFile) -> Stage:
        connection = db.session.connection()
        columns = ", ".join(f"{name} text" for name in staged_columns(spec))
        connection.execute(text(f"DROP TABLE IF EXISTS {STAGE}"))
        connection.execute(text(f"CREATE TEMPORARY TABLE {STAGE} ({columns})"))
        known = frozenset(connection.execute(select(School.urn)).scalars())
        return cls(spec, connection, known)

    @property
    def dialect(self) -> str:
        return self.connection.dialect.name

    def add(self, frame: pd.DataFrame) -> None:
        """Stage checked rows (under the spec's column names; notes rows already removed);
        rows for schools the portal does not know are only counted, as set aside."""
        known = frame["school_urn"].isin(self.known)
        self.set_aside += int((~known).sum())
        frame = frame[known]
        if frame.empty:
            return
        columns = staged_values(frame, self.spec)
        if self.dialect == "postgresql":
            self._copy(columns)
        else:
            self._executemany(columns)
        self.rows += len(frame)

    def _copy(self, columns: dict[str, list[Any]]) -> None:
        buffer = io.StringIO()
        # The csv module writes None as an empty field, which COPY reads as NULL; an empty
        # string never reaches the stage (`_or_none`, and figures are None when missing).
        csv.writer(buffer, lineterminator="\n").writerows(zip(*columns.values(), strict=True))
        names = ", ".join(columns)
        cursor = self.connection.connection.dbapi_connection.cursor()
        with cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(buffer.getvalue())

    def _executemany(self, columns: dict[str, list[Any]]) -> None:
        marks = ", ".join("?" for _ in columns)
        cursor = self.connection.connection.dbapi_connection.cursor()
        cursor.executemany(
            f"INSERT INTO {STAGE} ({', '.join(columns)}) VALUES ({marks})",
            zip(*columns.values(), strict=True),
        )

    def merge(self, label: str, report: ImportReport) -> None:
        """One statement writes every new or changed row; the report gets the counts."""
        sql = merge_sql(self.spec, self.dialect)
        if self.dialect == "postgresql":
            self.connection.execute(text(f"ANALYZE {STAGE}"))
            # A row the statement inserted has no xmax yet: the counts come from the merge.
            counted = (
                f"WITH merged AS ({sql} RETURNING (xmax = 0) AS inserted) "
                "SELECT count(*) FILTER (WHERE inserted), count(*) FROM merged"
            )
            inserted, written = self.connection.execute(self._bound(counted, label)).one()
        else:
            inserted = self._new_rows()
            written = self.connection.execute(self._bound(sql, label)).rowcount
        report.set_aside += self.set_aside
        report.inserted += int(inserted)
        report.updated += int(written) - int(inserted)
        report.unchanged += self.rows - int(written)

    def _bound(self, sql: str, label: str) -> TextClause:
        return text(sql).bindparams(
            bindparam("source", f"{self.spec.source}: {label}"[:200]),
            bindparam("now", utcnow(), type_=UTCDateTime()),
        )

    def _new_rows(self) -> int:
        """SQLite: staged rows with no stored row yet (each found through the unique index)."""
        table = self.spec.table.name
        sql = (
            f"SELECT count(*) FROM {STAGE} s WHERE NOT EXISTS "
            f"(SELECT 1 FROM {table} t WHERE {_same_key('t', 's')})"
        )
        return int(self.connection.execute(text(sql)).scalar_one())

    def drop(self) -> None:
        self.connection.execute(text(f"DROP TABLE IF EXISTS {STAGE}"))


def staged_columns(spec: OfficialFile) -> tuple[str, ...]:
    return ("urn", "time_period", "time_identifier", "la_code", "school_name",
            *spec.texts.values(), *spec.figures, "symbols")  # fmt: skip


def staged_values(frame: pd.DataFrame, spec: OfficialFile) -> dict[str, list[Any]]:
    """The rows' values column by column as the stage holds them: text, None when missing."""
    columns: dict[str, list[Any]] = {
        "urn": frame["school_urn"].tolist(),
        "time_period": frame["time_period"].tolist(),
        "time_identifier": frame["time_identifier"]
        .str.lower()
        .map(canonical_identifiers(spec))
        .tolist(),
        "la_code": _or_none(frame["old_la_code"].tolist()),
        "school_name": _or_none(frame["school_name"].tolist()),
    }
    for file_column, stored in spec.texts.items():
        values = frame[file_column].tolist() if file_column in frame else [""] * len(frame)
        columns[stored] = [value[:TEXT_LIMIT] or None for value in values]
    found = pd.DataFrame({name: numbers.symbols_in(frame[name]) for name in spec.figures})
    for name in spec.figures:
        gaps = (found[name] != "") | (frame[name] == "")
        columns[name] = frame[name].where(~gaps, None).tolist()
    columns["symbols"] = _symbols(found, spec)
    return columns


def _or_none(values: list[str]) -> list[str | None]:
    return [value or None for value in values]


def _symbols(found: pd.DataFrame, spec: OfficialFile) -> list[str]:
    """{column: symbol} as JSON for each row, in the portal's meaning of each symbol; most
    rows have none, so only those with one are built."""
    symbols = ["{}"] * len(found)
    meanings = spec.symbol_meanings
    cells = found.to_numpy(dtype=object)
    names = list(found.columns)
    for position in (cells != "").any(axis=1).nonzero()[0]:
        row = cells[position].tolist()
        symbols[position] = json.dumps(
            {name: meanings.get(s, s) for name, s in zip(names, row, strict=True) if s}
        )
    return symbols


def merge_sql(spec: OfficialFile, dialect: str) -> str:
    """INSERT ... SELECT of the staged rows that are new or differ from the stored row.

    The stored rows are joined first, so an unchanged row never reaches the insert (PostgreSQL
    would otherwise lock every conflicting row even when its update's WHERE is false); the
    ON CONFLICT clause's own WHERE keeps a row written meanwhile from being rewritten alike.
    """
    texts = list(spec.texts.values())
    values = {"urn": "s.urn", "school_id": "sc.id", "time_period": "s.time_period",
              "time_identifier": "s.time_identifier", "la_code": "s.la_code",
              "school_name": "s.school_name", **{name: f"s.{name}" for name in texts},
              **{column.name: _figure(column, dialect) for column in spec.numbers},
              "symbols": _json(dialect), "source": ":source", "imported_at": ":now"}  # fmt: skip
    compared = ["school_id", "la_code", "school_name", *texts, *spec.figures]
    table = spec.table.name
    new_or_changed = ["t.id IS NULL", _symbols_differ("t.symbols", values["symbols"], dialect)]
    new_or_changed += [_differs(f"t.{name}", values[name], dialect) for name in compared]
    on_conflict = [_differs(f"{table}.{name}", f"excluded.{name}", dialect) for name in compared]
    on_conflict.append(_symbols_differ(f"{table}.symbols", "excluded.symbols", dialect))
    updates = ", ".join(f"{name} = excluded.{name}" for name in values if name not in KEY)
    return (
        f"INSERT INTO {table} ({', '.join(values)}) SELECT {', '.join(values.values())} "
        f"FROM {STAGE} s JOIN school sc ON sc.urn = s.urn "
        f"LEFT JOIN {table} t ON {_same_key('t', 's')} WHERE "
        + " OR ".join(new_or_changed)
        + f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates} WHERE "
        + " OR ".join(on_conflict)
    )


def _figure(column: numbers.NumberColumn, dialect: str) -> str:
    if dialect == "postgresql":
        digits = column.integer_digits + column.scale
        return f"CAST(s.{column.name} AS numeric({digits}, {column.scale}))"
    return f"round(CAST(s.{column.name} AS REAL), {column.scale})"


def _json(dialect: str) -> str:
    return "CAST(s.symbols AS json)" if dialect == "postgresql" else "s.symbols"


def _differs(old: str, new: str, dialect: str) -> str:
    return f"{old} IS DISTINCT FROM {new}" if dialect == "postgresql" else f"{old} IS NOT {new}"


def _symbols_differ(old: str, new: str, dialect: str) -> str:
    if dialect == "postgresql":  # json has no equality; jsonb compares by value
        return f"CAST({old} AS jsonb) IS DISTINCT FROM CAST({new} AS jsonb)"
    return f"{old} IS NOT {new}"


def _same_key(old: str, new: str) -> str:
    return " AND ".join(f"{old}.{name} = {new}.{name}" for name in KEY)
