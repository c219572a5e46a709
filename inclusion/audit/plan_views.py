"""The action plan and the training the school asks for."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inclusion.audit import context, plan
from inclusion.audit.forms import ActionForm, NoteForm, TrainingRequestForm
from inclusion.audit.models import Audit, AuditAction, TrainingTopic
from inclusion.audit.statuses import ActionStatus
from inclusion.audit.views import audit_url
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.permissions import Action, can, can_edit_audit, can_view_audit
from inclusion.schools.models import School
from inclusion.ui.forms import add_domain_error, choices
from inclusion.ui.once import AlreadySubmitted

audit_plan = Blueprint("audit_plan", __name__, url_prefix="/schools/<urn>/audits/<year>")


@audit_plan.route("/actions")
@can_view_audit
def actions(school: School, year: str):
    found = context.existing_audit(school, year)
    return render_template(
        "audit/actions.html",
        school=school,
        audit=found,
        actions=_actions(found),
        may_edit=can(current_user, Action.EDIT_AUDIT, school),
        title="Action plan",
    )


@audit_plan.route("/actions/new", methods=["GET", "POST"])
@can_edit_audit
def new_action(school: School, year: str):
    found = context.existing_audit(school, year)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            plan.add_action(found, _change(form), current_user, form.once_token())
        except AlreadySubmitted:
            return redirect(audit_url("audit_plan.actions", school, found))
        except InvalidInput as error:
            add_domain_error(form, error, "description")
        else:
            flash("Action added", "success")
            return redirect(audit_url("audit_plan.actions", school, found))
    return render_template(
        "audit/action_form.html",
        school=school,
        audit=found,
        form=form,
        action=None,
        note_form=None,
        title="Add an action",
    )


@audit_plan.route("/actions/<int:action_id>", methods=["GET", "POST"])
@can_edit_audit
def edit_action(school: School, year: str, action_id: int):
    found = context.existing_audit(school, year)
    action = plan.action_in(found, action_id)
    form = ActionForm(obj=action)
    if form.validate_on_submit():
        try:
            plan.update_action(action, _change(form))
        except InvalidInput as error:
            add_domain_error(form, error, "description")
        else:
            flash("Action updated", "success")
            return redirect(audit_url("audit_plan.actions", school, found))
    return render_template(
        "audit/action_form.html",
        school=school,
        audit=found,
        form=form,
        action=action,
        note_form=NoteForm(formdata=None),
        title="Change an action",
    )


@audit_plan.route("/actions/<int:action_id>/notes", methods=["POST"])
@can_edit_audit
def add_note(school: School, year: str, action_id: int):
    found = context.existing_audit(school, year)
    action = plan.action_in(found, action_id)
    note_form = NoteForm()
    if note_form.validate_on_submit():
        try:
            plan.add_note(action, note_form.text.data, current_user, note_form.once_token())
        except AlreadySubmitted:
            pass  # the first of the two sends added the note
        else:
            flash("Note added", "success")
        return redirect(audit_url("audit_plan.edit_action", school, found, action_id=action.id))
    return render_template(
        "audit/action_form.html",
        school=school,
        audit=found,
        form=ActionForm(obj=action),
        action=action,
        note_form=note_form,
        title="Change an action",
    )


@audit_plan.route("/training", methods=["GET", "POST"])
@can_view_audit
def training(school: School, year: str):
    found = context.existing_audit(school, year)
    topics = db.session.scalars(
        select(TrainingTopic)
        .where(TrainingTopic.framework_id == found.framework_id)
        .order_by(TrainingTopic.title)
    ).all()
    needs = plan.training_needs(found)
    form = TrainingRequestForm(data={"topics": [c for c, s in needs.items() if "requested" in s]})
    form.topics.choices = choices((t.code, t.title) for t in topics)
    may_edit = can(current_user, Action.EDIT_AUDIT, school)
    if may_edit and form.validate_on_submit():
        try:
            plan.request_training(found, form.topics.data or [])
        except InvalidInput as error:
            add_domain_error(form, error, "topics")
        else:
            flash("Your training requests have been saved", "success")
            return redirect(audit_url("audit_plan.training", school, found))
    return render_template(
        "audit/training.html",
        school=school,
        audit=found,
        topics=topics,
        needs=needs,
        form=form,
        may_edit=may_edit,
        title="Training needs",
    )


def _actions(found: Audit) -> list[AuditAction]:
    return list(
        db.session.scalars(
            select(AuditAction)
            .where(AuditAction.audit_id == found.id)
            .options(selectinload(AuditAction.notes), selectinload(AuditAction.standard))
            .order_by(AuditAction.id)
        )
    )


def _change(form: ActionForm) -> plan.ActionChange:
    return plan.ActionChange(
        description=form.description.data or "",
        owner=form.owner.data or "",
        due_date=form.due_date.data,
        status=ActionStatus(form.status.data),
    )
