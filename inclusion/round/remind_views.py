"""Advisers remind schools on their "to chase" list: one school, or all of them."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request
from flask_login import current_user

from inclusion.errors import DomainError
from inclusion.permissions import can_remind_partnership, can_remind_school
from inclusion.round import reminders as service
from inclusion.schools.models import AreaInclusionPartnership, School
from inclusion.ui.forms import ConfirmForm
from inclusion.ui.redirects import safe_next_url

reminders = Blueprint("reminders", __name__)


@reminders.route("/schools/<urn>/remind", methods=["POST"])
@can_remind_school
def remind_school(school: School):
    if ConfirmForm().validate_on_submit():
        try:
            outcome = service.remind_school(school, current_user)
        except DomainError as refusal:
            flash(refusal.message)
        else:
            flash(outcome.message, "success" if outcome.sent else "info")
    return redirect(_back())


@reminders.route("/partnerships/<code>/remind", methods=["POST"])
@can_remind_partnership
def remind_all(partnership: AreaInclusionPartnership):
    if ConfirmForm().validate_on_submit():
        outcome = service.remind_partnership(partnership, current_user)
        flash(outcome.message, "success")
    return redirect(_back())


def _back() -> str:
    """Back to the page the button was on (only ever this site)."""
    return safe_next_url(request.form.get("next"))
