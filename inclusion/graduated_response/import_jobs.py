"""Large uploads of official data are imported by a background job, not in the request.

The request checks the form, records an `ImportRun` at once (so the import is on record from
the start, even if the job never finishes) and a `BackgroundWork` holding the uploaded file,
commits, and queues `run_import_work`. The job writes the file to a private temporary folder,
runs the same import as the command line and the small-file path, fills in the ImportRun, logs
it to the security log and forgets the file. Files up to `IMPORT_IN_REQUEST_BYTES` are still
imported in the request, where the person sees the report at once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import update

from inclusion import background_work as work_store
from inclusion.auth.models import User
from inclusion.background_work import BackgroundWork
from inclusion.extensions import db
from inclusion.graduated_response.imports.dfe_absence import import_absence
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.dfe_sen import import_sen
from inclusion.graduated_response.imports.gias_import import import_gias
from inclusion.graduated_response.imports.reports import ImportReport, queued_run
from inclusion.graduated_response.models import ImportRun
from inclusion.jobs import job_runner
from inclusion.security import events

KIND = "import"
DEFAULT_IN_REQUEST_BYTES = 2 * 1024 * 1024
OFFICIAL_IMPORTS = {
    "dfe_exclusions": import_exclusions,
    "dfe_sen": import_sen,
    "dfe_absence": import_absence,
}


def run_import(kind: str, path: Path, *, dry_run: bool = False, **options: Any) -> ImportReport:
    """The import for `kind` ("gias" or one of OFFICIAL_IMPORTS); options as they take."""
    if kind == "gias":
        return import_gias(path, dry_run=dry_run, **options)
    return OFFICIAL_IMPORTS[kind](path, **options)


def hand_to_job(
    kind: str, content: bytes, filename: str, la_code: str | None, dry_run: bool, user_id: int
) -> BackgroundWork:
    """Record the import (ImportRun and the work with its file), commit, queue the job."""
    run = queued_run(kind, filename, user_id, dry_run)
    db.session.flush()
    params = {"kind": kind, "la_code": la_code, "dry_run": dry_run}
    work = work_store.add_work(
        KIND, user_id, params=params, filename=filename, content=content, import_run_id=run.id
    )
    db.session.commit()
    job_runner().enqueue(run_import_work, work.id)
    return work


def run_import_work(work_id: int) -> None:
    """The job: import the stored file into the recorded ImportRun, then forget the file."""
    work = db.session.get(BackgroundWork, work_id)
    if work is None or work.finished:
        return
    run_id, user_id, params, label = (
        work.import_run_id,
        work.requested_by_id,
        work.params,
        work.filename,
    )
    try:
        with tempfile.TemporaryDirectory(prefix="inclusion-import-") as folder:
            path = Path(folder) / "upload.csv"
            path.write_bytes(work.content or b"")
            work_store.set_progress(work_id, "Checking every row, then saving")
            report = run_import(
                params["kind"],
                path,
                dry_run=params["dry_run"],
                la_code=params["la_code"],
                filename=label,
                started_by_id=user_id,
                import_run_id=run_id,
            )
        events.record_import(report, db.session.get(User, user_id))
        work_store.finish(work_id, _outcome(report))
    except Exception as error:  # the page and the ImportRun must say it failed
        work_store.fail(work_id, f"The import stopped unexpectedly ({type(error).__name__}).")
        _run_failed(run_id)
        raise


def _outcome(report: ImportReport) -> str:
    if not report.succeeded:
        return f"Rejected: {report.problems_text}, nothing was saved"
    return "Dry run finished: nothing was saved" if report.dry_run else "Imported"


def _run_failed(run_id: int | None) -> None:
    if run_id is None:
        return
    db.session.execute(
        update(ImportRun)
        .where(ImportRun.id == run_id)
        .values(succeeded=False, summary={"status": "failed", "error_count": 0})
    )
    db.session.commit()
