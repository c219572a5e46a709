"""The council's website key measure: schools whose websites meet the four key items.

Two statements: which checklist items make the measure in each year's checklist, then one
aggregate over the answers. Applicability is the checklist's own (`applies_to`, by the kind of
setting derived from the school's phase), written into the SQL as phases per item.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, case, func, or_, select

from inclusion.area_partnerships.kpi_types import WebsiteKeyMeasure
from inclusion.area_partnerships.kpi_years import HeldYear, in_scope
from inclusion.extensions import db
from inclusion.schools.models import School
from inclusion.schools.phases import Phase
from inclusion.schools.settings import applies, setting_of
from inclusion.send_report.checklists import NOT_APPLICABLE
from inclusion.send_report.models import (
    Checklist,
    ChecklistAnswer,
    ChecklistItem,
    ChecklistVersion,
)

# The council's four-item website key measure, as items of the SEND Information Report
# checklist (seeds/send_report/checklist-2026-27.yaml). The checklist has no bare "report
# published" item: R-01 (the report, updated in the last 12 months) is the one that says the
# report is there and current.
KEY_MEASURE_ITEMS = {
    "R-01": "SEND Information Report",
    "P-01": "SEND policy",
    "D-04": "Accessibility plan",
    "LO-01": "Local Offer link",
}


def website_key_measure(
    years: list[HeldYear], pid: int | None, schools: dict[str, int]
) -> list[WebsiteKeyMeasure]:
    """A school meets the measure when every key item that binds it (and that it has not
    marked not applicable, with its reason) is met: the compliance grid's rule on four items."""
    items = db.session.execute(
        select(
            ChecklistItem.id,
            ChecklistItem.code,
            ChecklistItem.applies_to,
            ChecklistVersion.academic_year_id,
        )
        .join(ChecklistVersion, ChecklistVersion.id == ChecklistItem.version_id)
        .where(ChecklistItem.code.in_(list(KEY_MEASURE_ITEMS)))
    ).all()
    by_year: dict[int, list] = defaultdict(list)
    for item_id, code, applies_to, year_id in items:
        by_year[year_id].append((item_id, code, applies_to))
    meeting = _schools_meeting(by_year, pid) if items else {}
    return [
        WebsiteKeyMeasure(
            y.label,
            schools.get(y.label, 0),
            meeting.get(y.id, 0),
            tuple(sorted(code for _, code, _ in by_year.get(y.id, []))),
        )
        for y in years
    ]


def _phases_bound(applies_to) -> list[str]:
    return [p.value for p in Phase if applies(applies_to, setting_of(p))]


def _schools_meeting(by_year: dict[int, list], pid: int | None) -> dict[int, int]:
    binding = or_(
        *[
            and_(ChecklistAnswer.item_id == item_id, School.phase.in_(_phases_bound(applies_to)))
            for items in by_year.values()
            for item_id, _, applies_to in items
        ]
    )

    def answered(status_condition):
        return func.sum(case((and_(binding, status_condition), 1), else_=0))

    per_school = (
        select(
            Checklist.academic_year_id.label("year_id"),
            School.phase.label("phase"),
            answered(ChecklistAnswer.status == "met").label("met"),
            answered(ChecklistAnswer.status == NOT_APPLICABLE).label("not_applicable"),
        )
        .join(School, School.id == Checklist.school_id)
        .join(ChecklistAnswer, ChecklistAnswer.checklist_id == Checklist.id)
        .where(in_scope(Checklist.school_id, Checklist.academic_year_id, pid))
        .group_by(Checklist.academic_year_id, Checklist.school_id, School.phase)
        .subquery()
    )
    expected = case(
        *[
            (and_(per_school.c.year_id == year_id, per_school.c.phase == phase.value), count)
            for year_id, items in by_year.items()
            for phase in Phase
            if (count := sum(1 for _, _, a in items if phase.value in _phases_bound(a)))
        ],
        else_=0,
    )
    counted = expected - per_school.c.not_applicable
    query = (
        select(per_school.c.year_id, func.count())
        .where(counted > 0, per_school.c.met == counted)
        .group_by(per_school.c.year_id)
    )
    return dict(db.session.execute(query).all())
