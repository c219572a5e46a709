"""A school's area scores on a council heatmap read like a dict, held in a fraction of one."""

from __future__ import annotations

import pytest

from inclusion.area_partnerships.audit_figures import AreaScores

INDEX = {"IDENT": 0, "TEACH": 1, "SEMH": 2}


def scores_with(**cells) -> AreaScores:
    scores = AreaScores(INDEX)
    for code, cell in cells.items():
        scores.put(code, cell)
    return scores


def test_an_area_with_a_score_reads_as_its_score_and_band():
    scores = scores_with(TEACH=(2.5, "green"))
    assert scores["TEACH"] == (2.5, "green")
    assert scores.get("TEACH") == (2.5, "green")
    assert "TEACH" in scores


def test_an_area_without_a_score_or_of_another_framework_is_missing():
    scores = scores_with(TEACH=(2.5, "green"))
    assert scores.get("IDENT") is None
    assert "IDENT" not in scores
    assert "OTHER" not in scores
    with pytest.raises(KeyError):
        scores["SEMH"]


def test_it_lists_only_the_areas_with_scores_in_the_frameworks_order():
    scores = scores_with(SEMH=(0.5, "red"), IDENT=(1.5, "amber"))
    assert dict(scores) == {"IDENT": (1.5, "amber"), "SEMH": (0.5, "red")}
    assert list(scores) == ["IDENT", "SEMH"]
    assert len(scores) == 2
