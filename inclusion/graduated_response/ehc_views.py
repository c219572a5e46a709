"""Pages of requests for an EHC needs assessment: the school's evidence pack and decisions
(school staff), and the council's list of requests by school and number (inclusion officers).

The child's name comes only in the body of the download POST and goes only into the document.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inclusion.errors import DomainError, InvalidInput
from inclusion.graduated_response import ehc_outputs, ehc_requests, sen_support
from inclusion.graduated_response.ehc_forms import DecisionForm, PackForm
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.ehc_requests import DECISION_WEEKS, EhcDecision
from inclusion.graduated_response.sen_support_models import SenSupportRecord
from inclusion.permissions import can_decide_ehc_requests, can_view_pupil_records
from inclusion.schools.models import School
from inclusion.security import events
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.ui.downloads import attachment
from inclusion.ui.forms import add_domain_error
from inclusion.uk_time import uk_today

ehc_pages = Blueprint("ehc_requests", __name__, url_prefix="/schools/<urn>/records/sen-support")
council_ehc = Blueprint("council_ehc", __name__, url_prefix="/council/ehc-requests")
# By file extension: the type, the writer and what the security log calls it.
FORMATS = {
    "pdf": ("application/pdf", ehc_outputs.pack_pdf, "PDF"),
    "xlsx": (XLSX_MIMETYPE, ehc_outputs.pack_xlsx, "spreadsheet"),
}


@ehc_pages.route("/<int:record_id>/evidence-pack")
@can_view_pupil_records
def evidence_pack(school: School, record_id: int):
    found = sen_support.support_record(school, record_id)
    return _pack_page(school, found, PackForm(formdata=None), DecisionForm(formdata=None))


@ehc_pages.route("/<int:record_id>/evidence-pack", methods=["POST"])
@can_view_pupil_records
def download_pack(school: School, record_id: int):
    found = sen_support.support_record(school, record_id)
    form = PackForm()
    wanted = request.form.get("format", "")
    if form.validate_on_submit():
        try:
            if wanted not in FORMATS:
                raise InvalidInput("Choose the PDF or the spreadsheet", "child_name")
            name = ehc_requests.check_child_name(form.child_name.data or "")
            made, pack = ehc_requests.produce_pack(
                found, school, current_user, uk_today(), bool(form.draft.data)
            )
        except DomainError as error:
            add_domain_error(form, error, "child_name")
        else:
            return _document(school, made, wanted, FORMATS[wanted][1](pack, made, name))
    return _pack_page(school, found, form, DecisionForm(formdata=None))


def _document(school: School, made: EhcRequest, extension: str, content: bytes) -> Response:
    mimetype, _, said = FORMATS[extension]
    events.record_export(
        f"EHC needs assessment evidence pack ({said})",
        current_user,
        school=school.urn,
        request=made.number,
    )
    filename = f"evidence-pack-{made.number}.{extension}"
    return attachment(content, mimetype, filename, private=True)


@ehc_pages.route("/<int:record_id>/ehc-requests/<int:request_id>/decision", methods=["POST"])
@can_view_pupil_records
def record_decision(school: School, record_id: int, request_id: int):
    found = sen_support.support_record(school, record_id)
    chosen = ehc_requests.request_of(found, request_id)
    form = DecisionForm()
    if _decision_recorded(chosen, form):
        return redirect(url_for(".evidence_pack", urn=school.urn, record_id=found.id))
    return _pack_page(school, found, PackForm(formdata=None), form)


def _decision_recorded(chosen: EhcRequest, form: DecisionForm) -> bool:
    """Record the council's decision from a valid form; errors go back onto the form."""
    if not form.validate_on_submit():
        return False
    try:
        ehc_requests.record_decision(chosen, form.to_input(), current_user, uk_today())
    except DomainError as error:
        add_domain_error(form, error, "decision")
        return False
    flash(f"The council's decision on {chosen.number} is recorded", "success")
    return True


def decision_label(value: str) -> str:
    return EhcDecision(value).label


def _pack_page(school: School, found: SenSupportRecord, form: PackForm, decision: DecisionForm):
    pack = ehc_requests.pack_of(found, school)
    return render_template(
        "sen_support/evidence_pack.html",
        school=school,
        record=found,
        pack=pack,
        requests=ehc_requests.requests_of(found),
        form=form,
        decision_form=decision,
        forms=[form, decision],
        decision_label=decision_label,
        title=f"EHC needs assessment evidence pack for {found.pupil_ref}",
    )


@council_ehc.route("/")
@can_decide_ehc_requests
def index():
    return render_template(
        "council/ehc_requests.html",
        requests=ehc_requests.council_requests(),
        weeks=DECISION_WEEKS,
        decision_label=decision_label,
        title="Requests for an EHC needs assessment",
    )


@council_ehc.route("/<int:request_id>", methods=["GET", "POST"])
@can_decide_ehc_requests
def decide(request_id: int):
    chosen = ehc_requests.council_request(request_id)
    form = DecisionForm()
    if _decision_recorded(chosen, form):
        return redirect(url_for(".index"))
    return render_template(
        "council/ehc_decision.html",
        chosen=chosen,
        form=form,
        decision_label=decision_label,
        title=f"Record the council's decision on {chosen.number}",
    )
