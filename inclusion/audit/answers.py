"""Starting an audit and saving answers: validated, versioned, every change kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager

from inclusion.audit.models import Answer, AnswerChange, Audit, AuditEvent, Framework, Standard
from inclusion.audit.statuses import AuditStatus
from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import Conflict, InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.schools.settings import applies_to_text, binds_school
from inclusion.versioning import compare_and_set, insert_first

EVIDENCE_LIMIT = 5000
NOTE_LIMIT = 2000
REASON_LIMIT = 1000
LINK_LIMIT = 5
TRACKED_FIELDS = (
    "rating",
    "not_applicable",
    "not_applicable_reason",
    "evidence",
    "note",
    "evidence_links",
)


@dataclass(frozen=True)
class AnswerInput:
    rating: int | None = None
    not_applicable: bool = False
    not_applicable_reason: str = ""
    evidence: str = ""
    note: str = ""
    evidence_links: list[str] = field(default_factory=list)

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in TRACKED_FIELDS}


class AnswerConflict(Conflict):
    """Someone else saved this standard first; both versions go back to the person."""

    def __init__(self, current: Answer, attempted: AnswerInput) -> None:
        super().__init__(
            "Someone else saved this standard while you were editing it. "
            "Compare the two versions, then save the one you want to keep."
        )
        self.current = current
        self.attempted = attempted

    @property
    def details(self) -> dict:
        return {"current_version": self.current.version}


def framework_for(year: AcademicYear) -> Framework | None:
    return db.session.scalar(select(Framework).where(Framework.academic_year_id == year.id))


def audit_for(school: School, year: AcademicYear) -> Audit | None:
    return db.session.scalar(
        select(Audit).where(Audit.school_id == school.id, Audit.academic_year_id == year.id)
    )


def audits_of(school: School) -> list[Audit]:
    """The school's audits, newest year first."""
    query = (
        select(Audit)
        .join(AcademicYear, Audit.academic_year_id == AcademicYear.id)
        .where(Audit.school_id == school.id)
        .options(contains_eager(Audit.academic_year))
        .order_by(AcademicYear.start_date.desc())
    )
    return list(db.session.scalars(query))


def start_audit(school: School, year: AcademicYear, user: User) -> Audit:
    """Create this year's audit (once), carrying over last year's unfinished actions."""
    from inclusion.audit.plan import carry_over_actions

    existing = audit_for(school, year)
    if existing is not None:
        return existing
    framework = framework_for(year)
    if framework is None:
        raise InvalidInput(f"The council has not published a framework for {year.label} yet.")
    audit = Audit(school=school, academic_year=year, framework=framework)
    db.session.add(audit)
    db.session.add(AuditEvent(audit=audit, event="started", actor_id=user.id))
    db.session.flush()
    carry_over_actions(audit)
    db.session.commit()
    return audit


def standard_in(audit: Audit, code: str) -> Standard:
    standard = db.session.scalar(
        select(Standard).where(Standard.framework_id == audit.framework_id, Standard.code == code)
    )
    if standard is None:
        raise NotFound(f"{code} is not a standard in the {audit.academic_year.label} framework.")
    return standard


def answer_to(audit: Audit, standard: Standard) -> Answer | None:
    return db.session.scalar(
        select(Answer).where(Answer.audit_id == audit.id, Answer.standard_id == standard.id)
    )


def save_answer(
    audit: Audit, standard: Standard, given: AnswerInput, based_on: int | None, user: User
) -> Answer:
    """Save if nobody saved since version `based_on` (None: there was no answer yet)."""
    if AuditStatus(audit.status).answers_locked:
        raise InvalidInput("This audit is no longer open for changes.")
    validate_answer(audit, standard, given)
    current = answer_to(audit, standard)
    if current is None:
        return _insert(audit, standard, given, based_on, user)
    return _update(audit, current, given, based_on, user)


def _insert(
    audit: Audit, standard: Standard, given: AnswerInput, based_on: int | None, user: User
) -> Answer:
    if based_on is not None:
        raise InvalidInput("That answer no longer exists; reload the page.")
    answer = Answer(
        audit_id=audit.id, standard_id=standard.id, updated_by_id=user.id, **given.values()
    )
    claim_open(audit)
    if not insert_first(answer):  # another person created the first answer at the same moment
        return _refuse(audit, answer_to(audit, standard), given, user)
    _record(audit, standard.id, {}, given.values(), user)
    db.session.commit()
    return answer


def _update(
    audit: Audit, current: Answer, given: AnswerInput, based_on: int | None, user: User
) -> Answer:
    old = {name: getattr(current, name) for name in TRACKED_FIELDS}
    changed = {k: v for k, v in given.values().items() if old[k] != v}
    if not changed:
        return current  # nothing differs, so there is nothing to conflict with
    claim_open(audit)
    if not compare_and_set(Answer, current.id, based_on, changed | {"updated_by_id": user.id}):
        db.session.refresh(current)
        return _refuse(audit, current, given, user)
    _record(audit, current.standard_id, old, changed, user)
    db.session.commit()
    db.session.refresh(current)
    return current


def _refuse(audit: Audit, current: Answer, given: AnswerInput, user: User) -> Answer:
    old = {name: getattr(current, name) for name in TRACKED_FIELDS}
    attempted = {k: v for k, v in given.values().items() if old[k] != v}
    _record(audit, current.standard_id, old, attempted, user, outcome="refused")
    db.session.commit()
    raise AnswerConflict(current, given)


def _record(
    audit: Audit, standard_id: int, old: dict, new: dict, user: User, outcome: str = "saved"
) -> None:
    saved_at = utcnow()  # one time for the whole save, so its history reads as one line
    for name, value in new.items():
        if old.get(name) == value and outcome == "saved":
            continue
        db.session.add(
            AnswerChange(
                audit_id=audit.id,
                standard_id=standard_id,
                field=name,
                old_value=_as_text(old.get(name)),
                new_value=_as_text(value),
                outcome=outcome,
                changed_by_id=user.id,
                changed_at=saved_at,
            )
        )


def claim_open(audit: Audit) -> None:
    """Touch the audit only while it is open for answers, as the save's first write.

    The UPDATE takes the audit row's lock until the save commits, and submitting takes the
    same lock (lifecycle.claim_status), so a save and a submit run one after the other: a
    save that got in first is in the submitted snapshot, and one that comes after finds the
    audit submitted and is refused. Checking the status in Python alone left a gap between
    the check and the write in which saves slipped past the snapshot."""
    claimed = db.session.execute(
        update(Audit)
        .where(Audit.id == audit.id, Audit.status == AuditStatus.IN_PROGRESS.value)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise InvalidInput("This audit is no longer open for changes.")


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


def validate_answer(audit: Audit, standard: Standard, given: AnswerInput) -> None:
    if not binds_school(standard.applies_to, audit.school):
        raise InvalidInput(
            f"{standard.code} does not apply to this school: it applies to "
            f"{applies_to_text(standard.applies_to)} only.",
            field="rating",
        )
    scale = {int(step["value"]) for step in audit.framework.settings["rating_scale"]}
    if given.not_applicable:
        _check_not_applicable(standard, given)
    elif given.rating is None:
        raise InvalidInput("Select a rating", field="rating")
    elif given.rating not in scale:
        raise InvalidInput("Select one of the ratings shown", field="rating")
    _check_lengths(given)
    _check_links(given.evidence_links)


def _check_not_applicable(standard: Standard, given: AnswerInput) -> None:
    if not standard.allows_not_applicable:
        raise InvalidInput("This standard applies to every school: select a rating", field="rating")
    if given.rating is not None:
        raise InvalidInput("Choose a rating or Not applicable, not both", field="rating")
    if not given.not_applicable_reason.strip():
        raise InvalidInput(
            "Explain why this standard does not apply to your school",
            field="not_applicable_reason",
        )


def _check_lengths(given: AnswerInput) -> None:
    limits = (
        ("evidence", EVIDENCE_LIMIT, "Evidence"),
        ("note", NOTE_LIMIT, "The note"),
        ("not_applicable_reason", REASON_LIMIT, "The reason"),
    )
    for name, limit, label in limits:
        if len(getattr(given, name)) > limit:
            raise InvalidInput(f"{label} must be {limit:,} characters or fewer", field=name)


def _check_links(links: list[str]) -> None:
    if len(links) > LINK_LIMIT:
        raise InvalidInput(f"Give {LINK_LIMIT} evidence links or fewer", field="evidence_links")
    for link in links:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(link) > 500:
            raise InvalidInput(
                f"Enter each evidence link as a full web address starting https:// ({link[:60]})",
                field="evidence_links",
            )
