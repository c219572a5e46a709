"""A school's graduated-response records: overview and the part-time timetable register."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.graduated_response import council_notices, records, registers
from inclusion.graduated_response.forms import DeleteForm, ReviewForm, TimetableForm
from inclusion.graduated_response.history import EVENT_WORDS
from inclusion.graduated_response.models import RecordChange
from inclusion.graduated_response.vocab import SenStatus, TimetableReason
from inclusion.permissions import can_view_pupil_records
from inclusion.schools.models import School
from inclusion.ui.forms import add_domain_error
from inclusion.ui.history import history_lines, vocabulary_of
from inclusion.ui.once import AlreadySubmitted

school_records = Blueprint("records", __name__, url_prefix="/schools/<urn>/records")


@school_records.route("/")
@can_view_pupil_records
def overview(school: School):
    today = date.today()
    timetables = registers.timetable_register(school, registers.TimetableFilter(), today)
    incidents = records.live_exclusions(school)
    return render_template(
        "records/overview.html",
        school=school,
        timetables=timetables,
        totals=registers.termly_totals(incidents)[:3],
        alerts=registers.suspension_alerts(incidents),
        title="Graduated response records",
    )


@school_records.route("/part-time-timetables")
@can_view_pupil_records
def timetables(school: School):
    wanted = registers.TimetableFilter(
        status=request.args.get("status", "active")
        if request.args.get("status") in ("active", "ended", "all")
        else "active",
        sen_status=request.args.get("sen_status", "")
        if request.args.get("sen_status") in set(SenStatus)
        else "",
        reason=request.args.get("reason", "")
        if request.args.get("reason") in set(TimetableReason)
        else "",
    )
    return render_template(
        "records/timetables.html",
        school=school,
        wanted=wanted,
        rows=registers.timetable_register(school, wanted, date.today()),
        sen_statuses=list(SenStatus),
        reasons=list(TimetableReason),
        title="Part-time timetables",
    )


@school_records.route("/part-time-timetables/new", methods=["GET", "POST"])
@can_view_pupil_records
def new_timetable(school: School):
    form = TimetableForm()
    if form.validate_on_submit():
        try:
            record = records.create_timetable(
                school, form.to_input(), current_user, form.once_token()
            )
        except AlreadySubmitted as sent:
            return redirect(url_for(".edit_timetable", urn=school.urn, record_id=sent.record_id))
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash(f"Part-time timetable for {record.pupil_ref} added", "success")
            return redirect(url_for(".edit_timetable", urn=school.urn, record_id=record.id))
    return render_template(
        "records/timetable_form.html",
        school=school,
        form=form,
        record=None,
        title="Add a part-time timetable",
    )


@school_records.route("/part-time-timetables/<int:record_id>", methods=["GET", "POST"])
@can_view_pupil_records
def edit_timetable(school: School, record_id: int):
    record = records.live_record("timetable", school, record_id)
    form = TimetableForm(obj=record)
    if form.validate_on_submit():
        try:
            records.update_timetable(record, form.to_input(), form.based_on_version(), current_user)
        except DomainError as error:
            add_domain_error(form, error, "pupil_ref")
        else:
            flash("Part-time timetable updated", "success")
            return redirect(url_for(".timetables", urn=school.urn))
    return _render_timetable(school, record, form, ReviewForm(formdata=None))


@school_records.route("/part-time-timetables/<int:record_id>/reviews", methods=["POST"])
@can_view_pupil_records
def add_review(school: School, record_id: int):
    record = records.live_record("timetable", school, record_id)
    review = ReviewForm()
    if review.validate_on_submit():
        try:
            records.add_review(
                record,
                review.review_date.data,
                review.note.data or "",
                current_user,
                review.once_token(),
            )
        except AlreadySubmitted:
            return redirect(url_for(".edit_timetable", urn=school.urn, record_id=record.id))
        except DomainError as error:
            add_domain_error(review, error, "review_date")
        else:
            flash("Review recorded", "success")
            return redirect(url_for(".edit_timetable", urn=school.urn, record_id=record.id))
    return _render_timetable(school, record, TimetableForm(formdata=None, obj=record), review)


@school_records.route("/<record_type>/<int:record_id>/delete", methods=["GET", "POST"])
@can_view_pupil_records
def delete(school: School, record_type: str, record_id: int):
    if record_type not in records.RECORD_TYPES:
        return render_template("errors/404.html", title="Page not found"), 404
    record = records.live_record(record_type, school, record_id)
    form = DeleteForm()
    if form.validate_on_submit():
        records.soft_delete(record, record_type, form.reason.data, current_user)
        flash("Record deleted. A council administrator can still see that it existed.", "success")
        target = ".timetables" if record_type == "timetable" else "exclusions.log"
        return redirect(url_for(target, urn=school.urn))
    return render_template(
        "records/delete.html", school=school, record=record, form=form, title="Delete this record"
    )


def _render_timetable(school: School, record, form: TimetableForm, review: ReviewForm):
    history = db.session.scalars(
        select(RecordChange)
        .where(RecordChange.record_type == "timetable", RecordChange.record_id == record.id)
        .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
    ).all()
    row = registers.row_for(record, date.today())
    told = council_notices.notifications_of("timetable", record.id)
    return render_template(
        "records/timetable_form.html",
        school=school,
        form=form,
        record=record,
        review=review,
        forms=[form, review],
        history=history_lines(history, vocabulary_of(form, review) | EVENT_WORDS),
        row=row,
        told=told,
        next_change=council_notices.next_change(record, told),
        title=f"Part-time timetable {record.pupil_ref}",
    )
