"""Rules of the maintained dashboard figures that are not about keeping them up to date."""

from __future__ import annotations

from inclusion.area_partnerships.figures_compliance import ComplianceSummary
from inclusion.area_partnerships.figures_read import median_of
from inclusion.send_report.models import ChecklistItem


def items(*codes: str) -> list[ChecklistItem]:
    return [ChecklistItem(code=code, title=f"Item {code}") for code in codes]


def test_items_not_met_by_as_many_schools_are_listed_in_checklist_order_f4():
    summary = ComplianceSummary(items("A", "B", "C", "D"), 10, 4, {"D": 3, "B": 3, "C": 5})
    ranked = [(item.code, n) for item, n in summary.most_often_missing(3)]
    assert ranked == [("C", 5), ("B", 3), ("D", 3)]


def test_a_median_from_counts_is_the_median_of_the_values_they_stand_for():
    assert median_of([(1.0, 2), (2.0, 1), (3.0, 2)]) == 2.0
    assert median_of([(0.5, 1), (1.0, 2), (2.5, 3)]) == 1.75  # 0.5 1 1 | 2.5 2.5 2.5
    assert median_of([(1.0, 4)]) is None  # below five schools: not shown


def test_the_share_fully_compliant_is_of_the_schools_counted():
    assert ComplianceSummary(items("A"), 3, 1, {}).share_fully_compliant == 33
    assert ComplianceSummary(items("A"), 0, 0, {}).share_fully_compliant == 0
