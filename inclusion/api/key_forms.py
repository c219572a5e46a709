"""The administrators' form for a new API key."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from inclusion.api.keys import KeyAccess
from inclusion.ui.forms import choices

COUNCIL_WIDE = "council"


class NewKeyForm(FlaskForm):
    name = StringField(
        "Name",
        description="Who or what uses it, for example 'Power BI inclusion report'.",
        validators=[DataRequired("Enter a name for the key"), Length(max=100)],
    )
    access = RadioField(
        "Access",
        choices=choices((access.value, access.label) for access in KeyAccess),
        validators=[DataRequired("Choose what the key may do")],
    )
    coverage = SelectField("Covers", validators=[DataRequired("Choose what the key covers")])

    def with_partnerships(self, partnerships) -> NewKeyForm:
        pairs = [(COUNCIL_WIDE, "The whole council")] + [(p.code, p.name) for p in partnerships]
        self.coverage.choices = choices(pairs)
        return self
