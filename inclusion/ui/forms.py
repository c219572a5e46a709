"""Helpers shared by every feature's forms."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_wtf import FlaskForm
from wtforms import Field, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import StopValidation, ValidationError

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


DATE_PARTS = ("day", "month", "year")


class GovukDateField(Field):
    """A GOV.UK date input: three boxes, name-day, name-month and name-year."""

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = self.data = data
        self.parts = _parts_of(data)
        self.raw_data = [self._joined()] if data else []
        if formdata is not None and any(f"{self.name}-{p}" in formdata for p in DATE_PARTS):
            self.parts = {p: formdata.get(f"{self.name}-{p}", "").strip() for p in DATE_PARTS}
            self.raw_data = [self._joined()] if any(self.parts.values()) else []
            self.data = self._parsed()

    def pre_validate(self, form: FlaskForm) -> None:
        # An impossible date says so, rather than "Enter the date" from DataRequired.
        if self.process_errors:
            raise StopValidation()

    def _joined(self) -> str:
        return "-".join(self.parts[p] for p in DATE_PARTS)

    def _parsed(self) -> date | None:
        if not any(self.parts.values()):
            return None
        try:
            return date(int(self.parts["year"]), int(self.parts["month"]), int(self.parts["day"]))
        except ValueError:
            self.process_errors.append(f"{self.label.text} must be a real date, like 27 3 2027")
            return None


def _parts_of(value: date | None) -> dict[str, str]:
    if not value:
        return dict.fromkeys(DATE_PARTS, "")
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
