"""Running an import of a DfE school-level file: check all of it, then write all of it.

Two passes over the file, each streamed in chunks: the first checks every row and holds only
the keys seen (for duplicates); the second, run only when the first found nothing wrong, upserts
in batches in one transaction. A rejected file writes nothing but its ImportRun.
"""

from __future__ import annotations

from pathlib import Path

from inclusion.extensions import db
from inclusion.graduated_response.imports import official_checks, official_writes
from inclusion.graduated_response.imports.columns import resolve_columns
from inclusion.graduated_response.imports.files import CHUNK_ROWS, ImportFileError, open_csv
from inclusion.graduated_response.imports.official import OfficialFile, Plan
from inclusion.graduated_response.imports.reports import ImportReport, add_run


def import_official(
    spec: OfficialFile,
    path: Path,
    *,
    la_code: str | None = None,
    filename: str | None = None,
    started_by_id: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    """Validate the whole file, then upsert it in one transaction; record an ImportRun."""
    label = filename or path.name
    report = ImportReport(kind=spec.kind, filename=label, la_code=la_code or None)
    try:
        plan = _plan(spec, path, la_code or None, label, chunk_rows)
        official_checks.validate(plan, report)
        if report.succeeded:
            with db.session.begin_nested():  # a savepoint: all of the rows or none of them
                official_writes.write(plan, report)
    except ImportFileError as error:
        report.add_error(error.line, error.message)
        report.nothing_saved()
    add_run(report, started_by_id)
    db.session.commit()
    return report


def _plan(spec: OfficialFile, path: Path, la_code: str | None, label: str, chunk_rows: int) -> Plan:
    if la_code is not None and not (la_code.isdigit() and len(la_code) == 3):
        raise ImportFileError(f"The LA code must be three digits, like 933, not '{la_code}'.")
    source = open_csv(path)
    columns = resolve_columns(source.header, spec.required, spec.older_names, list(spec.texts))
    return Plan(spec, source, columns, la_code, label, chunk_rows)
