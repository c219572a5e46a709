"""Administrators make, list and revoke API keys; a new key's token is shown once."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.api import keys
from inclusion.api.key_forms import COUNCIL_WIDE, NewKeyForm
from inclusion.api.models import ApiKey
from inclusion.errors import NotFound
from inclusion.extensions import db
from inclusion.permissions import can_manage_api_keys
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.ui.forms import ConfirmForm

api_keys = Blueprint("api_keys", __name__, url_prefix="/admin/api-keys")


@api_keys.route("/")
@can_manage_api_keys
def index():
    return render_template("api_keys/index.html", keys=keys.keys_listed(), title="API keys")


@api_keys.route("/new", methods=["GET", "POST"])
@can_manage_api_keys
def new():
    form = NewKeyForm().with_partnerships(_partnerships())
    if not form.validate_on_submit():
        return render_template("api_keys/new.html", form=form, title="Make an API key")
    key, token = keys.create_key(
        name=form.name.data,
        access=keys.KeyAccess(form.access.data),
        partnership=_partnership(form.coverage.data),
        created_by=current_user,
    )
    # Rendered straight from the POST: the token never goes into a URL, flash or session.
    return render_template("api_keys/created.html", key=key, token=token, title="Copy your key")


@api_keys.route("/<int:key_id>/revoke", methods=["GET", "POST"])
@can_manage_api_keys
def revoke(key_id: int):
    key = db.session.get(ApiKey, key_id) or _missing()
    form = ConfirmForm()
    if form.validate_on_submit():
        keys.revoke_key(key, current_user)
        flash(f"The key '{key.name}' no longer works.", "success")
        return redirect(url_for("api_keys.index"))
    return render_template("api_keys/revoke.html", key=key, form=form, title="Revoke this key?")


def _partnerships() -> list[AreaInclusionPartnership]:
    query = select(AreaInclusionPartnership).order_by(AreaInclusionPartnership.name)
    return list(db.session.scalars(query))


def _partnership(code: str) -> AreaInclusionPartnership | None:
    if code == COUNCIL_WIDE:
        return None
    query = select(AreaInclusionPartnership).where(AreaInclusionPartnership.code == code)
    return db.session.scalar(query) or _missing()


def _missing():
    raise NotFound("There is no such key.")
