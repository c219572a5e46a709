"""The administrators' upload page for official data, and the list of imports so far.

Uploads may be far larger than the portal's usual request limit, so this view sets its own
limit (MAX_IMPORT_BYTES) and refuses a larger request from its Content-Length before reading a
byte of it. That is why CSRF is checked here, after the size check, rather than by CSRFProtect's
before-request hook (which would read the body under the global MAX_CONTENT_LENGTH first).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import DataRequired, Optional, Regexp

from inclusion.auth.models import User
from inclusion.extensions import csrf, db
from inclusion.graduated_response.imports.dfe_absence import import_absence
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.dfe_sen import import_sen
from inclusion.graduated_response.imports.files import display_name, save_upload
from inclusion.graduated_response.imports.gias_import import import_gias
from inclusion.graduated_response.imports.reports import ERRORS_RECORDED, ImportReport
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

OFFICIAL_IMPORTS = {
    "dfe_exclusions": import_exclusions,
    "dfe_sen": import_sen,
    "dfe_absence": import_absence,
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
    report = _run_import(form) if form.validate_on_submit() else None
    if report is not None:
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


def _run_import(form: ImportForm) -> ImportReport:
    """Copy the upload to a private temporary folder under a fixed name, then import it."""
    upload_file = form.file.data
    name = display_name(upload_file.filename)
    la_code = form.la_code.data or None
    with tempfile.TemporaryDirectory(prefix="inclusion-import-") as folder:
        path = save_upload(upload_file, Path(folder))
        if form.kind.data == "gias":
            return import_gias(
                path,
                dry_run=form.dry_run.data,
                la_code=la_code,
                filename=name,
                started_by_id=current_user.id,
            )
        official_import = OFFICIAL_IMPORTS[form.kind.data]
        return official_import(path, la_code=la_code, filename=name, started_by_id=current_user.id)


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
