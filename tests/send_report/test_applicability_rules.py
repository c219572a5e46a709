"""Pure compliance rules: items that do not bind a school's kind of setting, and items the
school marks not applicable, count neither for nor against it (SEND Regulations 2014
Schedule 1 paragraphs 2 and 4; Children and Families Act 2014 s.69(1))."""

from __future__ import annotations

from inclusion.schools.settings import SettingKind
from inclusion.send_report.checklists import Compliance
from inclusion.send_report.models import ChecklistAnswer, ChecklistItem

SCHEDULE_1_PARA_4 = ["mainstream", "maintained-nursery"]
REPORT_DUTY = ["mainstream", "maintained-nursery", "special", "alternative-provision"]


def item(id_: int, code: str, applies_to=None) -> ChecklistItem:
    return ChecklistItem(id=id_, code=code, title=code, applies_to=applies_to)


ITEMS = [
    item(1, "S1-01", REPORT_DUTY),
    item(2, "S1-04", SCHEDULE_1_PARA_4),
    item(3, "D-04"),  # the accessibility plan: every school (Equality Act 2010 Sch. 10)
]


def compliance(setting: SettingKind, **statuses: str) -> Compliance:
    answers = {
        i.id: ChecklistAnswer(item_id=i.id, status=statuses[i.code.replace("-", "_")])
        for i in ITEMS
        if i.code.replace("-", "_") in statuses
    }
    return Compliance(ITEMS, answers, {}, setting)


def test_the_senco_contact_item_does_not_count_for_a_special_school_sch1_para4():
    result = compliance(SettingKind.SPECIAL, S1_01="met", D_04="met")
    assert [i.code for i in result.counted] == ["S1-01", "D-04"]
    assert (result.met, result.percentage, result.fully_compliant) == (2, 100, True)


def test_the_senco_contact_item_counts_against_a_mainstream_school_sch1_para4():
    result = compliance(SettingKind.MAINSTREAM, S1_01="met", D_04="met")
    assert (result.met, result.percentage, result.fully_compliant) == (2, 67, False)
    assert [i.code for i in result.gaps()] == ["S1-04"]


def test_the_report_items_do_not_count_for_a_16_to_19_academy_cfa_s69_1():
    result = compliance(SettingKind.SIXTEEN_TO_NINETEEN, D_04="met")
    assert [i.code for i in result.counted] == ["D-04"]
    assert result.fully_compliant


def test_an_item_marked_not_applicable_counts_neither_for_nor_against():
    marked = compliance(SettingKind.MAINSTREAM, S1_01="met", S1_04="not_applicable", D_04="met")
    assert (marked.met, len(marked.counted), marked.fully_compliant) == (2, 2, True)
    assert marked.gaps() == []


def test_a_school_with_nothing_that_counts_is_not_called_compliant():
    result = Compliance([item(2, "S1-04", SCHEDULE_1_PARA_4)], {}, {}, SettingKind.SPECIAL)
    assert (result.percentage, result.fully_compliant) == (0, False)
