"""Administrators see every email (filter by status and kind) and resend; the demo outbox."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.notifications import services
from inclusion.notifications.kinds import INVITATION, KINDS
from inclusion.notifications.models import EmailStatus, OutboundEmail
from inclusion.permissions import can_manage_emails
from inclusion.ui.forms import ConfirmForm

emails = Blueprint("emails", __name__, url_prefix="/admin/emails")
outbox = Blueprint("outbox", __name__, url_prefix="/admin/outbox")
PAGE_SIZE = 100


@emails.route("/")
@can_manage_emails
def index():
    status = request.args.get("status", "")
    kind = request.args.get("kind", "")
    query = select(OutboundEmail).order_by(OutboundEmail.id.desc())
    if status in set(EmailStatus):
        query = query.where(OutboundEmail.status == status)
    if kind in KINDS:
        query = query.where(OutboundEmail.kind == kind)
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    return render_template(
        "notifications/index.html",
        page=page,
        statuses=list(EmailStatus),
        kinds=KINDS,
        status=status,
        kind=kind,
        title="Emails",
    )


@emails.route("/<int:email_id>")
@can_manage_emails
def show(email_id: int):
    email = db.get_or_404(OutboundEmail, email_id)
    return render_template(
        "notifications/show.html",
        email=email,
        kind=KINDS[email.kind],
        title=f"Email to {email.to_address}",
    )


@emails.route("/<int:email_id>/resend", methods=["POST"])
@can_manage_emails
def resend(email_id: int):
    email = db.get_or_404(OutboundEmail, email_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        copy = _resend(email)
    except InvalidInput as refusal:
        flash(refusal.message, "error")
        return redirect(url_for(".show", email_id=email.id))
    flash(f"The email to {copy.to_address} has been queued again", "success")
    return redirect(url_for(".show", email_id=copy.id))


def _resend(email: OutboundEmail) -> OutboundEmail:
    """An invitation goes again with a new link (the old one was removed from the record)."""
    if email.kind == INVITATION.name and email.user is not None:
        from inclusion.auth.invitations import send_invitation

        return send_invitation(email.user)
    return services.resend(email)


@outbox.route("/")
@can_manage_emails
def messages():
    _demo_only()
    query = select(OutboundEmail).where(OutboundEmail.backend == "outbox")
    page = db.paginate(query.order_by(OutboundEmail.id.desc()), per_page=PAGE_SIZE)
    return render_template("notifications/outbox.html", page=page, title="Outbox")


@outbox.route("/<int:email_id>")
@can_manage_emails
def message(email_id: int):
    _demo_only()
    email = db.get_or_404(OutboundEmail, email_id)
    if email.body is None:
        abort(404)
    return render_template("notifications/message.html", email=email, title=email.subject)


def _demo_only() -> None:
    """The outbox keeps whole messages, links included: demonstrations only."""
    if not current_app.config.get("DEMO_MODE"):
        abort(404)
