"""A school's checklist: answers with history and optimistic locking, compliance, change."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.settings import SettingKind, applies, applies_to_text, setting_of
from inclusion.send_report.models import (
    Checklist,
    ChecklistAnswer,
    ChecklistChange,
    ChecklistItem,
    ChecklistVersion,
)
from inclusion.versioning import StaleVersion, compare_and_set, insert_first

NOT_APPLICABLE = "not_applicable"
STATUSES = {
    "met": "Met",
    "partly_met": "Partly met",
    "not_met": "Not met",
    NOT_APPLICABLE: "Not applicable",
}
TRACKED = ("status", "evidence_url", "pdf_page", "note")
NOTE_LIMIT = 2000


@dataclass(frozen=True)
class ItemAnswer:
    status: str
    evidence_url: str = ""
    pdf_page: int | None = None
    note: str = ""
    from_check_id: int | None = None


def version_for(year: AcademicYear) -> ChecklistVersion | None:
    return db.session.scalar(
        select(ChecklistVersion).where(ChecklistVersion.academic_year_id == year.id)
    )


def checklist_for(school: School, year: AcademicYear) -> Checklist | None:
    return db.session.scalar(
        select(Checklist).where(
            Checklist.school_id == school.id, Checklist.academic_year_id == year.id
        )
    )


def open_checklist(school: School, year: AcademicYear) -> Checklist:
    """This year's checklist, created on first use (once, even with two people at once)."""
    found = checklist_for(school, year)
    if found is not None:
        return found
    version = version_for(year)
    if version is None:
        raise NotFound(f"The council has not published a checklist for {year.label} yet.")
    try:
        with db.session.begin_nested():
            db.session.add(
                Checklist(school_id=school.id, academic_year_id=year.id, version_id=version.id)
            )
    except IntegrityError:
        pass
    db.session.commit()
    return checklist_for(school, year)


def item_in(checklist: Checklist, code: str) -> ChecklistItem:
    item = db.session.scalar(
        select(ChecklistItem).where(
            ChecklistItem.version_id == checklist.version_id, ChecklistItem.code == code
        )
    )
    if item is None:
        raise NotFound(f"{code} is not on this year's checklist.")
    return item


def answers_of(checklist: Checklist) -> dict[int, ChecklistAnswer]:
    rows = db.session.scalars(
        select(ChecklistAnswer).where(ChecklistAnswer.checklist_id == checklist.id)
    )
    return {answer.item_id: answer for answer in rows}


def save_answer(
    checklist: Checklist, item: ChecklistItem, given: ItemAnswer, based_on: int | None, user: User
) -> None:
    """Save if nobody saved this item since version `based_on` (None: it had no answer yet)."""
    _require_binding(checklist, item)
    _validate(given)
    current = answers_of(checklist).get(item.id)
    values = {name: getattr(given, name) for name in TRACKED} | {
        "from_check_id": given.from_check_id
    }
    if current is None:
        _insert(checklist, item, values, based_on, user)
    else:
        _update(checklist, item, current, values, based_on, user)
    checklist.updated_at = utcnow()
    db.session.commit()


def _insert(checklist, item, values: dict, based_on: int | None, user: User) -> None:
    answer = ChecklistAnswer(
        checklist_id=checklist.id, item_id=item.id, updated_by_id=user.id, **values
    )
    if based_on is not None or not insert_first(answer):
        db.session.rollback()
        raise StaleVersion("item", field="status")
    _record(checklist, item, {}, values, user)


def _update(
    checklist, item, current: ChecklistAnswer, values: dict, based_on: int | None, user: User
) -> None:
    old = {name: getattr(current, name) for name in TRACKED}
    if not compare_and_set(
        ChecklistAnswer, current.id, based_on, values | {"updated_by_id": user.id}
    ):
        version = current.version
        db.session.rollback()
        raise StaleVersion("item", current_version=version, field="status")
    _record(checklist, item, old, values, user)


def _require_binding(checklist: Checklist, item: ChecklistItem) -> None:
    if not applies(item.applies_to, setting_of(checklist.school.phase)):
        raise InvalidInput(
            f"{item.code} does not apply to this school: it applies to "
            f"{applies_to_text(item.applies_to)} only.",
            field="status",
        )


def _validate(given: ItemAnswer) -> None:
    if given.status not in STATUSES:
        raise InvalidInput("Select met, partly met, not met or not applicable", field="status")
    if given.status == NOT_APPLICABLE and not given.note.strip():
        raise InvalidInput("Explain in the note why this item does not apply", field="note")
    if given.evidence_url:
        parts = urlsplit(given.evidence_url)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or len(given.evidence_url) > 500
        ):
            raise InvalidInput(
                "Enter the evidence as a full web address starting https://", field="evidence_url"
            )
    if given.pdf_page is not None and not 1 <= given.pdf_page <= 2000:
        raise InvalidInput("Enter a page number from 1 to 2000", field="pdf_page")
    if len(given.note) > NOTE_LIMIT:
        raise InvalidInput(f"Keep the note to {NOTE_LIMIT:,} characters or fewer", field="note")


def _record(checklist: Checklist, item: ChecklistItem, old: dict, new: dict, user: User) -> None:
    saved_at = utcnow()  # one time for the whole save, so its history reads as one line
    for name in TRACKED:
        if old.get(name) != new.get(name):
            db.session.add(
                ChecklistChange(
                    checklist_id=checklist.id,
                    item_id=item.id,
                    field=name,
                    old_value=None if old.get(name) is None else str(old.get(name)),
                    new_value=None if new.get(name) is None else str(new.get(name)),
                    changed_by_id=user.id,
                    changed_at=saved_at,
                )
            )


@dataclass
class Compliance:
    """A school's checklist results. Items that do not bind the school's kind of setting, and
    items the school marked not applicable, count neither for nor against it."""

    items: list[ChecklistItem]
    answers: dict[int, ChecklistAnswer]
    previous: dict[str, str]
    setting: SettingKind = SettingKind.MAINSTREAM

    def binds(self, item: ChecklistItem) -> bool:
        return applies(item.applies_to, self.setting)

    def counts(self, item: ChecklistItem) -> bool:
        return self.binds(item) and self.status(item) != NOT_APPLICABLE

    @property
    def counted(self) -> list[ChecklistItem]:
        return [item for item in self.items if self.counts(item)]

    @property
    def met(self) -> int:
        return sum(1 for item in self.counted if self.status(item) == "met")

    @property
    def percentage(self) -> int:
        counted = self.counted
        return round(100 * self.met / len(counted)) if counted else 0

    @property
    def fully_compliant(self) -> bool:
        counted = self.counted
        return bool(counted) and self.met == len(counted)

    def status(self, item: ChecklistItem) -> str | None:
        answer = self.answers.get(item.id)
        return answer.status if answer else None

    def gaps(self) -> list[ChecklistItem]:
        return [item for item in self.counted if self.status(item) != "met"]

    def changed_since_last_year(self) -> list[tuple[ChecklistItem, str | None, str | None]]:
        return [
            (item, self.previous.get(item.code), self.status(item))
            for item in self.items
            if self.binds(item)
            and self.previous.get(item.code) != self.status(item)
            and item.code in self.previous
        ]


def compliance_for(school: School, year: AcademicYear) -> Compliance:
    """The school's checklist for the year; every item unanswered if it has not begun one."""
    found = checklist_for(school, year)
    if found is not None:
        return compliance_of(found)
    version = version_for(year)
    if version is None:
        raise NotFound("There is no SEND Information Report checklist for that year.")
    return Compliance(_items_of(version.id), {}, {}, setting_of(school.phase))


def _items_of(version_id: int) -> list[ChecklistItem]:
    query = select(ChecklistItem).where(ChecklistItem.version_id == version_id)
    return list(db.session.scalars(query.order_by(ChecklistItem.position)))


def compliance_of(checklist: Checklist) -> Compliance:
    items = db.session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.version_id == checklist.version_id)
        .order_by(ChecklistItem.position)
    ).all()
    return Compliance(
        list(items),
        answers_of(checklist),
        _previous_statuses(checklist),
        setting_of(checklist.school.phase),
    )


def _previous_statuses(checklist: Checklist) -> dict[str, str]:
    """Last year's status by item code, from the school's previous checklist."""
    query = (
        select(ChecklistItem.code, ChecklistAnswer.status)
        .join(ChecklistAnswer, ChecklistAnswer.item_id == ChecklistItem.id)
        .join(Checklist, Checklist.id == ChecklistAnswer.checklist_id)
        .join(AcademicYear, AcademicYear.id == Checklist.academic_year_id)
        .where(
            Checklist.school_id == checklist.school_id,
            AcademicYear.end_date < checklist.academic_year.start_date,
        )
        .order_by(AcademicYear.start_date.desc())
    )
    found: dict[str, str] = {}
    for code, status in db.session.execute(query):
        found.setdefault(code, status)
    return found
