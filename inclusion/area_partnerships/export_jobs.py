"""The council-wide XLSX export as a background job: requested, written, downloaded.

The request only records the work and queues `run_council_export`; the job works out the
figures (the dashboard functions, as the page does), streams the workbook to a temporary file
in constant memory and keeps it on the work record until it is downloaded. Only the person who
asked can see or download it, and only while they may still see council figures (the views
check both); the download is what the security log records as the export.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from inclusion import background_work as work_store
from inclusion.area_partnerships.dashboard import dashboard_for
from inclusion.area_partnerships.export import write_dashboard_workbook
from inclusion.area_partnerships.scope import Scope
from inclusion.background_work import BackgroundWork
from inclusion.extensions import db
from inclusion.jobs import job_runner
from inclusion.schools.models import AcademicYear

KIND = "council_export"


def request_council_export(user_id: int, scope: Scope, threshold: int) -> BackgroundWork:
    """Record the export and queue its job; one commit. The person's earlier workbooks are
    dropped (their records stay): the database keeps one council workbook per person."""
    work_store.drop_files(KIND, user_id)
    filename = f"inclusion-council-{scope.year.label.replace('/', '-')}.xlsx"
    params = {"year_id": scope.year.id, "phase": scope.phase, "threshold": threshold,
              "area": scope.label, "year": scope.year.label}  # fmt: skip
    work = work_store.add_work(KIND, user_id, params=params, filename=filename)
    db.session.commit()
    job_runner().enqueue(run_council_export, work.id)
    return work


def run_council_export(work_id: int) -> None:
    """The job: figures, then the workbook, each step shown on the progress page."""
    work = db.session.get(BackgroundWork, work_id)
    if work is None or work.finished:
        return
    params = dict(work.params)
    try:
        work_store.set_progress(work_id, "Working out the figures")
        year = db.session.get(AcademicYear, params["year_id"])
        board = dashboard_for(Scope(year, None, params["phase"]), date.today())
        work_store.set_progress(work_id, "Writing the spreadsheet")
        with tempfile.TemporaryDirectory(prefix="inclusion-export-") as folder:
            path = Path(folder) / "council.xlsx"
            write_dashboard_workbook(board, True, params["threshold"], path)
            del board
            work_store.finish(work_id, "Ready to download", path.read_bytes())
    except Exception as error:  # the page must say it failed, whatever went wrong
        work_store.fail(work_id, f"The spreadsheet could not be made ({type(error).__name__}).")
        raise


def downloaded(work: BackgroundWork) -> bytes:
    """The file, loaded only now (the column is deferred)."""
    return work.content or b""
