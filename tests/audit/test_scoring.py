"""Scoring invariants (hypothesis) and worked examples."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inclusion.audit.scoring import (
    NOT_APPLICABLE,
    AreaInput,
    ScoringRules,
    StandardInput,
    score_area,
    score_audit,
)

SETTINGS = {
    "rating_scale": [
        {"value": 0, "label": "Not yet in place"},
        {"value": 1, "label": "Emerging"},
        {"value": 2, "label": "Established"},
        {"value": 3, "label": "Embedded"},
    ],
    "statutory_gate": {"statutory_rating_at_or_below": 0, "caps_area_at": 1},
    "rag_bands": [
        {"band": "red", "label": "Priority for improvement", "below": 1.0},
        {"band": "amber", "label": "Developing", "below": 2.0},
        {"band": "green", "label": "Secure"},
    ],
}
RULES = ScoringRules.from_settings(SETTINGS)
ratings_st = st.one_of(st.integers(min_value=0, max_value=3), st.just(NOT_APPLICABLE), st.none())


@st.composite
def areas_and_ratings(draw):
    areas, ratings = [], {}
    for a in range(draw(st.integers(min_value=1, max_value=4))):
        standards = []
        for s in range(draw(st.integers(min_value=1, max_value=5))):
            code = f"A{a}S{s}"
            standards.append(StandardInput(code, draw(st.booleans())))
            ratings[code] = draw(ratings_st)
        areas.append(AreaInput(f"A{a}", standards))
    return areas, ratings


@given(areas_and_ratings())
def test_every_score_stays_on_the_scale(case):
    areas, ratings = case
    result = score_audit(areas, ratings, RULES)
    scores = [a.score for a in result.areas if a.score is not None]
    assert all(0 <= s <= 3 for s in scores)
    assert result.overall is None or 0 <= result.overall <= 3


@given(areas_and_ratings(), st.data())
def test_raising_any_rating_never_lowers_a_score(case, data):
    areas, ratings = case
    rated = [code for code, r in ratings.items() if isinstance(r, int) and r < 3]
    if not rated:
        return
    code = data.draw(st.sampled_from(rated))
    before = score_audit(areas, ratings, RULES)
    after = score_audit(areas, ratings | {code: ratings[code] + 1}, RULES)
    for old, new in zip(before.areas, after.areas, strict=True):
        assert (old.score is None) == (new.score is None)
        assert old.score is None or new.score >= old.score
    assert after.overall >= before.overall


@given(areas_and_ratings())
def test_a_not_applicable_standard_leaves_every_score_unchanged(case):
    areas, ratings = case
    extra = StandardInput("EXTRA", statutory=True)
    widened = [
        AreaInput(a.code, [*a.standards, extra]) if i == 0 else a for i, a in enumerate(areas)
    ]
    plain = score_audit(areas, ratings, RULES)
    with_na = score_audit(widened, ratings | {"EXTRA": NOT_APPLICABLE}, RULES)
    assert plain == with_na


@given(areas_and_ratings())
def test_an_area_with_a_statutory_standard_not_in_place_is_never_above_emerging(case):
    areas, ratings = case
    for area in areas:
        result = score_area(area, ratings, RULES)
        gated = any(s.statutory and ratings.get(s.code) == 0 for s in area.standards)
        if gated and result.score is not None:
            assert result.score <= 1
            assert result.level in ("Not yet in place", "Emerging")


def test_the_gate_caps_an_otherwise_strong_area_and_says_so():
    area = AreaInput(
        "SD", [StandardInput("SD1", True), StandardInput("SD2", False), StandardInput("SD3", False)]
    )
    result = score_area(area, {"SD1": 0, "SD2": 3, "SD3": 3}, RULES)
    assert (result.score, result.level, result.band, result.gated) == (
        1.0,
        "Emerging",
        "amber",
        True,
    )


def test_a_mean_of_two_and_a_half_is_established_and_green():
    area = AreaInput("TL", [StandardInput("TL1", False), StandardInput("TL2", False)])
    result = score_area(area, {"TL1": 2, "TL2": 3}, RULES)
    assert (result.score, result.level, result.band, result.gated) == (
        2.5,
        "Established",
        "green",
        False,
    )


def test_an_area_with_nothing_rated_has_no_score_and_is_left_out_of_the_overall():
    areas = [
        AreaInput("A", [StandardInput("A1", False)]),
        AreaInput("B", [StandardInput("B1", False)]),
    ]
    result = score_audit(areas, {"A1": NOT_APPLICABLE, "B1": 3}, RULES)
    assert result.area("A").score is None
    assert result.overall == 3


def test_a_rating_off_the_scale_is_refused():
    area = AreaInput("A", [StandardInput("A1", False)])
    for bad in (4, -1, True, "2"):
        try:
            score_area(area, {"A1": bad}, RULES)
        except ValueError as error:
            assert "scale" in str(error)
        else:
            raise AssertionError(f"{bad!r} was accepted")


def test_the_scale_and_gate_come_from_the_framework_settings():
    strict = ScoringRules.from_settings(
        SETTINGS | {"statutory_gate": {"statutory_rating_at_or_below": 1, "caps_area_at": 0}}
    )
    area = AreaInput("A", [StandardInput("A1", True), StandardInput("A2", False)])
    assert score_area(area, {"A1": 1, "A2": 3}, strict).score == 0
