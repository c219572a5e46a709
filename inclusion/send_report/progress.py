"""Working through the checklist: where an item sits ("item 3 of 24"), what is left to answer,
and each school's standing for the headteacher's dashboard (in a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.settings import applies, setting_of
from inclusion.send_report.checklists import NOT_APPLICABLE, answers_of, version_for
from inclusion.send_report.models import (
    Checklist,
    ChecklistAnswer,
    ChecklistItem,
    WebsiteCheck,
    WebsiteFinding,
)

# Answers that say the website does not (fully) meet an item: partly met is not met.
NOT_MEETING = ("not_met", "partly_met")


@dataclass(frozen=True)
class ItemPlace:
    """Where an item sits among the items that bind the school, in checklist order."""

    number: int  # 1-based; 0 for an item that does not bind the school
    total: int
    previous: ChecklistItem | None
    next: ChecklistItem | None


def binding_items(checklist: Checklist) -> list[ChecklistItem]:
    setting = setting_of(checklist.school.phase)
    query = (
        select(ChecklistItem)
        .where(ChecklistItem.version_id == checklist.version_id)
        .order_by(ChecklistItem.position)
    )
    return [item for item in db.session.scalars(query) if applies(item.applies_to, setting)]


def place_of(checklist: Checklist, item: ChecklistItem) -> ItemPlace:
    items = binding_items(checklist)
    ids = [found.id for found in items]
    if item.id not in ids:
        return ItemPlace(0, len(items), None, None)
    index = ids.index(item.id)
    before = items[index - 1] if index > 0 else None
    after = items[index + 1] if index + 1 < len(items) else None
    return ItemPlace(index + 1, len(items), before, after)


def left_to_answer(checklist: Checklist) -> int:
    """Items that bind the school and have no answer yet."""
    answered = answers_of(checklist)
    return sum(1 for item in binding_items(checklist) if item.id not in answered)


def end_of_checklist_message(left: int) -> str:
    if left == 0:
        return "Checklist complete: every item has an answer."
    return f"{left} item{'s' if left != 1 else ''} still to answer."


@dataclass
class CheckResult:
    """The latest website check, as the dashboard says it."""

    check: WebsiteCheck
    found: dict[str, int] = field(default_factory=dict)  # result -> findings


@dataclass
class ChecklistStanding:
    """One school's checklist this year: items met, not met (or partly met), not answered."""

    met: int = 0
    not_met: int = 0
    not_answered: int = 0
    not_applicable: int = 0
    latest_check: CheckResult | None = None

    @property
    def started(self) -> bool:
        return self.met + self.not_met + self.not_applicable > 0


def standings_for(schools: list[School], year: AcademicYear | None) -> dict[int, ChecklistStanding]:
    """School id -> its checklist standing for `year`, in at most five queries."""
    if not schools or year is None:
        return {}
    version = version_for(year)
    if version is None:
        return {}
    items = list(
        db.session.scalars(select(ChecklistItem).where(ChecklistItem.version_id == version.id))
    )
    statuses = _statuses(schools, year)
    checks = _latest_checks([school.id for school in schools])
    found = {}
    for school in schools:
        standing = _standing(school, items, statuses.get(school.id, {}))
        standing.latest_check = checks.get(school.id)
        found[school.id] = standing
    return found


def _standing(
    school: School, items: list[ChecklistItem], answers: dict[int, str]
) -> ChecklistStanding:
    setting = setting_of(school.phase)
    standing = ChecklistStanding()
    for item in items:
        if not applies(item.applies_to, setting):
            continue
        status = answers.get(item.id)
        if status is None:
            standing.not_answered += 1
        elif status == NOT_APPLICABLE:
            standing.not_applicable += 1
        elif status == "met":
            standing.met += 1
        else:
            standing.not_met += 1
    return standing


def _statuses(schools: list[School], year: AcademicYear) -> dict[int, dict[int, str]]:
    query = (
        select(Checklist.school_id, ChecklistAnswer.item_id, ChecklistAnswer.status)
        .join(ChecklistAnswer, ChecklistAnswer.checklist_id == Checklist.id)
        .where(
            Checklist.academic_year_id == year.id,
            Checklist.school_id.in_([school.id for school in schools]),
        )
    )
    found: dict[int, dict[int, str]] = {}
    for school_id, item_id, status in db.session.execute(query):
        found.setdefault(school_id, {})[item_id] = status
    return found


def _latest_checks(school_ids: list[int]) -> dict[int, CheckResult]:
    latest = (
        select(func.max(WebsiteCheck.id))
        .where(WebsiteCheck.school_id.in_(school_ids))
        .group_by(WebsiteCheck.school_id)
    )
    checks = list(db.session.scalars(select(WebsiteCheck).where(WebsiteCheck.id.in_(latest))))
    if not checks:
        return {}
    results = {check.id: CheckResult(check) for check in checks}
    counts = (
        select(WebsiteFinding.check_id, WebsiteFinding.result, func.count(WebsiteFinding.id))
        .where(WebsiteFinding.check_id.in_(list(results)))
        .group_by(WebsiteFinding.check_id, WebsiteFinding.result)
    )
    for check_id, result, count in db.session.execute(counts):
        results[check_id].found[result] = count
    return {result.check.school_id: result for result in results.values()}
