"""The fixed vocabularies of graduated-response records (DfE and council guidance)."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return LABELS[self]


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


LABELS = {
    SenStatus.NONE: "No SEN",
    SenStatus.SEN_SUPPORT: "SEN support",
    SenStatus.EHC_PLAN: "EHC plan",
    TimetableReason.MEDICAL: "Medical needs",
    TimetableReason.SEN_GRADUAL_INTRODUCTION: "SEN: gradual introduction",
    TimetableReason.SEMH_PASTORAL: "Social, emotional and mental health or pastoral",
    TimetableReason.REINTEGRATION: "Reintegration after exclusion or absence",
    TimetableReason.OTHER: "Other",
    LinkedPlan.NONE: "None",
    LinkedPlan.PASTORAL_SUPPORT_PLAN: "Pastoral support plan",
    LinkedPlan.EARLY_HELP: "Early help assessment",
    LinkedPlan.EHCP_REVIEW: "EHC plan review",
    ExclusionKind.SUSPENSION: "Suspension",
    ExclusionKind.LUNCHTIME: "Lunchtime suspension",
    ExclusionKind.PERMANENT: "Permanent exclusion",
    PermanentOutcome.PENDING: "Waiting for the governors' decision",
    PermanentOutcome.UPHELD: "Upheld by the governors",
    PermanentOutcome.REINSTATED_BY_GOVERNORS: "Reinstated by the governors",
    PermanentOutcome.PANEL_UPHELD: "Upheld by an independent review panel",
    PermanentOutcome.PANEL_RECOMMENDED_RECONSIDERATION: (
        "Independent review panel recommended the governors reconsider"
    ),
    PermanentOutcome.PANEL_QUASHED: (
        "Independent review panel quashed the decision and directed the governors to reconsider"
    ),
    PermanentOutcome.REINSTATED_AFTER_RECONSIDERATION: "Reinstated after reconsideration",
    NotificationChange.NEW: "New",
    NotificationChange.AMENDMENT: "Amendment",
    NotificationChange.CANCELLATION: "Cancellation",
    Need.COMMUNICATION_INTERACTION: "Communication and interaction",
    Need.COGNITION_LEARNING: "Cognition and learning",
    Need.SEMH: "Social, emotional and mental health",
    Need.SENSORY_PHYSICAL: "Sensory and/or physical",
    Level.UNIVERSAL: "Universal",
    Level.SEN_SUPPORT: "SEN Support",
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
