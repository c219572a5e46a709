"""Framework files: validated with errors naming file, line and key; versions mapped."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from inclusion.audit.framework_files import FrameworkFileError, read_framework_file
from inclusion.audit.framework_store import load_framework_file
from inclusion.audit.models import Standard
from inclusion.seeding import framework_files
from tests.audit.conftest import FIXTURES, begin


def broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "broken-2024-25.yaml"
    path.write_text((FIXTURES / "small-2024-25.yaml").read_text().replace(old, new, 1))
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(FrameworkFileError) as caught:
        read_framework_file(path)
    return caught.value.problems


def test_the_councils_frameworks_have_at_least_forty_standards_and_load_cleanly():
    for path in framework_files():
        data = read_framework_file(path)
        assert sum(len(area["standards"]) for area in data["areas"]) >= 40


def test_a_missing_field_is_reported_with_the_file_line_and_key(tmp_path):
    path = broken(
        tmp_path, '        suggested_action: "Brief governors on their SEND duties."\n', ""
    )
    assert problems(path) == [
        f"{path.name}:26: areas.0.standards.0.suggested_action: Missing data for required field."
    ]


def test_descriptors_must_cover_every_rating(tmp_path):
    path = broken(
        tmp_path, '{0: "No", 1: "Starting", 2: "Mostly", 3: "Fully"}', '{0: "No", 1: "Starting"}'
    )
    message = "Give one descriptor for each rating [0, 1, 2, 3]."
    assert problems(path) == [f"{path.name}:29: areas.0.standards.0.descriptors: {message}"]


def test_an_unknown_training_topic_and_bad_yaml_are_reported(tmp_path):
    path = broken(tmp_path, "training_topics: [send-law]", "training_topics: [send-lore]")
    assert "Unknown topics: send-lore." in problems(path)[0]
    path = broken(tmp_path, "areas:", "areas: [")
    assert "not valid YAML" in problems(path)[0]


def test_each_new_standard_maps_to_its_predecessor(app, world, session):
    lg1 = session.scalar(
        select(Standard).where(Standard.code == "LG1", Standard.predecessor_id.is_not(None))
    )
    assert lg1.predecessor.code == "LG1"
    assert lg1.predecessor.framework_id != lg1.framework_id
    new = session.scalar(select(Standard).where(Standard.code == "CI-U4"))
    assert new.predecessor_id is None


def test_reloading_a_framework_updates_wording_without_duplicating(app, world, session, tmp_path):
    count = session.scalar(select(func.count(Standard.id)))
    path = tmp_path / "small-2024-25.yaml"
    path.write_text(
        (FIXTURES / "small-2024-25.yaml")
        .read_text()
        .replace("Leaders model inclusion", "Leaders lead on inclusion")
    )
    with app.test_request_context():
        report = load_framework_file(path)
    assert not report.created
    assert session.scalar(select(func.count(Standard.id))) == count
    assert (
        session.scalar(
            select(Standard.title).where(
                Standard.code == "LG2", Standard.framework_id == report.framework.id
            )
        )
        == "Leaders lead on inclusion"
    )


def test_a_standard_with_answers_cannot_be_removed_by_a_reload(app, world, tmp_path):
    from tests.audit.conftest import answer_all

    audit = begin(app, world, world.last_year)
    answer_all(app, audit, world.senco, {"CI-U3": 1})
    text = (FIXTURES / "small-2024-25.yaml").read_text()
    cut = text.index("      - code: CI-U3")
    path = tmp_path / "small-2024-25.yaml"
    path.write_text(text[:cut])
    with app.test_request_context(), pytest.raises(FrameworkFileError, match="CI-U3 have answers"):
        load_framework_file(path)
