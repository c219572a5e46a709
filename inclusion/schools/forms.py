"""Forms for partnerships and their membership."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from inclusion.ui.forms import ListSelectField


class PartnershipForm(FlaskForm):
    code = StringField(
        "Code",
        description="2 to 20 capital letters, digits or hyphens, for example MEN",
        validators=[DataRequired("Enter a code"), Length(max=20)],
    )
    name = StringField(
        "Name", validators=[DataRequired("Enter the partnership's name"), Length(max=200)]
    )


class RenamePartnershipForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Enter the partnership's name"), Length(max=200)]
    )


class MoveSchoolForm(FlaskForm):
    school = ListSelectField(
        "School",
        validators=[DataRequired("Select a school")],
        invalid_message="Select a school from the list",
    )
