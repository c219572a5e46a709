"""Forms for the part-time timetable register, the suspensions log and the provision offer."""

from __future__ import annotations

from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from inclusion.audit.forms import CheckboxesField
from inclusion.graduated_response.incidents import ExclusionInput
from inclusion.graduated_response.records import TimetableInput
from inclusion.graduated_response.vocab import (
    EXCLUSION_REASONS,
    RETIRED_EXCLUSION_REASONS,
    YEAR_GROUPS,
    ExclusionKind,
    LinkedPlan,
    PermanentOutcome,
    SenStatus,
    TimetableReason,
)
from inclusion.ui.forms import GovukDateField, ListSelectField, choices, finite, small_int
from inclusion.ui.once import OnceOnlyForm

PUPIL_REF_HINT = (
    "Your school's own reference for the pupil, such as PTT-014. Never a name or unique pupil "
    "number: the council's copy of these records must not identify the pupil."
)
YEAR_GROUP_CHOICES = choices(
    [("", "Choose a year group")]
    + [(y, {"N": "Nursery", "R": "Reception"}.get(y, f"Year {y}")) for y in YEAR_GROUPS]
)


class PupilFields:
    pupil_ref = StringField(
        "Pupil reference",
        description=PUPIL_REF_HINT,
        validators=[DataRequired("Enter the pupil reference"), Length(max=20)],
    )
    year_group = ListSelectField(
        "Year group",
        choices=YEAR_GROUP_CHOICES,
        validators=[DataRequired("Select the pupil's year group")],
        invalid_message="Select the pupil's year group",
    )
    sen_status = RadioField(
        "SEN status",
        choices=choices((s.value, s.label) for s in SenStatus),
        validators=[DataRequired("Select the pupil's SEN status")],
    )
    version = HiddenField()

    def based_on_version(self) -> int:
        return small_int(self.version.data) or 0


class SafeguardingFlags:
    looked_after = BooleanField("Looked after")
    child_in_need = BooleanField("Child in need")
    child_protection = BooleanField("Child protection plan")


class TimetableForm(SafeguardingFlags, PupilFields, OnceOnlyForm):
    social_worker_involved = BooleanField("The pupil's social worker is involved")
    virtual_school_involved = BooleanField("The virtual school head is involved")
    below_compulsory_school_age = BooleanField(
        "The pupil is below compulsory school age (Reception only: not yet the term after "
        "their fifth birthday)"
    )
    reason = RadioField(
        "Why does the pupil need a part-time timetable?",
        choices=choices((r.value, r.label) for r in TimetableReason),
        validators=[DataRequired("Select a reason")],
        validate_choice=False,
        description=(
            "Managing behaviour is not on this list: the guidance says a part-time timetable "
            "must not be used to manage a pupil's behaviour."
        ),
    )
    reason_other = TextAreaField("Other reason", validators=[Length(max=2000)])
    start_date = GovukDateField("Start date", validators=[DataRequired("Enter the start date")])
    planned_end_date = GovukDateField("Planned end date", validators=[Optional()])
    hours_per_week = DecimalField(
        "Hours in school each week",
        places=1,
        validators=[InputRequired("Enter the hours in school each week"), finite],
    )
    parental_agreement_date = GovukDateField(
        "Date the parent or carer agreed", validators=[Optional()]
    )
    linked_plan = RadioField(
        "Linked plan",
        choices=choices((p.value, p.label) for p in LinkedPlan),
        default=LinkedPlan.NONE.value,
        validators=[DataRequired("Select a linked plan, or None")],
    )
    actual_end_date = GovukDateField("Actual end date", validators=[Optional()])
    outcome = TextAreaField("Outcome", validators=[Length(max=2000)])

    def to_input(self) -> TimetableInput:
        return TimetableInput(
            pupil_ref=self.pupil_ref.data or "",
            year_group=self.year_group.data or "",
            sen_status=self.sen_status.data or "",
            reason=self.reason.data or "",
            reason_other=self.reason_other.data or "",
            start_date=self.start_date.data,
            planned_end_date=self.planned_end_date.data,
            hours_per_week=Decimal(self.hours_per_week.data),
            looked_after=self.looked_after.data,
            child_in_need=self.child_in_need.data,
            child_protection=self.child_protection.data,
            social_worker_involved=self.social_worker_involved.data,
            virtual_school_involved=self.virtual_school_involved.data,
            below_compulsory_school_age=self.below_compulsory_school_age.data,
            parental_agreement_date=self.parental_agreement_date.data,
            linked_plan=self.linked_plan.data or "",
            actual_end_date=self.actual_end_date.data,
            outcome=(self.outcome.data or "").strip(),
        )


class ReviewForm(OnceOnlyForm):
    review_date = GovukDateField(
        "Date of the review", validators=[DataRequired("Enter the date of the review")]
    )
    note = TextAreaField("What was agreed", validators=[Length(max=2000)])


class DeleteForm(FlaskForm):
    reason = TextAreaField(
        "Why are you deleting this record?",
        validators=[DataRequired("Say why you are deleting this record"), Length(max=2000)],
    )


class ExclusionForm(SafeguardingFlags, PupilFields, OnceOnlyForm):
    kind = RadioField(
        "Type",
        choices=choices((k.value, k.label) for k in ExclusionKind),
        validators=[DataRequired("Select the type")],
    )
    start_date = GovukDateField("Start date", validators=[DataRequired("Enter the start date")])
    sessions = IntegerField(
        "Number of sessions (suspensions only)",
        description=(
            "A session is half a day: 3 days is 6 sessions. A lunchtime suspension counts as "
            "half a day and a permanent exclusion has no sessions, so leave this empty for them."
        ),
        validators=[Optional()],
    )
    reasons = CheckboxesField(
        "Reasons (up to 3)",
        choices=choices((code, f"{label} ({code})") for code, label in EXCLUSION_REASONS.items()),
        validators=[DataRequired("Select between 1 and 3 reasons")],
        validate_choice=False,
    )
    misses_public_exam = BooleanField(
        "The suspension means the pupil misses a public examination or national curriculum test"
    )
    permanent_outcome = RadioField(
        "What became of the permanent exclusion? (permanent exclusions only)",
        choices=choices((o.value, o.label) for o in PermanentOutcome),
        default=PermanentOutcome.PENDING.value,
        validate_choice=False,
    )
    governors_review_outcome = TextAreaField(
        "Outcome of any governors' review", validators=[Length(max=2000)]
    )

    def to_input(self) -> ExclusionInput:
        return ExclusionInput(
            pupil_ref=self.pupil_ref.data or "",
            year_group=self.year_group.data or "",
            sen_status=self.sen_status.data or "",
            kind=self.kind.data or "",
            start_date=self.start_date.data,
            sessions=self.sessions.data or 0,
            reasons=list(self.reasons.data or []),
            looked_after=self.looked_after.data,
            child_in_need=self.child_in_need.data,
            child_protection=self.child_protection.data,
            misses_public_exam=self.misses_public_exam.data,
            permanent_outcome=self.permanent_outcome.data or "",
            governors_review_outcome=(self.governors_review_outcome.data or "").strip(),
        )

    def keep_retired_reasons(self, kept: list[str]) -> None:
        """An old record's retired reason (OT Other) stays on the form, labelled as retired."""
        retired = [c for c in kept if c in RETIRED_EXCLUSION_REASONS]
        self.reasons.choices = list(self.reasons.choices) + choices(
            (c, f"{RETIRED_EXCLUSION_REASONS[c]} ({c}, no longer used)") for c in retired
        )


class ProvisionForm(FlaskForm):
    description = TextAreaField(
        "What the school ordinarily provides",
        validators=[Length(max=4000)],
        description="Up to 4,000 characters. Parents read this in your SEND Information Report.",
    )
    tags = CheckboxesField("Related training topics (optional)", validate_choice=False)
    version = HiddenField()
