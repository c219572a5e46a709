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
            return date(*(_date_part(self.parts[p]) for p in ("year", "month", "day")))
        except (ValueError, OverflowError):
            self.process_errors.append(f"{self.label.text} must be a real date, like 27 3 2027")
            return None


def _date_part(text: str) -> int:
    """One box of a date: at most 4 ASCII digits (a year of 40 digits overflowed date())."""
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise ValueError(text)
    return int(text)


def small_int(text: str | None) -> int | None:
    """A whole number a database integer column holds, or None: a version, count or page
    typed by hand or forged as 40 digits must not reach the database as an overflow."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        return None
    return int(text)


def finite(form: FlaskForm, field: Field) -> None:
    """For DecimalField: "NaN" and "Infinity" parse as decimals but are not amounts."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(f"Enter {field.label.text.lower()} as a number, like 12.5")


def _parts_of(value: date | None) -> dict[str, str]:
    if not value:
        return dict.fromkeys(DATE_PARTS, "")
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
