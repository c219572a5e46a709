"""Forms for offering support to other schools and for recording pairings."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from inclusion.area_partnerships.support import MAX_VISITS, MIN_VISITS, STATUSES, TEXT_LIMIT
from inclusion.area_partnerships.support_offers import CapacityInput
from inclusion.area_partnerships.support_pairings import PairingInput
from inclusion.audit.forms import CheckboxesField
from inclusion.ui.forms import GovukDateField, choices, small_int

STATUS_CHOICES = choices(STATUSES.items())
NOTES_TOO_LONG = f"Notes must be {TEXT_LIMIT:,} characters or fewer"


class CapacityForm(FlaskForm):
    standard_codes = CheckboxesField(
        "Standards your school can support other schools on", validate_choice=False
    )
    visits_per_term = StringField(
        "Visits or sessions a term",
        description=f"From {MIN_VISITS} to {MAX_VISITS}: what your school can give each term.",
    )
    note = TextAreaField(
        "What you can offer (optional)",
        description="For example, open classrooms, a SENCO visit or staff training.",
        validators=[Length(max=TEXT_LIMIT, message=f"Keep this to {TEXT_LIMIT:,} characters")],
    )

    def to_input(self) -> CapacityInput:
        raw = (self.visits_per_term.data or "").strip()
        return CapacityInput(
            standard_codes=list(self.standard_codes.data or []),
            visits_per_term=small_int(raw),
            note=(self.note.data or "").strip(),
        )


class PairingForm(FlaskForm):
    # Schools are chosen by name; the value sent is the URN, and the service checks the
    # school is one the adviser may pair (validate_choice=False: its message is clearer).
    supporting_urn = SelectField(
        "Supporting school",
        validators=[DataRequired("Select the supporting school")],
        validate_choice=False,
    )
    supported_urn = SelectField(
        "Supported school",
        validators=[DataRequired("Select the supported school")],
        validate_choice=False,
    )
    standard_code = SelectField(
        "Standard", validators=[DataRequired("Select a standard")], validate_choice=False
    )
    start_date = GovukDateField("Start date", validators=[DataRequired("Enter the start date")])
    planned_end_date = GovukDateField(
        "Planned end date", validators=[DataRequired("Enter the planned end date")]
    )
    status = SelectField("Status", choices=STATUS_CHOICES, default="planned", validate_choice=False)
    notes = TextAreaField(
        "Notes (optional)", validators=[Length(max=TEXT_LIMIT, message=NOTES_TOO_LONG)]
    )

    def to_input(self) -> PairingInput:
        return PairingInput(
            supporting_urn=(self.supporting_urn.data or "").strip(),
            supported_urn=(self.supported_urn.data or "").strip(),
            standard_code=self.standard_code.data or "",
            start_date=self.start_date.data,
            planned_end_date=self.planned_end_date.data,
            status=self.status.data or "",
            notes=(self.notes.data or "").strip(),
        )


class PairingUpdateForm(FlaskForm):
    status = RadioField(
        "Status",
        choices=STATUS_CHOICES,
        validators=[DataRequired("Select a status")],
        validate_choice=False,
    )
    notes = TextAreaField("Notes", validators=[Length(max=TEXT_LIMIT, message=NOTES_TOO_LONG)])
    version = HiddenField()

    def based_on_version(self) -> int:
        return small_int(self.version.data) or 0
