"""Administrators invite people in bulk from a CSV, see who has not accepted, and resend."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired

from inclusion.auth import invitations
from inclusion.auth.invitation_files import COLUMNS, MAX_ROWS, InvitationPlan, read_invitations
from inclusion.auth.models import User
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.permissions import can_manage_users
from inclusion.security import events
from inclusion.security.events import EventKind
from inclusion.ui.forms import ConfirmForm, add_error

invitations_admin = Blueprint("invitations", __name__, url_prefix="/admin/invitations")


class UploadForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Select a CSV file")])


class ConfirmInvitationsForm(FlaskForm):
    """The checked file comes back with the confirmation and is checked again."""

    csv_text = HiddenField(validators=[DataRequired("Upload the file again")])


@invitations_admin.route("/new", methods=["GET", "POST"])
@can_manage_users
def upload():
    form = UploadForm()
    plan = None
    if form.validate_on_submit():
        data = form.file.data.read()
        plan = read_invitations(data)
        if plan.ok:
            confirm = ConfirmInvitationsForm(csv_text=data.decode("utf-8-sig"))
            return _preview(plan, confirm)
        _record_upload(plan, kept=False)
        add_error(form, "file", "The file was not used: correct the problems listed below")
    return _upload_page(form, plan)


@invitations_admin.route("/confirm", methods=["POST"])
@can_manage_users
def confirm():
    form = ConfirmInvitationsForm()
    if not form.validate_on_submit():
        abort(400)
    plan = read_invitations(form.csv_text.data.encode())
    if not plan.ok:
        upload_form = UploadForm(formdata=None)
        add_error(upload_form, "file", "The file no longer passes its checks: nothing was sent")
        return _upload_page(upload_form, plan)
    # Logged in the same transaction as the accounts: once the invitations are queued, the
    # request writes nothing more (on SQLite the sending thread is by then writing too).
    _record_upload(plan, kept=True, commit=False)
    try:
        sent = invitations.invite_many(plan.people())
    except InvalidInput as error:
        db.session.rollback()
        flash(f"Nothing was sent: {error.message}", "error")
        return redirect(url_for(".upload"))
    flash(f"{len(sent)} invitations are being sent", "success")
    return redirect(url_for(".pending"))


@invitations_admin.route("/")
@can_manage_users
def pending():
    return render_template(
        "invitations/pending.html",
        pending=invitations.pending_invitations(),
        title="Invitations not yet accepted",
    )


@invitations_admin.route("/<int:user_id>/resend", methods=["POST"])
@can_manage_users
def resend(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    invitations.send_invitation(user)
    flash(f"A new invitation is being sent to {user.email}", "success")
    return redirect(url_for(".pending"))


def _preview(plan: InvitationPlan, confirm: ConfirmInvitationsForm):
    return render_template(
        "invitations/preview.html", plan=plan, form=confirm, title="Check the people to invite"
    )


def _upload_page(form: UploadForm, plan: InvitationPlan | None):
    return render_template(
        "invitations/upload.html",
        form=form,
        plan=plan,
        columns=COLUMNS,
        max_rows=MAX_ROWS,
        title="Invite people from a spreadsheet",
    )


def _record_upload(plan: InvitationPlan, kept: bool, commit: bool = True) -> None:
    events.record(
        EventKind.DATA_IMPORTED,
        current_user,
        source="invitations",
        succeeded=kept,
        rows=len(plan.to_invite) + len(plan.existing),
        problems=len(plan.errors),
    )
    if commit:
        db.session.commit()
