"""Forms for signing in, passwords and user administration."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from inclusion.auth.roles import Role
from inclusion.ui.forms import ListSelectField, choices

ROLE_CHOICES = choices((role.value, role.label) for role in Role)


def email_address_field(when_missing: str) -> EmailField:
    """An email address someone types for a person: required, well formed, at most 254."""
    return EmailField(
        "Email address",
        validators=[
            DataRequired(when_missing),
            Email("Enter an email address in the correct format, like name@example.org"),
            Length(max=254),
        ],
    )


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address", validators=[DataRequired("Enter your email address"), Length(max=254)]
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=256)]
    )


class ForgotPasswordForm(FlaskForm):
    email = email_address_field("Enter your email address")


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password", validators=[DataRequired("Enter a new password"), Length(max=256)]
    )
    confirm = PasswordField(
        "Confirm new password",
        validators=[
            DataRequired("Confirm your new password"),
            EqualTo("password", "The passwords do not match"),
        ],
    )


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password")]
    )


class PersonFields:
    """Who the new user is (before RoleFields in this file: see NewUserForm)."""

    display_name = StringField(
        "Full name", validators=[DataRequired("Enter the person's full name"), Length(max=120)]
    )
    email = email_address_field("Enter an email address")


class RoleFields:
    """Role plus the school or partnership it applies to; choices are set by the view."""

    role = RadioField("Role", choices=ROLE_CHOICES, validators=[DataRequired("Select a role")])
    school = ListSelectField(
        "School (for a SENCO or headteacher)",
        validators=[Optional()],
        invalid_message="Select a school from the list",
    )
    partnership = ListSelectField(
        "Partnership (for an inclusion adviser or partnership lead)",
        validators=[Optional()],
        invalid_message="Select a partnership from the list",
    )


class NewUserForm(PersonFields, RoleFields, FlaskForm):
    """WTForms orders fields by when they were made, not by base class: PersonFields' are
    made first, so the error summary lists name, email, role, as the page shows them."""


class AddRoleForm(RoleFields, FlaskForm):
    pass
