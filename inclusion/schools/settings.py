"""Kinds of setting: which statutory duties a school has depends on what kind of school it is.

Checklist items and audit standards may name the kinds of setting they apply to
(`applies_to`); an empty or missing list means every kind. The kind is derived from the
portal phase (itself derived from GIAS type and phase codes in `phases.py`), so it needs no
field of its own. The sources for each item's applicability are in
docs/domain-rules.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from inclusion.schools.phases import Phase


class SettingKind(StrEnum):
    # Children and Families Act 2014 s.83: a maintained school or Academy school that is
    # not a special school.
    MAINSTREAM = "mainstream"
    MAINTAINED_NURSERY = "maintained-nursery"
    SPECIAL = "special"
    ALTERNATIVE_PROVISION = "alternative-provision"
    SIXTEEN_TO_NINETEEN = "16-to-19"

    @property
    def label(self) -> str:
        return SETTING_LABELS[self]


SETTING_LABELS = {
    SettingKind.MAINSTREAM: "mainstream schools",
    SettingKind.MAINTAINED_NURSERY: "maintained nursery schools",
    SettingKind.SPECIAL: "special schools",
    SettingKind.ALTERNATIVE_PROVISION: "pupil referral units and alternative provision",
    SettingKind.SIXTEEN_TO_NINETEEN: "16 to 19 academies",
}

SETTING_OF_PHASE = {
    Phase.NURSERY: SettingKind.MAINTAINED_NURSERY,
    Phase.PRIMARY: SettingKind.MAINSTREAM,
    Phase.MIDDLE: SettingKind.MAINSTREAM,
    Phase.SECONDARY: SettingKind.MAINSTREAM,
    Phase.ALL_THROUGH: SettingKind.MAINSTREAM,
    Phase.SPECIAL: SettingKind.SPECIAL,
    Phase.PRU_AP: SettingKind.ALTERNATIVE_PROVISION,
    Phase.SIXTEEN_PLUS: SettingKind.SIXTEEN_TO_NINETEEN,
}

SETTING_CODES = [kind.value for kind in SettingKind]


def setting_of(phase: str) -> SettingKind:
    """The kind of setting of a school in the given portal phase."""
    return SETTING_OF_PHASE[Phase(phase)]


def applies(applies_to: Iterable[str] | None, setting: SettingKind) -> bool:
    """Whether a duty declared for `applies_to` binds a school of this kind (none: every kind)."""
    kinds = list(applies_to or [])
    return not kinds or setting.value in kinds


def applies_to_text(applies_to: Iterable[str] | None) -> str:
    """'mainstream schools and maintained nursery schools', for the "does not apply" reason."""
    labels = [SettingKind(code).label for code in applies_to or []]
    if not labels:
        return "every kind of school"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def binds_school(applies_to: Iterable[str] | None, school) -> bool:
    """Whether a duty declared for `applies_to` binds this school (anything with a `phase`)."""
    return applies(applies_to, setting_of(school.phase))
