"""Telling the council: a school's notifications and returns, the officers' view, overrides."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from inclusion.errors import DomainError
from inclusion.graduated_response import council_notices, records
from inclusion.graduated_response.incidents import grant_limit_override
from inclusion.graduated_response.vocab import ALL_EXCLUSION_REASONS
from inclusion.permissions import (
    can_allow_past_suspension_limit,
    can_notify_council,
    can_view_notified_records,
)
from inclusion.schools.models import School
from inclusion.schools.services import school_by_urn
from inclusion.ui.forms import add_domain_error

school_notices = Blueprint("notices", __name__, url_prefix="/schools/<urn>/records")
council_records = Blueprint("council_records", __name__, url_prefix="/council/records")


class NotifyForm(FlaskForm):
    change = HiddenField()
    note = TextAreaField("Anything the council should know (optional)", [Length(max=2000)])


class ReturnForm(FlaskForm):
    half_term = IntegerField(validators=[DataRequired()])


class OverrideForm(FlaskForm):
    urn = StringField("School URN", [DataRequired("Enter the school's URN"), Length(max=6)])
    pupil_ref = StringField(
        "Pupil reference", [DataRequired("Enter the school's reference"), Length(max=20)]
    )
    academic_year = StringField(
        "Academic year", [DataRequired("Enter the academic year, such as 2026/27"), Length(max=7)]
    )
    reason = TextAreaField("Why", [DataRequired("Say why the record is allowed"), Length(max=2000)])


@school_notices.route("/<record_type>/<int:record_id>/notify", methods=["POST"])
@can_notify_council
def notify(school: School, record_type: str, record_id: int):
    record = records.live_record(record_type, school, record_id)
    form = NotifyForm()
    if form.validate_on_submit():
        try:
            council_notices.notify_council(
                record, record_type, form.change.data, form.note.data or "", current_user
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(f"The council has been told ({form.change.data})", "success")
    return redirect(_record_url(school, record_type, record_id))


def _record_url(school: School, record_type: str, record_id: int) -> str:
    endpoint = "records.edit_timetable" if record_type == "timetable" else "exclusions.edit"
    return url_for(endpoint, urn=school.urn, record_id=record_id)


@school_notices.route("/returns", methods=["GET", "POST"])
@can_notify_council
def returns(school: School):
    form = ReturnForm()
    statuses = council_notices.school_returns(school, date.today())
    if form.validate_on_submit():
        wanted = [s.half_term for s in statuses if s.half_term.number == form.half_term.data]
        try:
            if not wanted:
                raise DomainError("Choose a half term that has ended.")
            made = council_notices.submit_return(school, wanted[0], current_user)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(f"Return for {wanted[0].label} sent: {made.timetables} timetables", "success")
        return redirect(url_for(".returns", urn=school.urn))
    return render_template(
        "records/returns.html",
        school=school,
        statuses=statuses,
        form=form,
        title="Part-time timetable returns to the council",
    )


@council_records.route("/")
@can_view_notified_records
def notices():
    wanted = council_notices.NoticeFilter(
        record_type=request.args.get("type", ""),
        unacknowledged_only=request.args.get("waiting") == "1",
    )
    return render_template(
        "council/notices.html",
        notices=council_notices.notices_for_council(wanted),
        near_limit=council_notices.pupils_near_limit(),
        wanted=wanted,
        reasons=ALL_EXCLUSION_REASONS,
        form=FlaskForm(),
        title="Notified suspensions, exclusions and part-time timetables",
    )


@council_records.route("/<int:notice_id>/acknowledge", methods=["POST"])
@can_view_notified_records
def acknowledge(notice_id: int):
    if FlaskForm().validate_on_submit():
        council_notices.acknowledge(notice_id, current_user)
        flash("Acknowledged", "success")
    return redirect(url_for(".notices"))


@council_records.route("/returns")
@can_view_notified_records
def returns_overview():
    half_terms, rows = council_notices.council_returns(date.today())
    return render_template(
        "council/returns.html",
        half_terms=half_terms,
        rows=rows,
        title="Part-time timetable returns by school",
    )


@council_records.route("/suspension-limit", methods=["GET", "POST"])
@can_allow_past_suspension_limit
def allow_past_limit():
    form = OverrideForm()
    if form.validate_on_submit():
        try:
            school = school_by_urn(form.urn.data.strip())
            grant_limit_override(
                school, form.pupil_ref.data, form.academic_year.data, form.reason.data,
                current_user,
            )  # fmt: skip
        except DomainError as error:
            add_domain_error(form, error, "urn")
        else:
            flash("The school can now save the record. The reason is in the security log.")
            return redirect(url_for(".allow_past_limit"))
    return render_template(
        "council/suspension_limit.html",
        form=form,
        title="Allow a record past the 45-day suspension limit",
    )
