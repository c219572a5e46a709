"""Forms for answering standards, the lifecycle, moderation, actions and training requests."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from inclusion.audit.answers import EVIDENCE_LIMIT, NOTE_LIMIT, REASON_LIMIT, AnswerInput
from inclusion.audit.models import Framework, Standard
from inclusion.audit.sign_off import DECLARATION
from inclusion.audit.statuses import ActionStatus
from inclusion.ui.forms import GovukDateField, choices, small_int
from inclusion.ui.once import OnceOnlyForm

NOT_APPLICABLE = "na"


class AnswerForm(FlaskForm):
    rating = RadioField(
        "Rating", validators=[DataRequired("Select a rating")], validate_choice=False
    )
    not_applicable_reason = TextAreaField("Why does this standard not apply to your school?")
    evidence = TextAreaField(
        "Evidence",
        description=f"What shows this rating is right. Up to {EVIDENCE_LIMIT:,} characters.",
    )
    note = TextAreaField(
        "Note (optional)",
        description=f"Anything else, such as next steps. Up to {NOTE_LIMIT:,} characters.",
    )
    evidence_links = TextAreaField(
        "Evidence links (optional)",
        description="Web addresses of documents, one per line, up to 5.",
    )
    version = HiddenField()

    def set_choices(self, framework: Framework, standard: Standard) -> AnswerForm:
        scale = [(str(step["value"]), step["label"]) for step in framework.settings["rating_scale"]]
        if standard.allows_not_applicable:
            scale.append((NOT_APPLICABLE, framework.settings["not_applicable_label"]))
        self.rating.choices = choices(scale)
        return self

    def answer_input(self) -> AnswerInput:
        """Unknown rating values stay visible to the service's validation, never coerced."""
        raw = (self.rating.data or "").strip()
        not_applicable = raw == NOT_APPLICABLE
        return AnswerInput(
            rating=None if not_applicable else small_int(raw),
            not_applicable=not_applicable,
            not_applicable_reason=(self.not_applicable_reason.data or "").strip()[
                : REASON_LIMIT + 1
            ],
            evidence=(self.evidence.data or "").strip(),
            note=(self.note.data or "").strip(),
            evidence_links=[
                line.strip()
                for line in (self.evidence_links.data or "").splitlines()
                if line.strip()
            ],
        )

    def is_unknown_rating(self) -> bool:
        raw = (self.rating.data or "").strip()
        known = {choice.value for choice in self.rating.choices} | {NOT_APPLICABLE}
        return bool(raw) and raw not in known

    def based_on_version(self) -> int | None:
        return small_int(self.version.data)


class CommentForm(FlaskForm):
    comment = TextAreaField("Comment", validators=[Length(max=2000)])


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        "Why are you reopening this audit?",
        validators=[DataRequired("Enter a reason for reopening"), Length(max=2000)],
    )


class SignOffForm(FlaskForm):
    decision = RadioField(
        "What do you want to do?",
        choices=choices(
            [
                ("sign_off", "Sign off the audit"),
                ("return", "Return it to the SENCO with a comment"),
            ]
        ),
        validators=[DataRequired("Select whether to sign off or return the audit")],
    )
    comment = TextAreaField(
        "Comment for the SENCO",
        description="Needed when you return the audit.",
        validators=[Length(max=2000)],
    )
    # Checked by the service (`sign_off.sign_off`) when the head signs off, not when returning.
    declaration = BooleanField(DECLARATION)


class ModerationForm(FlaskForm):
    decision = RadioField(
        "Do you agree with the school's rating?",
        choices=choices([("agree", "Agree"), ("challenge", "Challenge")]),
        validators=[DataRequired("Select agree or challenge")],
    )
    moderated_rating = RadioField("Your rating", validators=[Optional()], validate_choice=False)
    comment = TextAreaField("Comment", validators=[Length(max=2000)])


class ActionForm(OnceOnlyForm):
    description = TextAreaField(
        "Action", validators=[DataRequired("Describe the action"), Length(max=2000)]
    )
    owner = StringField("Owner (optional)", validators=[Length(max=120)])
    due_date = GovukDateField("Due date (optional)", validators=[Optional()])
    status = RadioField(
        "Status",
        choices=choices((s.value, s.label) for s in ActionStatus),
        validators=[DataRequired("Select a status")],
        default=ActionStatus.NOT_STARTED.value,
    )


class NoteForm(OnceOnlyForm):
    text = TextAreaField(
        "Add a dated note", validators=[DataRequired("Enter a note"), Length(max=2000)]
    )


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TrainingRequestForm(FlaskForm):
    topics = CheckboxesField("Training your school would like", validate_choice=False)
