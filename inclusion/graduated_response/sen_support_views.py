"""Pages of a school's SEN support records and their assess-plan-do-review cycles (staff only)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from inclusion.errors import DomainError
from inclusion.graduated_response import cycles, provision, sen_support
from inclusion.graduated_response import provision_map as mapping
from inclusion.graduated_response.ehc_requests import EhcDecision
from inclusion.graduated_response.history import EVENT_WORDS
from inclusion.graduated_response.sen_support_forms import (
    AssessmentForm,
    CorrectionForm,
    CycleForm,
    CycleProvisionForm,
    CycleReviewForm,
    OutcomeForm,
    SupportForm,
    ViewsForm,
)
from inclusion.graduated_response.sen_support_models import SenSupportRecord, SupportCycle
from inclusion.graduated_response.sen_vocab import (
    AssessmentSource,
    ReviewDecision,
    broad_area_label,
    need_label,
)
from inclusion.permissions import can_view_pupil_records
from inclusion.schools.models import School
from inclusion.ui.forms import add_domain_error, choices
from inclusion.ui.history import FieldWords, HistoryLine, history_lines, vocabulary_of
from inclusion.ui.once import AlreadySubmitted

sen_support_pages = Blueprint(
    "sen_support", __name__, url_prefix="/schools/<urn>/records/sen-support"
)
CYCLE_WORDS = {
    "cycle_started": FieldWords("Cycle started", "date"),
    "review_date": FieldWords("Reviewed on", "date"),
    "review_decision": FieldWords("Decision", values={d.value: d.label for d in ReviewDecision}),
    "review_note": FieldWords("Notes of the review", "long"),
    "correction": FieldWords("Correction", "long"),
}
REQUEST_WORDS = {
    "request_number": FieldWords("Request number"),
    "pack_produced": FieldWords("Evidence pack produced", "date"),
    "criteria_met": FieldWords("Meets the council's criteria", "yes_no"),
    "decision": FieldWords("Council's decision", values={d.value: d.label for d in EhcDecision}),
    "decided_on": FieldWords("Decided on", "date"),
}
HELPERS = {
    "need_label": need_label,
    "broad_area_label": broad_area_label,
    "source_label": lambda s: AssessmentSource(s).label,
    "decision_label": lambda d: ReviewDecision(d).label if d else "",
}


@sen_support_pages.route("/")
@can_view_pupil_records
def index(school: School):
    return render_template(
        "sen_support/index.html",
        school=school,
        rows=sen_support.support_register(school),
        title="SEN support",
        **HELPERS,
    )


@sen_support_pages.route("/provision-map")
@can_view_pupil_records
def provision_map(school: School):
    return render_template(
        "sen_support/provision_map.html",
        school=school,
        found=mapping.provision_map(school, date.today(), mapping.notional_threshold()),
        weeks=mapping.SCHOOL_WEEKS,
        title="Provision map",
    )


@sen_support_pages.route("/new", methods=["GET", "POST"])
@can_view_pupil_records
def new(school: School):
    form = SupportForm()
    if form.validate_on_submit():
        try:
            record = sen_support.create_support_record(
                school, form.to_input(), current_user, form.once_token()
            )
        except AlreadySubmitted as sent:
            return redirect(url_for(".record", urn=school.urn, record_id=sent.record_id))
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash(f"SEN support record for {record.pupil_ref} added", "success")
            return redirect(url_for(".record", urn=school.urn, record_id=record.id))
    return render_template(
        "sen_support/record_form.html", school=school, form=form, title="Add a pupil on SEN support"
    )


@sen_support_pages.route("/<int:record_id>", methods=["GET", "POST"])
@can_view_pupil_records
def record(school: School, record_id: int):
    found = sen_support.support_record(school, record_id)
    form = SupportForm(obj=found)
    if form.validate_on_submit():
        try:
            sen_support.update_support_record(
                found, form.to_input(), form.based_on_version(), current_user
            )
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash("SEN support record updated", "success")
            return redirect(url_for(".record", urn=school.urn, record_id=found.id))
    return _record_page(school, found, form, CycleForm(formdata=None))


@sen_support_pages.route("/<int:record_id>/cycles", methods=["POST"])
@can_view_pupil_records
def open_cycle(school: School, record_id: int):
    found = sen_support.support_record(school, record_id)
    form = CycleForm()
    if form.validate_on_submit():
        try:
            cycle = cycles.open_cycle(found, form.start_date.data, current_user, form.once_token())
        except AlreadySubmitted as sent:
            return redirect(_cycle_url(school, found, sent.record_id))
        except DomainError as error:
            add_domain_error(form, error, "start_date")
        else:
            flash("Cycle started", "success")
            return redirect(_cycle_url(school, found, cycle.id))
    return _record_page(school, found, SupportForm(formdata=None, obj=found), form)


def _record_page(school: School, found: SenSupportRecord, form: SupportForm, cycle: CycleForm):
    return render_template(
        "sen_support/record.html",
        school=school,
        record=found,
        form=form,
        cycle_form=cycle,
        forms=[form, cycle],
        linked=sen_support.linked_records(found),
        history=_history(found, form),
        title=f"SEN support for {found.pupil_ref}",
        **HELPERS,
    )


def _history(found: SenSupportRecord, form: SupportForm) -> list[HistoryLine]:
    """The record's and its cycles' changes, one line per save, in the forms' own words."""
    numbers = {c.id: n for n, c in enumerate(found.cycles, 1)}
    words = vocabulary_of(form, ViewsForm(formdata=None), CorrectionForm(formdata=None))
    for prefix, form_class in (
        ("assessment", AssessmentForm),
        ("outcome", OutcomeForm),
        ("provision", CycleProvisionForm),
    ):
        parts = vocabulary_of(form_class(formdata=None))
        words |= {f"{prefix}_{name}": said for name, said in parts.items()}
    return history_lines(
        sen_support.history_of(found),
        words | EVENT_WORDS | CYCLE_WORDS | REQUEST_WORDS,
        subject=lambda c: SUBJECTS.get(c.record_type) or f"Cycle {numbers.get(c.record_id, '')}",
    )


SUBJECTS = {"sen_support": "Record", "ehc_request": "EHC needs assessment request"}


@sen_support_pages.route("/<int:record_id>/cycles/<int:cycle_id>")
@can_view_pupil_records
def cycle(school: School, record_id: int, cycle_id: int):
    found, chosen = _load(school, record_id, cycle_id)
    return _cycle_page(school, found, chosen)


# Each part of a cycle: its form, the service that adds it, and what the flash says.
PARTS = {
    "assessments": (AssessmentForm, cycles.add_assessment, "Assessment added"),
    "outcomes": (OutcomeForm, cycles.add_outcome, "Outcome added"),
    "provision": (CycleProvisionForm, cycles.add_provision, "Provision added"),
}


@sen_support_pages.route("/<int:record_id>/cycles/<int:cycle_id>/<part>", methods=["POST"])
@can_view_pupil_records
def add_part(school: School, record_id: int, cycle_id: int, part: str):
    found, chosen = _load(school, record_id, cycle_id)
    if part not in PARTS:
        return render_template("errors/404.html", title="Page not found"), 404
    form_class, add, done = PARTS[part]
    form = _with_offers(form_class(), school)
    if form.validate_on_submit():
        try:
            add(chosen, form.to_input(), current_user, form.once_token())
        except AlreadySubmitted:
            return redirect(_cycle_url(school, found, chosen.id))
        except DomainError as error:
            add_domain_error(form, error, "_")
        else:
            flash(done, "success")
            return redirect(_cycle_url(school, found, chosen.id))
    return _cycle_page(school, found, chosen, **{part: form})


@sen_support_pages.route("/<int:record_id>/cycles/<int:cycle_id>/views", methods=["POST"])
@can_view_pupil_records
def save_views(school: School, record_id: int, cycle_id: int):
    found, chosen = _load(school, record_id, cycle_id)
    form = ViewsForm()
    if form.validate_on_submit():
        try:
            cycles.save_views(
                chosen,
                form.pupil_views.data or "",
                form.parent_views.data or "",
                form.based_on_version(),
                current_user,
            )
        except DomainError as error:
            add_domain_error(form, error, "pupil_views")
        else:
            flash("Views saved", "success")
            return redirect(_cycle_url(school, found, chosen.id))
    return _cycle_page(school, found, chosen, views=form)


@sen_support_pages.route("/<int:record_id>/cycles/<int:cycle_id>/review", methods=["POST"])
@can_view_pupil_records
def review(school: School, record_id: int, cycle_id: int):
    found, chosen = _load(school, record_id, cycle_id)
    form = CycleReviewForm()
    progress = {o.id: request.form.get(f"progress-{o.id}", "") for o in chosen.outcomes}
    if form.validate_on_submit():
        try:
            cycles.review_cycle(
                chosen, form.to_input(progress), form.based_on_version(), current_user
            )
        except DomainError as error:
            add_domain_error(form, error, "review_date")
        else:
            flash("Review recorded. The cycle is now closed.", "success")
            return redirect(_cycle_url(school, found, chosen.id))
    return _cycle_page(school, found, chosen, review=form, progress=progress)


@sen_support_pages.route("/<int:record_id>/cycles/<int:cycle_id>/corrections", methods=["POST"])
@can_view_pupil_records
def correct(school: School, record_id: int, cycle_id: int):
    found, chosen = _load(school, record_id, cycle_id)
    form = CorrectionForm()
    if form.validate_on_submit():
        try:
            cycles.add_correction(
                chosen,
                form.corrected_on.data,
                form.correction.data,
                current_user,
                form.once_token(),
            )
        except AlreadySubmitted:
            return redirect(_cycle_url(school, found, chosen.id))
        except DomainError as error:
            add_domain_error(form, error, "correction")
        else:
            flash("Correction added", "success")
            return redirect(_cycle_url(school, found, chosen.id))
    return _cycle_page(school, found, chosen, correction=form)


def _load(school: School, record_id: int, cycle_id: int) -> tuple[SenSupportRecord, SupportCycle]:
    found = sen_support.support_record(school, record_id)
    return found, cycles.cycle_of(found, cycle_id)


def _cycle_url(school: School, found: SenSupportRecord, cycle_id: int) -> str:
    return url_for(".cycle", urn=school.urn, record_id=found.id, cycle_id=cycle_id)


def _with_offers(form: FlaskForm, school: School) -> FlaskForm:
    if isinstance(form, CycleProvisionForm):
        offered = [cell for cell in provision.offers_of(school) if cell.offer is not None]
        form.offer_id.choices = choices(
            [("", "None")]
            + [(str(c.offer.id), f"{c.need.label}: {c.level.label}") for c in offered]
        )
    return form


def _cycle_page(school: School, found: SenSupportRecord, chosen: SupportCycle, **bound):
    forms = {
        "assessments": AssessmentForm(formdata=None),
        "outcomes": OutcomeForm(formdata=None),
        "provision": _with_offers(CycleProvisionForm(formdata=None), school),
        "views": ViewsForm(formdata=None, obj=chosen),
        "review": CycleReviewForm(formdata=None),
        "correction": CorrectionForm(formdata=None),
    }
    progress = bound.pop("progress", {})
    forms.update(bound)
    number = found.cycles.index(chosen) + 1
    return render_template(
        "sen_support/cycle.html",
        school=school,
        record=found,
        cycle=chosen,
        number=number,
        progress=progress,
        forms=list(forms.values()),
        page_forms_by_name=forms,
        title=f"Cycle {number} for {found.pupil_ref}",
        **HELPERS,
    )
