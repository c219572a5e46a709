"""Signing in and out, and setting or changing a password."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from inclusion.auth import devices, password_reset, services
from inclusion.auth import sign_in as sign_in_service
from inclusion.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    SetPasswordForm,
    SignInForm,
)
from inclusion.auth.models import User
from inclusion.errors import InvalidInput
from inclusion.extensions import limiter
from inclusion.permissions import public, signed_in
from inclusion.ui.forms import add_error
from inclusion.ui.redirects import safe_next_url

auth = Blueprint("auth", __name__)


def _sign_in_limit_per_address() -> str:
    return current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"]


def _sign_in_limit_per_account() -> str:
    return current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"]


def _reset_limit_per_address() -> str:
    return current_app.config["RESET_LIMIT_PER_ADDRESS"]


def _reset_limit_per_account() -> str:
    return current_app.config["RESET_LIMIT_PER_ACCOUNT"]


def _change_password_limit() -> str:
    return current_app.config["CHANGE_PASSWORD_LIMIT"]


def _submitted_email() -> str:
    return services.normalise_email(request.form.get("email", ""))


def _signed_in_account() -> str:
    return f"account-{current_user.id}"


def start_session(user: User) -> None:
    """A fresh session for the signed-in person: nothing from before sign-in is kept (no
    session fixation) and the CSRF token is new, so one read before sign-in is useless."""
    session.clear()
    login_user(user)


@auth.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(_sign_in_limit_per_address, methods=["POST"])
@limiter.limit(_sign_in_limit_per_account, methods=["POST"], key_func=_submitted_email)
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("pages.dashboard"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = sign_in_service.authenticate(
                form.email.data, form.password.data, devices.known_account_ids(request)
            )
        except sign_in_service.SignInRefused as refused:
            add_error(form, "email", refused.message)
        else:
            start_session(user)
            response = redirect(safe_next_url(request.args.get("next")))
            devices.remember_device(request, response, user.id)
            return response
    return render_template("auth/sign_in.html", form=form, title="Sign in")


@auth.route("/sign-out", methods=["POST"])
@public
def sign_out():
    """Ends the session on every device: a copy of the cookie stops working too."""
    if current_user.is_authenticated:
        services.sign_out(current_user._get_current_object())
    logout_user()
    session.clear()
    flash("You have signed out", "success")
    return redirect(url_for("auth.sign_in"))


@auth.route("/forgot-password", methods=["GET", "POST"])
@public
@limiter.limit(_reset_limit_per_address, methods=["POST"])
@limiter.limit(_reset_limit_per_account, methods=["POST"], key_func=_submitted_email)
def forgot_password():
    if current_user.is_authenticated:
        return redirect(url_for("auth.change_password"))
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        # The same work and the same answer whether or not the address has an account.
        password_reset.request_password_reset(form.email.data)
        return redirect(url_for("auth.reset_link_sent"))
    return render_template("auth/forgot_password.html", form=form, title="Reset your password")


@auth.route("/forgot-password/check-your-email")
@public
def reset_link_sent():
    return render_template("auth/reset_link_sent.html", title="Check your email")


@auth.route("/set-password/<token>", methods=["GET", "POST"])
@public
def set_password(token: str):
    try:
        link = services.usable_link(token)
    except services.LinkUnusable:
        return render_template("auth/link_unusable.html", title="This link cannot be used"), 410
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.set_password_with_link(token, form.password.data)
        except services.LinkUnusable:
            return render_template("auth/link_unusable.html", title="This link cannot be used"), 410
        except InvalidInput as error:
            add_error(form, "password", error.message)
        else:
            start_session(user)
            flash("Your password has been set", "success")
            response = redirect(url_for("pages.dashboard"))
            devices.remember_device(request, response, user.id)  # a link proves the person
            return response
    title = "Choose a new password" if link.purpose == "reset" else "Set your password"
    return render_template("auth/set_password.html", form=form, title=title)


@auth.route("/account/password", methods=["GET", "POST"])
@signed_in
@limiter.limit(_change_password_limit, methods=["POST"], key_func=_signed_in_account)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except InvalidInput as error:
            add_error(form, error.field or "password", error.message)
        else:
            # The change renewed the session id, signing out other devices; keep this one.
            start_session(current_user._get_current_object())
            flash("Your password has been changed", "success")
            return redirect(url_for("pages.dashboard"))
    return render_template("auth/change_password.html", form=form, title="Change your password")
