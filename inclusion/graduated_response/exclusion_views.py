"""A school's suspensions and permanent exclusions log, with termly totals and warnings."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.graduated_response import council_notices, incidents, records, registers
from inclusion.graduated_response.forms import ExclusionForm
from inclusion.graduated_response.history import EVENT_WORDS
from inclusion.graduated_response.models import ExclusionIncident, RecordChange
from inclusion.graduated_response.vocab import (
    ALL_EXCLUSION_REASONS,
    ExclusionKind,
    PermanentOutcome,
)
from inclusion.permissions import can_view_pupil_records
from inclusion.schools.models import School
from inclusion.ui.forms import add_domain_error
from inclusion.ui.history import history_lines, vocabulary_of
from inclusion.ui.once import AlreadySubmitted

exclusions = Blueprint("exclusions", __name__, url_prefix="/schools/<urn>/records/exclusions")


@exclusions.route("/")
@can_view_pupil_records
def log(school: School):
    incidents = records.live_exclusions(school)
    return render_template(
        "records/exclusions.html",
        school=school,
        incidents=incidents,
        reasons=ALL_EXCLUSION_REASONS,
        kinds={k.value: k.label for k in ExclusionKind},
        outcomes={o.value: o.label for o in PermanentOutcome},
        totals=registers.termly_totals(incidents),
        alerts=registers.suspension_alerts(incidents),
        title="Suspensions and permanent exclusions",
    )


@exclusions.route("/new", methods=["GET", "POST"])
@can_view_pupil_records
def new(school: School):
    form = ExclusionForm()
    duplicate_url = None
    if form.validate_on_submit():
        try:
            record = incidents.create_exclusion(
                school, form.to_input(), current_user, form.once_token()
            )
        except AlreadySubmitted as sent:
            return redirect(url_for(".edit", urn=school.urn, record_id=sent.record_id))
        except incidents.DuplicateIncident as error:
            add_domain_error(form, error, "pupil_ref")
            duplicate_url = url_for(".edit", urn=school.urn, record_id=error.existing_id)
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash(f"{ExclusionKind(record.kind).label} for {record.pupil_ref} recorded", "success")
            return redirect(url_for(".edit", urn=school.urn, record_id=record.id))
    return render_template(
        "records/exclusion_form.html",
        school=school,
        form=form,
        record=None,
        duplicate_url=duplicate_url,
        title="Record a suspension or exclusion",
    )


@exclusions.route("/<int:record_id>", methods=["GET", "POST"])
@can_view_pupil_records
def edit(school: School, record_id: int):
    record = records.live_record("exclusion", school, record_id)
    form = ExclusionForm(obj=record)
    form.keep_retired_reasons(record.reasons)
    duplicate_url = None
    if form.validate_on_submit():
        try:
            incidents.update_exclusion(
                record, form.to_input(), form.based_on_version(), current_user
            )
        except incidents.DuplicateIncident as error:
            add_domain_error(form, error, "pupil_ref")
            duplicate_url = url_for(".edit", urn=school.urn, record_id=error.existing_id)
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash("Record updated", "success")
            return redirect(url_for(".edit", urn=school.urn, record_id=record.id))
    return _render_edit(school, record, form, duplicate_url)


def _render_edit(school: School, record: ExclusionIncident, form: ExclusionForm, duplicate_url):
    told = council_notices.notifications_of("exclusion", record.id)
    pupil = [i for i in records.live_exclusions(school) if i.pupil_ref == record.pupil_ref]
    return render_template(
        "records/exclusion_form.html",
        school=school,
        form=form,
        record=record,
        history=history_lines(_history(record), vocabulary_of(form) | EVENT_WORDS),
        told=told,
        next_change=council_notices.next_change(record, told),
        duties=[d.message for d in registers.suspension_alerts(pupil)],
        duplicate_url=duplicate_url,
        title=f"{ExclusionKind(record.kind).label} for {record.pupil_ref}",
    )


def _history(record: ExclusionIncident) -> list[RecordChange]:
    return db.session.scalars(
        select(RecordChange)
        .where(RecordChange.record_type == "exclusion", RecordChange.record_id == record.id)
        .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
    ).all()
