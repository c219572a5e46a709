"""Forms for the SEND Information Report checklist."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from inclusion.send_report.checklists import STATUSES, ItemAnswer
from inclusion.ui.forms import choices, small_int


class ItemForm(FlaskForm):
    status = RadioField(
        "Does your website meet this?",
        choices=choices(STATUSES.items()),
        validators=[DataRequired("Select met, partly met, not met or not applicable")],
        validate_choice=False,
    )
    evidence_url = StringField(
        "Evidence web address (optional)",
        description="The page or document that shows it.",
        validators=[Length(max=500)],
    )
    pdf_page = IntegerField(
        "Page of the PDF (optional)",
        validators=[Optional(), NumberRange(1, 2000, "Enter a page number from 1 to 2000")],
    )
    note = TextAreaField(
        "Note",
        description="Optional, except for Not applicable: then say why the item does not apply.",
        validators=[Length(max=2000)],
    )
    version = HiddenField()

    def to_answer(self) -> ItemAnswer:
        return ItemAnswer(
            status=self.status.data or "",
            evidence_url=(self.evidence_url.data or "").strip(),
            pdf_page=self.pdf_page.data,
            note=(self.note.data or "").strip(),
        )

    def based_on_version(self) -> int | None:
        return small_int(self.version.data)
