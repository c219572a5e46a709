"""Helpers shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from inclusion.errors import DomainError


class ConfirmForm(FlaskForm):
    """An empty form: just the CSRF token, for buttons that change something."""


def add_error(form: FlaskForm, field_name: str, message: str) -> None:
    """Attach a service's refusal to the form field it concerns, for the error summary."""
    field = getattr(form, field_name, None)
    if field is None:
        form.form_errors.append(message)
        return
    if not isinstance(field.errors, list):
        field.errors = list(field.errors)
    field.errors.append(message)


def add_domain_error(form: FlaskForm, error: DomainError, default_field: str) -> None:
    add_error(form, error.field or default_field, error.message)


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Radio and select options from (value, label) pairs."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


class ListSelectField(SelectField):
    """A select whose refusal of an unlisted value speaks GOV.UK, not WTForms' default."""

    def __init__(self, *args, invalid_message: str = "Select an option from the list", **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def pre_validate(self, form: FlaskForm) -> None:
        if self.data and self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(self.invalid_message)
