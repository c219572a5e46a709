"""The portal phase is derived from GIAS type and phase codes."""

from __future__ import annotations

import pytest

from inclusion.schools.phases import Phase, derive_phase


@pytest.mark.parametrize(
    ("type_code", "phase_code", "ages", "expected"),
    [
        (1, 2, (4, 11), Phase.PRIMARY),
        (34, 4, (11, 18), Phase.SECONDARY),
        (3, 3, (9, 13), Phase.MIDDLE),
        (28, 5, (9, 13), Phase.MIDDLE),
        (15, 1, (2, 5), Phase.NURSERY),
        (46, 6, (16, 19), Phase.SIXTEEN_PLUS),
        (35, 7, (4, 18), Phase.ALL_THROUGH),
        (7, 0, (2, 19), Phase.SPECIAL),
        (44, 0, (4, 19), Phase.SPECIAL),
        (14, 0, (5, 16), Phase.PRU_AP),
        (42, 0, (11, 16), Phase.PRU_AP),
    ],
)
def test_each_kind_of_school_gets_its_portal_phase(type_code, phase_code, ages, expected):
    assert derive_phase(type_code, phase_code, *ages) == expected


def test_a_special_school_is_special_whatever_its_gias_phase():
    assert derive_phase(7, 2, 4, 11) == Phase.SPECIAL


@pytest.mark.parametrize(
    ("ages", "expected"),
    [((16, 19), Phase.SIXTEEN_PLUS), ((2, 4), Phase.NURSERY), ((4, 11), Phase.PRIMARY)],
)
def test_an_unknown_phase_falls_back_to_the_age_range(ages, expected):
    assert derive_phase(18, 0, *ages) == expected
