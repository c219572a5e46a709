"""After submission: the headteacher signs off or returns; advisers moderate, review, reopen."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request
from flask_login import current_user

from inclusion.audit import answers as answer_service
from inclusion.audit import context, lifecycle, moderation
from inclusion.audit import sign_off as sign_off_service
from inclusion.audit.forms import ModerationForm, ReasonForm, SignOffForm
from inclusion.audit.views import audit_url
from inclusion.errors import InvalidInput
from inclusion.permissions import (
    can_moderate_audit,
    can_reopen_audit,
    can_sign_off_audit,
)
from inclusion.schools.models import School
from inclusion.ui.forms import ConfirmForm, add_domain_error, choices

review = Blueprint("audit_review", __name__, url_prefix="/schools/<urn>/audits/<year>")


@review.route("/sign-off", methods=["GET", "POST"])
@can_sign_off_audit
def sign_off(school: School, year: str):
    found = context.existing_audit(school, year)
    form = SignOffForm()
    if form.validate_on_submit():
        try:
            _decide(found, form)
        except InvalidInput as error:
            add_domain_error(form, error, "comment")
        else:
            return redirect(audit_url("audit.overview", school, found))
    summary = sign_off_service.summary_for(found) if found.status == "submitted" else None
    return render_template(
        "audit/sign_off.html",
        school=school,
        audit=found,
        form=form,
        summary=summary,
        declaration=sign_off_service.DECLARATION,
        title="Sign off the audit",
    )


def _decide(found, form: SignOffForm) -> None:
    if form.decision.data == "sign_off":
        sign_off_service.sign_off(found, current_user, bool(form.declaration.data))
        flash("You have signed off the audit. Its answers are now read-only.", "success")
    else:
        lifecycle.return_to_senco(found, current_user, form.comment.data or "")
        flash("The audit has been returned to the SENCO with your comment.", "success")


@review.route("/review", methods=["POST"])
@can_moderate_audit
def mark_reviewed(school: School, year: str):
    found = context.existing_audit(school, year)
    if ConfirmForm().validate_on_submit():
        try:
            lifecycle.mark_reviewed(found, current_user, request.form.get("comment", ""))
        except InvalidInput as error:
            flash(error.message, "important")
        else:
            flash("The audit is marked as reviewed.", "success")
    return redirect(audit_url("audit.overview", school, found))


@review.route("/reopen", methods=["GET", "POST"])
@can_reopen_audit
def reopen(school: School, year: str):
    found = context.existing_audit(school, year)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            lifecycle.reopen(found, current_user, form.reason.data)
        except InvalidInput as error:
            add_domain_error(form, error, "reason")
        else:
            flash("The audit is open for changes again.", "success")
            return redirect(audit_url("audit.overview", school, found))
    return render_template(
        "audit/reopen.html", school=school, audit=found, form=form, title="Reopen the audit"
    )


@review.route("/moderate/<code>", methods=["GET", "POST"])
@can_moderate_audit
def moderate(school: School, year: str, code: str):
    found = context.existing_audit(school, year)
    item = answer_service.standard_in(found, code)
    answer = answer_service.answer_to(found, item)
    form = ModerationForm(obj=moderation.form_values(answer))
    form.moderated_rating.choices = choices(
        (str(s["value"]), s["label"]) for s in found.framework.settings["rating_scale"]
    )
    if form.validate_on_submit():
        try:
            moderation.moderate(found, item, moderation.from_form(form), current_user)
        except InvalidInput as error:
            add_domain_error(form, error, "decision")
        else:
            flash(f"Moderation of {item.code} saved.", "success")
            return redirect(audit_url("audit_results.results", school, found))
    return render_template(
        "audit/moderate.html",
        school=school,
        audit=found,
        standard=item,
        answer=answer,
        form=form,
        title=f"Moderate {item.code}",
    )
