"""Forms for SEN support records and their assess-plan-do-review cycles."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from inclusion.graduated_response.cycles import (
    AssessmentInput,
    OutcomeInput,
    ProvisionInput,
    ReviewInput,
)
from inclusion.graduated_response.forms import PupilFields, SafeguardingFlags
from inclusion.graduated_response.sen_support import SupportInput
from inclusion.graduated_response.sen_vocab import (
    NEED_CODES,
    REGISTER_STATUSES,
    AssessmentSource,
    ReviewDecision,
    need_label,
)
from inclusion.ui.forms import GovukDateField, ListSelectField, choices, small_int
from inclusion.ui.once import OnceOnlyForm

NEED_CHOICES = [(code, need_label(code)) for code in NEED_CODES]


class SupportForm(SafeguardingFlags, PupilFields, OnceOnlyForm):
    sen_status = RadioField(
        "SEN status",
        choices=choices((s.value, s.label) for s in REGISTER_STATUSES),
        validators=[DataRequired("Select SEN support or EHC plan")],
        validate_choice=False,
    )
    primary_need = ListSelectField(
        "Primary type of need",
        choices=choices([("", "Choose the primary need"), *NEED_CHOICES]),
        validators=[DataRequired("Select the pupil's primary type of need")],
        invalid_message="Select the pupil's primary type of need",
    )
    secondary_need = ListSelectField(
        "Secondary type of need (optional)",
        choices=choices([("", "None"), *(c for c in NEED_CHOICES if c[0] != "NSA")]),
        invalid_message="Select a secondary type of need from the list, or none",
    )
    placed_on_support = GovukDateField(
        "Date placed on SEN support",
        validators=[DataRequired("Enter the date the pupil was placed on SEN support")],
    )
    eal = BooleanField("English as an additional language")
    fsm = BooleanField("Eligible for free school meals")

    def to_input(self) -> SupportInput:
        return SupportInput(
            pupil_ref=self.pupil_ref.data or "",
            year_group=self.year_group.data or "",
            sen_status=self.sen_status.data or "",
            primary_need=self.primary_need.data or "",
            secondary_need=self.secondary_need.data or "",
            placed_on_support=self.placed_on_support.data,
            looked_after=self.looked_after.data,
            child_in_need=self.child_in_need.data,
            child_protection=self.child_protection.data,
            eal=self.eal.data,
            fsm=self.fsm.data,
        )


class CycleForm(OnceOnlyForm):
    start_date = GovukDateField(
        "Date the cycle starts", validators=[DataRequired("Enter the date the cycle starts")]
    )


class AssessmentForm(OnceOnlyForm):
    source = RadioField(
        "Who made the assessment?",
        choices=choices((s.value, s.label) for s in AssessmentSource),
        validators=[DataRequired("Select who made the assessment")],
        validate_choice=False,
    )
    assessor = StringField(
        "Name or role of the assessor",
        description="For example, the SENCO, or the educational psychologist's service.",
        validators=[DataRequired("Say who made the assessment"), Length(max=200)],
    )
    what = TextAreaField(
        "What was assessed, and what it found",
        validators=[DataRequired("Say what was assessed"), Length(max=2000)],
    )
    assessed_on = GovukDateField(
        "Date of the assessment", validators=[DataRequired("Enter the date of the assessment")]
    )

    def to_input(self) -> AssessmentInput:
        return AssessmentInput(
            source=self.source.data or "",
            assessor=self.assessor.data or "",
            what=self.what.data or "",
            assessed_on=self.assessed_on.data,
        )


class OutcomeForm(OnceOnlyForm):
    description = TextAreaField(
        "Outcome sought", validators=[DataRequired("Describe the outcome sought"), Length(max=2000)]
    )
    measure = TextAreaField(
        "How progress will be measured",
        description="For example, a standardised reading score, or words read a minute.",
        validators=[DataRequired("Say how progress will be measured"), Length(max=2000)],
    )
    target_date = GovukDateField(
        "Target date", validators=[DataRequired("Enter the date by which it should be met")]
    )

    def to_input(self) -> OutcomeInput:
        return OutcomeInput(
            description=self.description.data or "",
            measure=self.measure.data or "",
            target_date=self.target_date.data,
        )


class CycleProvisionForm(OnceOnlyForm):
    offer_id = ListSelectField(
        "From the school's provision offer (optional)",
        choices=[],
        invalid_message="Select provision from your school's offer, or none",
    )
    intervention = StringField(
        "Intervention", validators=[DataRequired("Name the intervention"), Length(max=200)]
    )
    group_size = StringField("Group size (pupils)")
    sessions_per_week = StringField("Sessions a week")
    minutes_per_session = StringField("Minutes a session")
    staff = StringField(
        "Delivered by", validators=[DataRequired("Say who delivers it"), Length(max=200)]
    )
    start_date = GovukDateField("Start date", validators=[DataRequired("Enter the start date")])
    end_date = GovukDateField("End date (optional)", validators=[Optional()])
    weekly_cost = StringField("Cost a week, in pounds", validators=[Length(max=20)])

    def to_input(self) -> ProvisionInput:
        return ProvisionInput(
            intervention=self.intervention.data or "",
            group_size=small_int(self.group_size.data),
            sessions_per_week=small_int(self.sessions_per_week.data),
            minutes_per_session=small_int(self.minutes_per_session.data),
            staff=self.staff.data or "",
            start_date=self.start_date.data,
            end_date=self.end_date.data,
            weekly_cost=self.weekly_cost.data or "",
            offer_id=small_int(self.offer_id.data),
        )


class ViewsForm(FlaskForm):
    pupil_views = TextAreaField("The pupil's views", validators=[Length(max=2000)])
    parent_views = TextAreaField("The parents' or carers' views", validators=[Length(max=2000)])
    version = HiddenField()

    def based_on_version(self) -> int:
        return small_int(self.version.data) or 0


class CycleReviewForm(FlaskForm):
    review_date = GovukDateField(
        "Date of the review", validators=[DataRequired("Enter the date of the review")]
    )
    decision = RadioField(
        "What did the review decide?",
        choices=choices((d.value, d.label) for d in ReviewDecision),
        validators=[DataRequired("Select what the review decided")],
        validate_choice=False,
    )
    review_note = TextAreaField("Notes of the review (optional)", validators=[Length(max=2000)])
    version = HiddenField()

    def based_on_version(self) -> int:
        return small_int(self.version.data) or 0

    def to_input(self, progress: dict[int, str]) -> ReviewInput:
        return ReviewInput(
            review_date=self.review_date.data,
            decision=self.decision.data or "",
            note=self.review_note.data or "",
            progress=progress,
        )


class CorrectionForm(OnceOnlyForm):
    corrected_on = GovukDateField(
        "Date of the correction", validators=[DataRequired("Enter the date of the correction")]
    )
    correction = TextAreaField(
        "What is corrected, and why",
        validators=[DataRequired("Say what is corrected and why"), Length(max=2000)],
    )
