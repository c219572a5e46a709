"""Pages of the council-wide export: ask for it, watch it being made, download it."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from inclusion import background_work as work_store
from inclusion.area_partnerships.export_jobs import KIND, downloaded, request_council_export
from inclusion.area_partnerships.scope import Scope
from inclusion.background_work import DONE
from inclusion.permissions import can_view_council_figures
from inclusion.security import events
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.ui.downloads import attachment

council_exports = Blueprint("council_exports", __name__, url_prefix="/council/exports")


def start_council_export(scope: Scope):
    """GET: the page with the button; POST: queue the export and show its progress page."""
    if request.method == "GET":
        return render_template(
            "area/export_start.html", scope=scope, title="Download the council spreadsheet"
        )
    threshold = current_app.config["SUPPRESSION_THRESHOLD"]
    work = request_council_export(current_user.id, scope, threshold)
    return redirect(url_for("council_exports.status", work_id=work.id))


@council_exports.route("/<int:work_id>")
@can_view_council_figures
def status(work_id: int):
    work = work_store.work_for(current_user.id, work_id, KIND)
    done = work.status == DONE
    return render_template(
        "area/export_status.html",
        work=work,
        done=done,
        replaced=done and not work_store.has_file(work.id),
        title=_title(work),
    )


@council_exports.route("/<int:work_id>/download")
@can_view_council_figures
def download(work_id: int):
    work = work_store.work_for(current_user.id, work_id, KIND)
    if work.status != DONE or not work_store.has_file(work.id):
        return redirect(url_for("council_exports.status", work_id=work.id))
    events.record_export(
        "dashboard (XLSX)", current_user, area=work.params["area"], year=work.params["year"]
    )
    return attachment(downloaded(work), XLSX_MIMETYPE, work.filename, private=True)


def _title(work) -> str:
    return "Your spreadsheet is ready" if work.status == DONE else "Making your spreadsheet"
