"""The portal's own phase of a school, derived from GIAS type and phase codes."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    NURSERY = "nursery"
    PRIMARY = "primary"
    MIDDLE = "middle"
    SECONDARY = "secondary"
    ALL_THROUGH = "all-through"
    SPECIAL = "special"
    PRU_AP = "pru-ap"
    SIXTEEN_PLUS = "16-plus"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS = {
    Phase.NURSERY: "Nursery",
    Phase.PRIMARY: "Primary",
    Phase.MIDDLE: "Middle",
    Phase.SECONDARY: "Secondary",
    Phase.ALL_THROUGH: "All-through",
    Phase.SPECIAL: "Special",
    Phase.PRU_AP: "PRU / alternative provision",
    Phase.SIXTEEN_PLUS: "16 plus",
}

SPECIAL_TYPE_CODES = frozenset({7, 8, 12, 33, 36, 44})
PRU_AP_TYPE_CODES = frozenset({14, 38, 42, 43})
GIAS_PHASES = {
    1: Phase.NURSERY,
    2: Phase.PRIMARY,
    3: Phase.MIDDLE,
    4: Phase.SECONDARY,
    5: Phase.MIDDLE,
    6: Phase.SIXTEEN_PLUS,
    7: Phase.ALL_THROUGH,
}


def derive_phase(
    type_code: int | None,
    gias_phase_code: int | None,
    low_age: int | None = None,
    high_age: int | None = None,
) -> Phase:
    """Special schools and PRUs are known by type; the rest by GIAS phase, else by age range."""
    if type_code in SPECIAL_TYPE_CODES:
        return Phase.SPECIAL
    if type_code in PRU_AP_TYPE_CODES:
        return Phase.PRU_AP
    if gias_phase_code in GIAS_PHASES:
        return GIAS_PHASES[gias_phase_code]
    return _phase_from_ages(low_age, high_age)


def _phase_from_ages(low_age: int | None, high_age: int | None) -> Phase:
    if low_age is not None and low_age >= 16:
        return Phase.SIXTEEN_PLUS
    if high_age is not None and high_age <= 5:
        return Phase.NURSERY
    if high_age is not None and high_age <= 11:
        return Phase.PRIMARY
    return Phase.SECONDARY
