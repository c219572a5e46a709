"""Running an import of a DfE school-level file: check all of it, then write all of it.

One pass over the file, streamed in chunks: each chunk is checked (holding only the keys seen,
for duplicates) and, while nothing is wrong, staged in a temporary table (`staging`). Only
when the whole file has passed does one statement merge the stage into the real table, in a
savepoint. A rejected file writes nothing but its ImportRun.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from inclusion.extensions import db
from inclusion.graduated_response.imports import official_checks
from inclusion.graduated_response.imports.columns import resolve_columns
from inclusion.graduated_response.imports.files import CHUNK_ROWS, ImportFileError, open_csv
from inclusion.graduated_response.imports.official import OfficialFile, Plan, rows
from inclusion.graduated_response.imports.reports import ImportReport, add_run
from inclusion.graduated_response.imports.seen_keys import SeenKeys
from inclusion.graduated_response.imports.staging import Stage

Reshape = Callable[[Plan, ImportReport], list[pd.DataFrame]]


def import_official(
    spec: OfficialFile,
    path: Path,
    *,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
    import_run_id: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
    reshape: Reshape | None = None,
    stored_as: OfficialFile | None = None,
) -> ImportReport:
    """Validate the whole file, then upsert it in one transaction; record an ImportRun.

    A file in long form (a row per school per category) passes `reshape`, which checks every
    row and returns the rows to store, one per school and period, under `stored_as`'s names.
    """
    label = filename or path.name
    report = ImportReport(kind=spec.kind, filename=label, la_code=la_code or None)
    stage: Stage | None = None
    try:
        read = plan(spec, path, la_code or None, label, chunk_rows)
        stage = Stage.create(stored_as or spec)
        _check_and_stage(read, report, stage, reshape)
        if report.succeeded:
            with db.session.begin_nested():  # a savepoint: all of the rows or none of them
                stage.merge(label, report)
    except ImportFileError as error:
        report.add_error(error.line, error.message)
        report.nothing_saved()
    if stage is not None:  # (after any other error the next import's create drops it)
        stage.drop()
    add_run(report, started_by_id, import_run_id)
    db.session.commit()
    return report


def _check_and_stage(
    read: Plan, report: ImportReport, stage: Stage, reshape: Reshape | None
) -> None:
    """Check every row; stage the rows to store for as long as no problem has been found."""
    if reshape is not None:
        frames = reshape(read, report)
        for frame in frames if report.succeeded else ():
            stage.add(frame)
        return
    seen = SeenKeys()
    for frame in rows(read, report):
        notes = official_checks.check_chunk(frame, read.spec, seen, report)
        if report.succeeded:
            stage.add(frame[~notes])


def plan(spec: OfficialFile, path: Path, la_code: str | None, label: str, chunk_rows: int) -> Plan:
    if la_code is not None and not (la_code.isdigit() and len(la_code) == 3):
        raise ImportFileError(f"The LA code must be three digits, like 933, not '{la_code}'.")
    source = open_csv(path)
    columns = resolve_columns(source.header, spec.required, spec.older_names, spec.optional)
    return Plan(spec, source, columns, la_code, label, chunk_rows)
