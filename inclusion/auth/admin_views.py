"""Council administrators manage people and their roles."""

from __future__ import annotations

from typing import TypeVar

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.auth import invitations, services, sign_in
from inclusion.auth.forms import AddRoleForm, NewUserForm, RoleFields
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.permissions import can_manage_users
from inclusion.schools.models import AreaInclusionPartnership, School
from inclusion.ui.forms import ConfirmForm, add_domain_error, choices

F = TypeVar("F", bound=RoleFields)

users_admin = Blueprint("users_admin", __name__, url_prefix="/admin/users")


@users_admin.route("/")
@can_manage_users
def index():
    people = select(User).where(User.is_api_key.is_(False)).order_by(User.display_name)
    users = db.session.scalars(people).all()
    return render_template("users/index.html", users=users, title="Users")


@users_admin.route("/new", methods=["GET", "POST"])
@can_manage_users
def new():
    form = _with_scope_choices(NewUserForm())
    if form.validate_on_submit():
        try:
            user, _ = invitations.invite_new_user(_new_user_from(form))
        except InvalidInput as error:
            db.session.rollback()
            add_domain_error(form, error, "email")
        else:
            flash(f"{user.display_name} has been added and an invitation is being sent", "success")
            return redirect(url_for(".show", user_id=user.id))
    return render_template("users/new.html", form=form, title="Add a user")


@users_admin.route("/<int:user_id>")
@can_manage_users
def show(user_id: int):
    user = _user_or_404(user_id)
    form = _with_scope_choices(AddRoleForm())
    return _render_user(user, form)


@users_admin.route("/<int:user_id>/roles", methods=["POST"])
@can_manage_users
def add_role(user_id: int):
    user = _user_or_404(user_id)
    form = _with_scope_choices(AddRoleForm())
    if form.validate_on_submit():
        try:
            role, school, partnership = _role_from(form)
            services.assign_role(user, role, school, partnership, actor=current_user)
        except InvalidInput as error:
            db.session.rollback()
            add_domain_error(form, error, "role")
        else:
            flash(f"{role.label} role added", "success")
            return redirect(url_for(".show", user_id=user.id))
    return _render_user(user, form)


@users_admin.route("/<int:user_id>/roles/<int:assignment_id>/remove", methods=["POST"])
@can_manage_users
def remove_role(user_id: int, assignment_id: int):
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.remove_role(user, assignment_id)
        except InvalidInput as error:
            flash(error.message, "error")
        else:
            flash("Role removed", "success")
    return redirect(url_for(".show", user_id=user.id))


@users_admin.route("/<int:user_id>/link", methods=["POST"])
@can_manage_users
def new_link(user_id: int):
    """Email the person a new invitation (a new set-password link; the old one stops working).
    The command line still prints links, for a portal with no email service yet."""
    user = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    invitations.send_invitation(user)
    flash(f"A new set-password link is being emailed to {user.email}", "success")
    return redirect(url_for(".show", user_id=user.id))


@users_admin.route("/<int:user_id>/status", methods=["POST"])
@can_manage_users
def toggle_active(user_id: int):
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.set_active(user, not user.active)
        except InvalidInput as error:
            flash(error.message, "error")
        else:
            flash("Account reactivated" if user.active else "Account deactivated", "success")
    return redirect(url_for(".show", user_id=user.id))


@users_admin.route("/<int:user_id>/sign-out", methods=["POST"])
@can_manage_users
def sign_out_everywhere(user_id: int):
    """For a lost or shared device: every session the person has ends now."""
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        services.sign_out(user, everywhere=True)
        flash(f"{user.display_name} has been signed out on every device", "success")
    return redirect(url_for(".show", user_id=user.id))


@users_admin.route("/<int:user_id>/unlock", methods=["POST"])
@can_manage_users
def unlock(user_id: int):
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        sign_in.unlock(user)
        flash("Account unlocked", "success")
    return redirect(url_for(".show", user_id=user.id))


def _user_or_404(user_id: int) -> User:
    user = db.get_or_404(User, user_id)
    if user.is_api_key:  # an API key's account is managed with the key, not here
        abort(404)
    return user


def _render_user(user: User, form: AddRoleForm):
    return render_template(
        "users/show.html",
        user=user,
        form=form,
        invitation=invitations.latest_invitation_email(user),
        title=user.display_name,
    )


def _with_scope_choices(form: F) -> F:
    schools = db.session.execute(
        select(School.urn, School.name).where(School.is_open).order_by(School.name)
    )
    form.school.choices = choices(
        [("", "Choose a school")] + [(urn, f"{name} ({urn})") for urn, name in schools]
    )
    partnerships = db.session.execute(
        select(AreaInclusionPartnership.code, AreaInclusionPartnership.name).order_by(
            AreaInclusionPartnership.name
        )
    )
    form.partnership.choices = choices([("", "Choose a partnership"), *partnerships])
    return form


def _role_from(form: RoleFields) -> tuple[Role, School | None, AreaInclusionPartnership | None]:
    school = partnership = None
    if form.school.data:
        school = db.session.scalar(select(School).where(School.urn == form.school.data))
    if form.partnership.data:
        partnership = db.session.scalar(
            select(AreaInclusionPartnership).where(
                AreaInclusionPartnership.code == form.partnership.data
            )
        )
    return Role(form.role.data), school, partnership


def _new_user_from(form: NewUserForm) -> services.NewUser:
    role, school, partnership = _role_from(form)
    return services.NewUser(
        email=form.email.data,
        display_name=form.display_name.data,
        role=role,
        school=school,
        partnership=partnership,
    )
