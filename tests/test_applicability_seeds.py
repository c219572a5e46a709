"""The seed files declare each duty's kinds of setting, with the source, and the file
schemas refuse a limit without a source or with an unknown kind of setting."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from marshmallow import ValidationError

from inclusion.audit.framework_files import FrameworkFileError, read_framework_file
from inclusion.send_report.checklist_files import ChecklistFileSchema

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHECKLISTS = sorted((SEEDS / "send_report").glob("checklist-*.yaml"))
FRAMEWORKS = sorted((SEEDS / "frameworks").glob("*.yaml"))
NARROW = ["mainstream", "maintained-nursery"]
REPORT_DUTY = ["mainstream", "maintained-nursery", "special", "alternative-provision"]
EVERY_SCHOOL = {"D-04", "AP-1", "AP-2", "AP-3", "P-02", "P-03"}


def checklist_items(path: Path) -> dict[str, dict]:
    data = ChecklistFileSchema().load(yaml.safe_load(path.read_text(encoding="utf-8")))
    return {item["code"]: item for item in data["items"]}


def framework_standards(path: Path) -> dict[str, dict]:
    data = read_framework_file(path)
    return {s["code"]: s for area in data["areas"] for s in area["standards"]}


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.name)
def test_schedule_1_paragraphs_2_and_4_bind_mainstream_and_maintained_nursery_only(path):
    items = checklist_items(path)
    for code, paragraph in (("S1-02", "paragraph 2"), ("S1-04", "paragraph 4")):
        assert items[code]["applies_to"] == NARROW
        assert f"SEND Regulations 2014, Schedule 1, {paragraph}" in items[code]["applies_to_source"]


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.name)
def test_the_report_duty_items_leave_out_16_to_19_academies_cfa_s69_1(path):
    items = checklist_items(path)
    limited = {code for code, item in items.items() if item["applies_to"] == REPORT_DUTY}
    assert limited == set(items) - EVERY_SCHOOL - {"S1-02", "S1-04"}
    assert all("section 69(1)" in items[code]["applies_to_source"] for code in limited)


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.name)
def test_the_accessibility_plan_binds_every_school_equality_act_sch10(path):
    items = checklist_items(path)
    assert all(items[code]["applies_to"] is None for code in EVERY_SCHOOL)


@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: p.name)
def test_the_senco_standard_binds_mainstream_and_maintained_nursery_only_cfa_s67(path):
    standards = framework_standards(path)
    assert standards["SD2"]["applies_to"] == NARROW
    assert "section 67(1)" in standards["SD2"]["applies_to_source"]
    assert standards["SD1"]["applies_to"] == REPORT_DUTY
    assert standards["SD3"]["applies_to"] is None  # accessibility plan: Equality Act Sch. 10


def test_a_checklist_item_limited_without_a_source_is_refused():
    raw = yaml.safe_load(CHECKLISTS[-1].read_text(encoding="utf-8"))
    raw["items"][0]["applies_to_source"] = ""
    with pytest.raises(ValidationError) as error:
        ChecklistFileSchema().load(raw)
    assert "applies_to_source" in str(error.value.messages)


def test_an_unknown_kind_of_setting_is_refused_in_a_framework_file(tmp_path):
    text = FRAMEWORKS[-1].read_text(encoding="utf-8")
    broken = tmp_path / "framework.yaml"
    broken.write_text(text.replace("[mainstream, maintained-nursery]", "[grammar]", 1))
    with pytest.raises(FrameworkFileError) as error:
        read_framework_file(broken)
    assert "applies_to" in str(error.value)
