"""Forms of EHC needs assessment requests: the pack's download and the council's decision."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import DataRequired

from inclusion.graduated_response.ehc_requests import DecisionInput, EhcDecision
from inclusion.ui.forms import GovukDateField, choices


class PackForm(FlaskForm):
    child_name = StringField(
        "Child's name",
        description="It goes into the document you download and nowhere else: the portal does "
        "not keep it.",
    )
    draft = BooleanField("Produce a draft marked as not meeting the council's criteria")


class DecisionForm(FlaskForm):
    decision = RadioField(
        "What did the council decide?",
        choices=choices((d.value, d.label) for d in EhcDecision),
        validators=[DataRequired("Select what the council decided")],
        validate_choice=False,
    )
    decided_on = GovukDateField(
        "Date of the council's decision",
        validators=[DataRequired("Enter the date of the council's decision")],
    )

    def to_input(self) -> DecisionInput:
        return DecisionInput(self.decision.data or "", self.decided_on.data)
