"""A school's suspensions and permanent exclusions log, with termly totals and warnings."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.graduated_response import records, registers
from inclusion.graduated_response.forms import ExclusionForm
from inclusion.graduated_response.models import RecordChange
from inclusion.graduated_response.vocab import EXCLUSION_REASONS
from inclusion.permissions import can_view_pupil_records
from inclusion.schools.models import School
from inclusion.ui.forms import add_domain_error

exclusions = Blueprint("exclusions", __name__, url_prefix="/schools/<urn>/records/exclusions")


@exclusions.route("/")
@can_view_pupil_records
def log(school: School):
    incidents = records.live_exclusions(school)
    return render_template(
        "records/exclusions.html",
        school=school,
        incidents=incidents,
        reasons=EXCLUSION_REASONS,
        totals=registers.termly_totals(incidents),
        alerts=registers.suspension_alerts(incidents),
        title="Suspensions and permanent exclusions",
    )


@exclusions.route("/new", methods=["GET", "POST"])
@can_view_pupil_records
def new(school: School):
    form = ExclusionForm()
    if form.validate_on_submit():
        try:
            record = records.create_exclusion(school, form.to_input(), current_user)
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash(f"{record.kind.capitalize()} for {record.pupil_ref} recorded", "success")
            return redirect(url_for(".log", urn=school.urn))
    return render_template(
        "records/exclusion_form.html",
        school=school,
        form=form,
        record=None,
        title="Record a suspension or exclusion",
    )


@exclusions.route("/<int:record_id>", methods=["GET", "POST"])
@can_view_pupil_records
def edit(school: School, record_id: int):
    record = records.live_record("exclusion", school, record_id)
    form = ExclusionForm(obj=record)
    if form.validate_on_submit():
        try:
            records.update_exclusion(record, form.to_input(), form.based_on_version(), current_user)
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash("Record updated", "success")
            return redirect(url_for(".log", urn=school.urn))
    history = db.session.scalars(
        select(RecordChange)
        .where(RecordChange.record_type == "exclusion", RecordChange.record_id == record.id)
        .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
    ).all()
    return render_template(
        "records/exclusion_form.html",
        school=school,
        form=form,
        record=record,
        history=history,
        title=f"{record.kind.capitalize()} for {record.pupil_ref}",
    )
