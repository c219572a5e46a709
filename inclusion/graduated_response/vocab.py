"""The fixed vocabularies of graduated-response records (DfE and council guidance)."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return LABELS[(type(self), self)]


class SenStatus(Labelled):
    NONE = "none"
    SEN_SUPPORT = "sen_support"
    EHC_PLAN = "ehc_plan"


class TimetableReason(Labelled):
    MEDICAL = "medical"
    SEN_GRADUAL_INTRODUCTION = "sen_gradual"
    SEMH_PASTORAL = "semh_pastoral"
    REINTEGRATION = "reintegration"
    OTHER = "other"


class LinkedPlan(Labelled):
    NONE = "none"
    PASTORAL_SUPPORT_PLAN = "psp"
    EARLY_HELP = "early_help"
    EHCP_REVIEW = "ehcp_review"


class ExclusionKind(Labelled):
    SUSPENSION = "suspension"
    LUNCHTIME = "lunchtime"
    PERMANENT = "permanent"


class PermanentOutcome(Labelled):
    """What became of a permanent exclusion after governors and any review panel."""

    PENDING = "pending"
    UPHELD = "upheld"
    REINSTATED_BY_GOVERNORS = "reinstated"
    PANEL_UPHELD = "panel_upheld"
    PANEL_RECOMMENDED_RECONSIDERATION = "panel_recommended"
    PANEL_QUASHED = "panel_quashed"
    REINSTATED_AFTER_RECONSIDERATION = "reinstated_after_review"

    @property
    def counts_in_statistics(self) -> bool:
        """DfE's statistics count a permanent exclusion unless the pupil was reinstated."""
        return self not in REINSTATED


class NotificationChange(Labelled):
    NEW = "new"
    AMENDMENT = "amendment"
    CANCELLATION = "cancellation"


class Need(Labelled):
    COMMUNICATION_INTERACTION = "communication-interaction"
    COGNITION_LEARNING = "cognition-learning"
    SEMH = "semh"
    SENSORY_PHYSICAL = "sensory-physical"


class Level(Labelled):
    UNIVERSAL = "universal"
    SEN_SUPPORT = "sen-support"


# Keyed by (enum, member): string enums with equal values (SenStatus.NONE and LinkedPlan.NONE
# are both "none") would otherwise be one key, and one would show the other's label.
LABELS: dict[tuple[type, StrEnum], str] = {
    (SenStatus, SenStatus.NONE): "No SEN",
    (SenStatus, SenStatus.SEN_SUPPORT): "SEN support",
    (SenStatus, SenStatus.EHC_PLAN): "EHC plan",
    (TimetableReason, TimetableReason.MEDICAL): "Medical needs",
    (TimetableReason, TimetableReason.SEN_GRADUAL_INTRODUCTION): "SEN: gradual introduction",
    (
        TimetableReason,
        TimetableReason.SEMH_PASTORAL,
    ): "Social, emotional and mental health or pastoral",
    (TimetableReason, TimetableReason.REINTEGRATION): "Reintegration after exclusion or absence",
    (TimetableReason, TimetableReason.OTHER): "Other",
    (LinkedPlan, LinkedPlan.NONE): "None",
    (LinkedPlan, LinkedPlan.PASTORAL_SUPPORT_PLAN): "Pastoral support plan",
    (LinkedPlan, LinkedPlan.EARLY_HELP): "Early help assessment",
    (LinkedPlan, LinkedPlan.EHCP_REVIEW): "EHC plan review",
    (ExclusionKind, ExclusionKind.SUSPENSION): "Suspension",
    (ExclusionKind, ExclusionKind.LUNCHTIME): "Lunchtime suspension",
    (ExclusionKind, ExclusionKind.PERMANENT): "Permanent exclusion",
    (PermanentOutcome, PermanentOutcome.PENDING): "Waiting for the governors' decision",
    (PermanentOutcome, PermanentOutcome.UPHELD): "Upheld by the governors",
    (PermanentOutcome, PermanentOutcome.REINSTATED_BY_GOVERNORS): "Reinstated by the governors",
    (PermanentOutcome, PermanentOutcome.PANEL_UPHELD): "Upheld by an independent review panel",
    (PermanentOutcome, PermanentOutcome.PANEL_RECOMMENDED_RECONSIDERATION): (
        "Independent review panel recommended the governors reconsider"
    ),
    (PermanentOutcome, PermanentOutcome.PANEL_QUASHED): (
        "Independent review panel quashed the decision and directed the governors to reconsider"
    ),
    (
        PermanentOutcome,
        PermanentOutcome.REINSTATED_AFTER_RECONSIDERATION,
    ): "Reinstated after reconsideration",
    (NotificationChange, NotificationChange.NEW): "New",
    (NotificationChange, NotificationChange.AMENDMENT): "Amendment",
    (NotificationChange, NotificationChange.CANCELLATION): "Cancellation",
    (Need, Need.COMMUNICATION_INTERACTION): "Communication and interaction",
    (Need, Need.COGNITION_LEARNING): "Cognition and learning",
    (Need, Need.SEMH): "Social, emotional and mental health",
    (Need, Need.SENSORY_PHYSICAL): "Sensory and/or physical",
    (Level, Level.UNIVERSAL): "Universal",
    (Level, Level.SEN_SUPPORT): "SEN Support",
}

REINSTATED = frozenset(
    {PermanentOutcome.REINSTATED_BY_GOVERNORS, PermanentOutcome.REINSTATED_AFTER_RECONSIDERATION}
)

# DfE reason codes for suspensions and permanent exclusions, with DfE's labels: the school
# census exclusion reason code set (school census guide 2024 to 2025 and 2025 to 2026; up to
# three reasons an exclusion since 2020/21). See docs/domain-rules.md.
EXCLUSION_REASONS = {
    "PP": "Physical assault against a pupil",
    "PA": "Physical assault against an adult",
    "VP": "Verbal abuse/threatening behaviour against a pupil",
    "VA": "Verbal abuse/threatening behaviour against an adult",
    "OW": "Use or threat of use of an offensive weapon or prohibited item",
    "BU": "Bullying",
    "RA": "Racist abuse",
    "LG": "Abuse against sexual orientation and gender identity",
    "DS": "Abuse relating to disability",
    "SM": "Sexual misconduct",
    "DA": "Drug and alcohol related",
    "DM": "Damage",
    "TH": "Theft",
    "DB": "Persistent disruptive behaviour",
    "MT": "Inappropriate use of social media or online technology",
    "PH": (
        "Wilful and repeated transgression of protective measures in place to protect public health"
    ),
}
# No longer offered for new records (DfE aims to remove it); old records still show it.
RETIRED_EXCLUSION_REASONS = {"OT": "Other"}
ALL_EXCLUSION_REASONS = EXCLUSION_REASONS | RETIRED_EXCLUSION_REASONS
YEAR_GROUPS = ["N", "R", *[str(n) for n in range(1, 15)]]
