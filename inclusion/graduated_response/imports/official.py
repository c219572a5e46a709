"""Importing one of DfE's school-level statistics files: the steps every such file shares.

DfE publishes its school-level files (exclusions, SEN, absence) in one shape: a row per school
per period, keyed by `school_urn`, `time_period` (202425) and `time_identifier` ("Autumn term",
"Academic year"...), with figures that are numbers or DfE symbols. An `OfficialFile` says what
differs between them (the figures, the periods, the table); this module reads any of them.

`run.import_official` checks a whole file (`official_checks`), staging it as it goes, and only
then writes it (`staging`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Table

from inclusion.graduated_response.imports import numbers
from inclusion.graduated_response.imports.files import (
    LINE,
    CsvSource,
    iter_raw_chunks,
    stripped,
)
from inclusion.graduated_response.imports.reports import ImportReport

FIRST = "__first__"  # the row's first cell as written, to name a totals or notes row
KEY_COLUMNS = ("time_identifier", "time_period", "old_la_code", "school_urn", "school_name")
LEVEL = "geographic_level"  # "School" in a school-level file; read when present, to say so


@dataclass(frozen=True)
class OfficialFile:
    """What one kind of DfE school-level file holds and where its rows are stored.

    `texts` maps optional file columns to stored text columns (kept to 100 characters).
    `symbol_meanings` turns a file's own use of a symbol into the portal's (the SEN file's
    guidance uses x and z the other way round from DfE's usual convention). `filters` are
    further columns a file in long form must have (which SEN provision a row counts...);
    `optional_filters` are read when present.
    """

    kind: str
    source: str
    table: Table
    numbers: tuple[numbers.NumberColumn, ...]
    time_identifiers: tuple[str, ...]
    older_names: Mapping[str, str] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    symbol_meanings: Mapping[str, str] = field(default_factory=dict)
    filters: tuple[str, ...] = ()
    optional_filters: tuple[str, ...] = ()

    @property
    def figures(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.numbers)

    @property
    def required(self) -> tuple[str, ...]:
        return (*KEY_COLUMNS, *self.filters, *self.figures)

    @property
    def optional(self) -> tuple[str, ...]:
        return (LEVEL, *self.texts, *self.optional_filters)


@dataclass(frozen=True)
class Plan:
    spec: OfficialFile
    source: CsvSource
    columns: dict[str, str]  # our name -> the file's spelling
    la_code: str | None
    label: str
    chunk_rows: int


def rows(plan: Plan, report: ImportReport | None = None) -> Iterator[pd.DataFrame]:
    """Chunks of data rows under our column names, with the first column's text in FIRST.

    Blank lines and other councils' rows are dropped (and counted on `report` when one is
    given, with every row read). Other councils' rows go first, before any other cell is
    even stripped. Figures have Excel's thousands separators removed.
    """
    first_column = plan.source.header[0]
    wanted = list(dict.fromkeys([first_column, *plan.columns.values()]))
    for chunk in iter_raw_chunks(plan.source, plan.chunk_rows):
        outside = _outside(chunk, plan)
        kept = stripped(chunk[~outside] if plan.la_code else chunk, wanted)
        frame = pd.DataFrame({name: kept[actual] for name, actual in plan.columns.items()})
        frame[LINE] = kept[LINE]
        frame[FIRST] = kept[first_column]
        blank = (kept[wanted] == "").all(axis=1)
        if report is not None:
            report.rows_read += len(chunk)
            report.skipped_blank += int(blank.sum())
            report.outside_la += int(outside.sum())
        yield _cleaned(frame[~blank], plan.spec)


def six_digits(values: pd.Series) -> pd.Series:
    """Where a cell is six digits (what `\\d{6}` matches), without a regular expression per
    cell: a national file has half a million URNs and periods to check."""
    cells = values.to_numpy(dtype="U7")  # a longer value keeps 7 characters: still not 6
    return pd.Series((np.char.str_len(cells) == 6) & np.char.isdecimal(cells), index=values.index)


def _outside(chunk: pd.DataFrame, plan: Plan) -> pd.Series:
    """Rows of another council, from the raw chunk. A blank line, or a totals or notes row
    (neither LA code nor URN), is not outside: it is counted or reported, not hidden."""
    if plan.la_code is None:
        return pd.Series(False, index=chunk.index)
    keys = stripped(chunk, [plan.columns["old_la_code"], plan.columns["school_urn"]])
    la_codes = keys[plan.columns["old_la_code"]]
    unlabelled = (la_codes == "") & ~six_digits(keys[plan.columns["school_urn"]])
    return (la_codes != plan.la_code) & ~unlabelled


def _cleaned(frame: pd.DataFrame, spec: OfficialFile) -> pd.DataFrame:
    frame = frame.copy()
    for name in spec.figures:
        frame[name] = numbers.without_thousands(frame[name])
    return frame
