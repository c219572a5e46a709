"""Running an import of a DfE school-level file: check all of it, then write all of it.

Two passes over the file, each streamed in chunks: the first checks every row and holds only
the keys seen (for duplicates); the second, run only when the first found nothing wrong, upserts
in batches in one transaction. A rejected file writes nothing but its ImportRun.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from inclusion.extensions import db
from inclusion.graduated_response.imports import official_checks, official_writes
from inclusion.graduated_response.imports.columns import resolve_columns
from inclusion.graduated_response.imports.files import CHUNK_ROWS, ImportFileError, open_csv
from inclusion.graduated_response.imports.official import OfficialFile, Plan
from inclusion.graduated_response.imports.reports import ImportReport, add_run

Reshape = Callable[[Plan, ImportReport], list[pd.DataFrame]]


def import_official(
    spec: OfficialFile,
    path: Path,
    *,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
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
    try:
        read = plan(spec, path, la_code or None, label, chunk_rows)
        frames = _checked(read, report, reshape)
        if report.succeeded:
            with db.session.begin_nested():  # a savepoint: all of the rows or none of them
                if frames is None:
                    official_writes.write(read, report)
                else:
                    official_writes.write_frames(stored_as or spec, frames, label, report)
    except ImportFileError as error:
        report.add_error(error.line, error.message)
        report.nothing_saved()
    add_run(report, started_by_id)
    db.session.commit()
    return report


def _checked(
    read: Plan, report: ImportReport, reshape: Reshape | None
) -> list[pd.DataFrame] | None:
    if reshape is None:
        official_checks.validate(read, report)
        return None
    return reshape(read, report)


def plan(spec: OfficialFile, path: Path, la_code: str | None, label: str, chunk_rows: int) -> Plan:
    if la_code is not None and not (la_code.isdigit() and len(la_code) == 3):
        raise ImportFileError(f"The LA code must be three digits, like 933, not '{la_code}'.")
    source = open_csv(path)
    columns = resolve_columns(source.header, spec.required, spec.older_names, spec.optional)
    return Plan(spec, source, columns, la_code, label, chunk_rows)
