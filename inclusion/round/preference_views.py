"""Email settings: every signed-in person chooses which of the round's emails they get."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from inclusion.permissions import signed_in
from inclusion.round import preferences
from inclusion.round.forms import preference_form

email_settings = Blueprint("email_settings", __name__, url_prefix="/account/email-settings")


@email_settings.route("/", methods=["GET", "POST"])
@signed_in
def edit():
    kinds = preferences.optional_kinds()
    form_class = preference_form(kinds)
    off = preferences.kinds_turned_off(current_user)
    form = form_class(data={kind.name: kind.name not in off for kind in kinds})
    if form.validate_on_submit():
        wanted = [kind.name for kind in kinds if getattr(form, kind.name).data]
        preferences.save_preferences(current_user, wanted)
        flash("Your email settings are saved.", "success")
        return redirect(url_for(".edit"))
    return render_template(
        "round/email_settings.html",
        form=form,
        kinds=kinds,
        always_on=preferences.always_on_kinds(),
        title="Email settings",
    )
