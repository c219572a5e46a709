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


BANDS = """    - {band: red, label: "Priority for improvement", below: 1.0}
    - {band: amber, label: "Developing", below: 2.0}
    - {band: green, label: "Secure"}
"""


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (
            """    - {band: green, label: "Secure", below: 1.0}
    - {band: amber, label: "Developing", below: 2.0}
    - {band: red, label: "Priority for improvement"}
""",
            "from the lowest scores to the highest: red, amber, green",
        ),
        (
            """    - {band: red, label: "Priority for improvement", below: 2.0}
    - {band: amber, label: "Developing", below: 1.0}
    - {band: green, label: "Secure"}
""",
            "limits must rise from band to band, within the scale (0 to 3)",
        ),
        (
            """    - {band: red, label: "Priority for improvement", below: 1.0}
    - {band: amber, label: "Developing", below: 2.0}
    - {band: green, label: "Secure", below: 2.5}
""",
            "every score up to the top of the scale has a band",
        ),
        (
            """    - {band: red, label: "Priority for improvement", below: 1.0}
    - {band: amber, label: "Developing", below: 7.0}
    - {band: green, label: "Secure"}
""",
            "within the scale (0 to 3)",
        ),
    ],
    ids=["reversed", "limits-falling", "last-band-capped", "limit-off-the-scale"],
)
def test_rag_bands_that_could_show_a_low_score_as_green_are_refused(tmp_path, bands, message):
    found = problems(broken(tmp_path, BANDS, bands))
    assert len(found) == 1
    assert found[0].startswith("broken-2024-25.yaml:13: framework.rag_bands: ")
    assert message in found[0]


def test_a_scale_with_gaps_and_a_gate_off_the_scale_are_refused(tmp_path):
    path = broken(tmp_path, '    - {value: 2, label: "Established"}\n', "")
    assert "one step apart" in problems(path)[0]
    path = broken(tmp_path, "statutory_rating_at_or_below: 0", "statutory_rating_at_or_below: 9")
    assert (
        "statutory_gate.statutory_rating_at_or_below: Use a rating on the scale"
        in (problems(path)[0])
    )


def test_an_area_code_used_twice_is_refused(tmp_path):
    path = broken(tmp_path, "  - code: CI-U\n", "  - code: LG\n")
    assert any("The area code LG is used twice" in problem for problem in problems(path))
