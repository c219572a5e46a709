"""A school's SEND Information Report checklist, its compliance, and website checks."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.audit.context import year_from_slug, year_slug
from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.permissions import Action, can, can_edit_audit, can_view_audit
from inclusion.schools.models import School
from inclusion.schools.settings import binds_school
from inclusion.send_report import checklists, progress, provision_feed, website_checks
from inclusion.send_report.forms import ItemForm
from inclusion.send_report.models import Checklist, ChecklistChange, ChecklistItem
from inclusion.ui.forms import ConfirmForm, add_domain_error, small_int
from inclusion.ui.history import history_lines, vocabulary_of

send_report = Blueprint("send_report", __name__, url_prefix="/schools/<urn>/send-report/<year>")


def report_url(endpoint: str, school: School, checklist, **kwargs) -> str:
    return url_for(endpoint, urn=school.urn, year=year_slug(checklist.academic_year), **kwargs)


@send_report.route("/")
@can_view_audit
def overview(school: School, year: str):
    checklist = checklists.open_checklist(school, year_from_slug(year))
    check = website_checks.latest_check(school)
    return render_template(
        "send_report/overview.html",
        school=school,
        checklist=checklist,
        compliance=checklists.compliance_of(checklist),
        check=check,
        findings=website_checks.findings_by_code(check),
        statuses=checklists.STATUSES,
        may_edit=can(current_user, Action.EDIT_AUDIT, school),
        form=ConfirmForm(),
        only_not_met=request.args.get("show") == "not-met",
        title="SEND Information Report",
    )


@send_report.route("/items/<code>", methods=["GET", "POST"])
@can_edit_audit
def item(school: School, year: str, code: str):
    checklist = checklists.open_checklist(school, year_from_slug(year))
    entry = checklists.item_in(checklist, code)
    answer = checklists.answers_of(checklist).get(entry.id)
    form = ItemForm(obj=answer)
    if form.validate_on_submit():
        try:
            checklists.save_answer(
                checklist, entry, form.to_answer(), form.based_on_version(), current_user
            )
        except DomainError as error:
            add_domain_error(form, error, "status")
        else:
            return _after_save(school, checklist, entry)
    history = db.session.scalars(
        select(ChecklistChange)
        .where(ChecklistChange.checklist_id == checklist.id, ChecklistChange.item_id == entry.id)
        .order_by(ChecklistChange.changed_at.desc(), ChecklistChange.id.desc())
    ).all()
    finding = website_checks.findings_by_code(website_checks.latest_check(school)).get(entry.code)
    return render_template(
        "send_report/item.html",
        school=school,
        checklist=checklist,
        item=entry,
        answer=answer,
        form=form,
        finding=finding,
        history=history_lines(history, vocabulary_of(form)),
        applies=binds_school(entry.applies_to, school),
        offer_cells=provision_feed.offer_for_item(entry, school),
        level_heading=provision_feed.level_heading,
        place=progress.place_of(checklist, entry),
        title=entry.title,
    )


def _after_save(school: School, checklist: Checklist, entry: ChecklistItem):
    """The next item in checklist order ("Save and next item"); after the last, or with
    "Save and return to the checklist", the overview saying what is left."""
    if request.form.get("then") == "next":
        following = progress.place_of(checklist, entry).next
        if following is not None:
            flash(f"{entry.code} saved", "success")
            return redirect(report_url("send_report.item", school, checklist, code=following.code))
        message = progress.end_of_checklist_message(progress.left_to_answer(checklist))
        flash(f"{entry.code} saved. {message}", "success")
        return redirect(report_url("send_report.overview", school, checklist))
    flash(f"{entry.code} saved", "success")
    return redirect(report_url("send_report.overview", school, checklist))


@send_report.route("/print")
@can_view_audit
def print_view(school: School, year: str):
    academic_year = year_from_slug(year)
    return render_template(
        "send_report/print.html",
        school=school,
        year=academic_year,
        compliance=checklists.compliance_for(school, academic_year),
        check=website_checks.latest_check(school),
        statuses=checklists.STATUSES,
        title="SEND Information Report checklist",
        title_context=f"SEND Information Report {academic_year.label}: {school.name}",
    )


@send_report.route("/items/<code>/accept", methods=["POST"])
@can_edit_audit
def accept(school: School, year: str, code: str):
    checklist = checklists.open_checklist(school, year_from_slug(year))
    if ConfirmForm().validate_on_submit():
        try:
            entry = checklists.item_in(checklist, code)
            website_checks.accept_finding(
                checklist,
                entry,
                website_checks.latest_check(school),
                small_int(request.form.get("version")),
                current_user,
            )
        except DomainError as error:
            flash(error.message, "important")
        else:
            flash(f"{code}: the website check's finding is now your answer", "success")
    return redirect(report_url("send_report.overview", school, checklist))


@send_report.route("/check", methods=["POST"])
@can_view_audit
def request_check(school: School, year: str):
    checklist = checklists.open_checklist(school, year_from_slug(year))
    if ConfirmForm().validate_on_submit():
        try:
            website_checks.request_check(school, current_user)
        except DomainError as error:
            flash(error.message, "important")
        else:
            flash(
                "The website check has started. Refresh this page to see its progress.", "success"
            )
    return redirect(report_url("send_report.overview", school, checklist))
