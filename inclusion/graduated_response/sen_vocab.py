"""Vocabularies of SEN support records: the DfE school census type-of-need codes, the broad
areas of need of the SEND Code of Practice, who assessed, and what a review decided.

Sources in docs/domain-rules.md ("SEN support records and cycles").
"""

from __future__ import annotations

from enum import StrEnum

from inclusion.graduated_response.vocab import Need, SenStatus

# The school census "SEN type" codes (type of need), with the census's wording, written as the
# census writes them; the code list is the same for primary and secondary need.
NEED_CODES: dict[str, str] = {
    "SPLD": "Specific learning difficulty",
    "MLD": "Moderate learning difficulty",
    "SLD": "Severe learning difficulty",
    "PMLD": "Profound and multiple learning difficulty",
    "SEMH": "Social, emotional and mental health",
    "SLCN": "Speech, language and communication needs",
    "HI": "Hearing impairment",
    "VI": "Visual impairment",
    "MSI": "Multi-sensory impairment",
    "PD": "Physical disability",
    "ASD": "Autistic spectrum disorder",
    "OTH": "Other difficulty or disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}
# How the codes are usually written in schools (SpLD, not SPLD).
NEED_SHORT = {"SPLD": "SpLD"}

# SEND Code of Practice 0 to 25 (2015), paragraphs 6.28 to 6.35: four broad areas of need.
# OTH and NSA name no area: the Code's areas describe a need, and these codes do not.
BROAD_AREA: dict[str, Need] = {
    "SLCN": Need.COMMUNICATION_INTERACTION,
    "ASD": Need.COMMUNICATION_INTERACTION,
    "SPLD": Need.COGNITION_LEARNING,
    "MLD": Need.COGNITION_LEARNING,
    "SLD": Need.COGNITION_LEARNING,
    "PMLD": Need.COGNITION_LEARNING,
    "SEMH": Need.SEMH,
    "HI": Need.SENSORY_PHYSICAL,
    "VI": Need.SENSORY_PHYSICAL,
    "MSI": Need.SENSORY_PHYSICAL,
    "PD": Need.SENSORY_PHYSICAL,
}

# The census records a type of need only for pupils with SEN support (K) or an EHC plan (E).
REGISTER_STATUSES = (SenStatus.SEN_SUPPORT, SenStatus.EHC_PLAN)


def need_label(code: str) -> str:
    if code not in NEED_CODES:
        return code
    return f"{NEED_CODES[code]} ({NEED_SHORT.get(code, code)})"


def broad_area_label(code: str) -> str:
    area = BROAD_AREA.get(code)
    return area.label if area else "No broad area (the census code names none)"


class AssessmentSource(StrEnum):
    SCHOOL = "school"
    EDUCATIONAL_PSYCHOLOGY = "ep"
    SPEECH_LANGUAGE = "salt"
    OCCUPATIONAL_THERAPY = "ot"
    CAMHS = "camhs"
    EARLY_HELP = "early_help"
    SPECIALIST_TEACHER = "specialist_teacher"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]

    @property
    def is_specialist(self) -> bool:
        return self is not AssessmentSource.SCHOOL


SOURCE_LABELS = {
    AssessmentSource.SCHOOL: "The school's own assessment",
    AssessmentSource.EDUCATIONAL_PSYCHOLOGY: "Educational psychology",
    AssessmentSource.SPEECH_LANGUAGE: "Speech and language therapy",
    AssessmentSource.OCCUPATIONAL_THERAPY: "Occupational therapy",
    AssessmentSource.CAMHS: "Child and adolescent mental health services (CAMHS)",
    AssessmentSource.EARLY_HELP: "Early help",
    AssessmentSource.SPECIALIST_TEACHER: "Specialist teacher",
}


class ReviewDecision(StrEnum):
    CONTINUE = "continue"
    CHANGE = "change"
    END = "end"
    REQUEST_ASSESSMENT = "request_assessment"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {
    ReviewDecision.CONTINUE: "Continue the support as it is",
    ReviewDecision.CHANGE: "Change the support",
    ReviewDecision.END: "End SEN support: the outcomes are met",
    ReviewDecision.REQUEST_ASSESSMENT: "Request an EHC needs assessment",
}
