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
    PERMANENT = "permanent"


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
    ExclusionKind.PERMANENT: "Permanent exclusion",
    Need.COMMUNICATION_INTERACTION: "Communication and interaction",
    Need.COGNITION_LEARNING: "Cognition and learning",
    Need.SEMH: "Social, emotional and mental health",
    Need.SENSORY_PHYSICAL: "Sensory and/or physical",
    Level.UNIVERSAL: "Universal",
    Level.SEN_SUPPORT: "SEN Support",
}

# DfE reason codes for suspensions and permanent exclusions (school census).
EXCLUSION_REASONS = {
    "PP": "Physical assault against a pupil",
    "PA": "Physical assault against an adult",
    "VP": "Verbal abuse or threatening behaviour against a pupil",
    "VA": "Verbal abuse or threatening behaviour against an adult",
    "BU": "Bullying",
    "RA": "Racist abuse",
    "LG": "Abuse against sexual orientation or gender identity",
    "DS": "Abuse relating to disability",
    "SM": "Sexual misconduct",
    "DA": "Drug and alcohol related",
    "OW": "Use or threat of use of an offensive weapon or prohibited item",
    "DM": "Damage",
    "TH": "Theft",
    "MT": "Inappropriate use of social media or online technology",
    "DB": "Persistent disruptive behaviour",
    "OT": "Other",
}
YEAR_GROUPS = ["N", "R", *[str(n) for n in range(1, 15)]]
