"""Which duties bind which school: the kinds of setting, and scoring that leaves out
standards that do not apply (SEND Regulations 2014 Sch. 1 paras 2 and 4; CFA 2014 s.67)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inclusion.audit.scoring import AreaInput, ScoringRules, StandardInput, score_area
from inclusion.schools.phases import Phase
from inclusion.schools.settings import SettingKind, applies, applies_to_text, setting_of

RULES = ScoringRules.from_settings(
    {
        "rating_scale": [{"value": v, "label": f"L{v}"} for v in range(4)],
        "statutory_gate": {"statutory_rating_at_or_below": 0, "caps_area_at": 1},
        "rag_bands": [
            {"band": "red", "label": "Red", "below": 1.0},
            {"band": "amber", "label": "Amber", "below": 2.0},
            {"band": "green", "label": "Green"},
        ],
    }
)
SENCO_DUTY = ["mainstream", "maintained-nursery"]  # CFA 2014 s.67(1)


@pytest.mark.parametrize(
    ("phase", "kind"),
    [
        (Phase.PRIMARY, SettingKind.MAINSTREAM),
        (Phase.MIDDLE, SettingKind.MAINSTREAM),
        (Phase.SECONDARY, SettingKind.MAINSTREAM),
        (Phase.ALL_THROUGH, SettingKind.MAINSTREAM),
        (Phase.NURSERY, SettingKind.MAINTAINED_NURSERY),
        (Phase.SPECIAL, SettingKind.SPECIAL),
        (Phase.PRU_AP, SettingKind.ALTERNATIVE_PROVISION),
        (Phase.SIXTEEN_PLUS, SettingKind.SIXTEEN_TO_NINETEEN),
    ],
)
def test_every_portal_phase_maps_to_one_kind_of_setting(phase, kind):
    assert setting_of(phase.value) is kind


def test_the_senco_duty_binds_mainstream_and_maintained_nursery_schools_only_cfa_s67():
    bound = {kind for kind in SettingKind if applies(SENCO_DUTY, kind)}
    assert bound == {SettingKind.MAINSTREAM, SettingKind.MAINTAINED_NURSERY}


def test_a_duty_without_applies_to_binds_every_kind_of_setting_equality_act_sch10():
    assert all(applies(None, kind) and applies([], kind) for kind in SettingKind)


def test_the_reason_names_the_settings_the_duty_binds():
    assert applies_to_text(SENCO_DUTY) == "mainstream schools and maintained nursery schools"


def test_a_statutory_standard_that_does_not_apply_never_gates_the_area_cfa_s67():
    area = AreaInput(
        "SD",
        [StandardInput("SD2", statutory=True, applies=False), StandardInput("SD3", True)],
    )
    result = score_area(area, {"SD2": 0, "SD3": 3}, RULES)
    assert result.gated is False
    assert result.score == 3
    assert result.rated == 1


def test_the_same_rating_gates_the_area_where_the_standard_applies():
    area = AreaInput("SD", [StandardInput("SD2", True), StandardInput("SD3", True)])
    result = score_area(area, {"SD2": 0, "SD3": 3}, RULES)
    assert result.gated is True
    assert result.score == 1


@given(st.integers(0, 3), st.integers(0, 3))
def test_a_standard_that_does_not_apply_never_changes_an_area_score(kept, ignored):
    applying = AreaInput("A", [StandardInput("A1", False)])
    with_extra = AreaInput("A", [StandardInput("A1", False), StandardInput("A2", True, False)])
    ratings = {"A1": kept, "A2": ignored}
    assert score_area(with_extra, ratings, RULES) == score_area(applying, ratings, RULES)
