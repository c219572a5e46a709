"""The administrators' upload page for official data, and the list of imports so far.

Uploads may be far larger than the portal's usual request limit, so this view sets its own
limit (MAX_IMPORT_BYTES) and refuses a larger request from its Content-Length before reading a
byte of it. That is why CSRF is checked here, after the size check, rather than by CSRFProtect's
before-request hook (which would read the body under the global MAX_CONTENT_LENGTH first).

A file larger than IMPORT_IN_REQUEST_BYTES is handed to a background job (`import_jobs`) and
the person is sent to its progress page; a smaller one is imported here and reported at once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import DataRequired, Optional, Regexp

from inclusion import background_work as work_store
from inclusion.auth.models import User
from inclusion.background_work import DONE
from inclusion.extensions import csrf, db
from inclusion.graduated_response.import_jobs import DEFAULT_IN_REQUEST_BYTES as IN_REQUEST_BYTES
from inclusion.graduated_response.import_jobs import KIND as IMPORT_KIND
from inclusion.graduated_response.import_jobs import hand_to_job, run_import
from inclusion.graduated_response.imports.files import display_name
from inclusion.graduated_response.imports.reports import (
    ERRORS_RECORDED,
    ImportReport,
    report_from_run,
)
from inclusion.graduated_response.models import ImportRun
from inclusion.permissions import can_import_data
from inclusion.security import events
from inclusion.ui.forms import add_error, choices

imports = Blueprint("imports", __name__, url_prefix="/admin/imports")

DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024
HISTORY_ROWS = 200
KINDS = {
    "dfe_exclusions": "DfE suspensions and permanent exclusions (school level)",
    "dfe_sen": "DfE special educational needs: pupils by SEN provision (school level)",
    "dfe_absence": "DfE pupil absence, including persistent absence (school level)",
    "gias": "GIAS establishments (schools)",
}


class ImportForm(FlaskForm):
    class Meta:
        csrf = False  # checked by _check_csrf, after the size check

    kind = RadioField(
        "What are you importing?",
        choices=choices(KINDS.items()),
        validators=[DataRequired("Select what you are importing")],
        invalid_choice_message="Select what you are importing",
    )
    file = FileField("CSV file", validators=[FileRequired("Select a CSV file")])
    la_code = StringField(
        "Council (LA) code (optional)",
        validators=[
            Optional(),
            Regexp(r"^\d{3}$", message="Enter a three-digit LA code, like 933"),
        ],
    )
    dry_run = BooleanField("Dry run: show the changes without saving them (GIAS only)")


@imports.route("/", methods=["GET", "POST"])
@can_import_data
def upload():
    _limit_upload_size()
    _check_csrf()
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        content = form.file.data.read()
        if len(content) > current_app.config.get("IMPORT_IN_REQUEST_BYTES", IN_REQUEST_BYTES):
            work = hand_to_job(form.kind.data, content, *_options(form), current_user.id)
            return redirect(url_for("imports.work_status", work_id=work.id))
        report = _run_import(form, content)
        events.record_import(report, current_user)
    if report is not None and not report.succeeded:
        add_error(form, "file", f"{report.filename} was not imported: {_problems(report)}")
    return render_template(
        "imports/upload.html",
        form=form,
        report=report,
        kinds=KINDS,
        shown_errors=ERRORS_RECORDED,
        title="Import official data",
    )


csrf.exempt(upload)


def _limit_upload_size() -> None:
    """Refuse an oversized upload from its Content-Length, before touching request.files."""
    limit = current_app.config.get("MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES)
    request.max_content_length = limit  # also stops a body sent without a Content-Length
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()


def _check_csrf() -> None:
    if request.method == "POST" and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


def _options(form: ImportForm) -> tuple[str, str | None, bool]:
    """The file's name to show, the LA code and whether it is a dry run (GIAS only)."""
    return display_name(form.file.data.filename), form.la_code.data or None, form.dry_run.data


def _run_import(form: ImportForm, content: bytes) -> ImportReport:
    """Write the upload to a private temporary folder under a fixed name, then import it."""
    name, la_code, dry_run = _options(form)
    with tempfile.TemporaryDirectory(prefix="inclusion-import-") as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(content)
        return run_import(
            form.kind.data,
            path,
            dry_run=dry_run,
            la_code=la_code,
            filename=name,
            started_by_id=current_user.id,
        )


@imports.route("/work/<int:work_id>")
@can_import_data
def work_status(work_id: int):
    """The progress page of an import handed to a job; its report once it has finished."""
    work = work_store.work_for(current_user.id, work_id, IMPORT_KIND)
    run = db.session.get(ImportRun, work.import_run_id) if work.import_run_id else None
    finished = work.status == DONE and run is not None
    return render_template(
        "imports/work_status.html",
        work=work,
        report=report_from_run(run) if finished else None,
        shown_errors=ERRORS_RECORDED,
        title="Import of " + work.filename,
    )


def _problems(report: ImportReport) -> str:
    return f"{report.problems_text}, listed below. Nothing was saved."


@imports.route("/history")
@can_import_data
def history():
    runs = db.session.execute(
        select(ImportRun, User.display_name)
        .outerjoin(User, User.id == ImportRun.started_by_id)
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
        .limit(HISTORY_ROWS)
    ).all()
    return render_template("imports/history.html", runs=runs, kinds=KINDS, title="Imports so far")
