"""The action plan and training needs that follow from an audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inclusion.audit.models import (
    ActionNote,
    Answer,
    Audit,
    AuditAction,
    Framework,
    Standard,
    TrainingNeed,
    TrainingTopic,
)
from inclusion.audit.statuses import ActionStatus
from inclusion.auth.models import User
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.schools.settings import binds_school
from inclusion.ui.once import claim

# Ratings below this propose an action; at or below NEEDS_TRAINING_AT they derive training.
PROPOSE_ACTION_BELOW = 2
NEEDS_TRAINING_AT = 1
DESCRIPTION_LIMIT = 2000
NOTE_LIMIT = 2000


def propose_actions(audit: Audit) -> None:
    """Every standard rated below Established proposes its framework action, once."""
    have = set(
        db.session.scalars(select(AuditAction.standard_id).where(AuditAction.audit_id == audit.id))
    )
    for standard in _low_rated(audit, PROPOSE_ACTION_BELOW - 1):
        if standard.id not in have:
            db.session.add(
                AuditAction(
                    audit_id=audit.id,
                    standard_id=standard.id,
                    description=standard.suggested_action,
                )
            )


def derive_training_needs(audit: Audit) -> None:
    """Topics of standards rated Not yet in place or Emerging, replacing earlier derivations."""
    db.session.execute(
        TrainingNeed.__table__.delete().where(
            TrainingNeed.audit_id == audit.id, TrainingNeed.source == "derived"
        )
    )
    topics = {topic for s in _low_rated(audit, NEEDS_TRAINING_AT) for topic in s.training_topics}
    db.session.add_all(
        TrainingNeed(audit_id=audit.id, topic_code=code, source="derived")
        for code in sorted(topics)
    )


def _low_rated(audit: Audit, at_most: int) -> list[Standard]:
    query = (
        select(Standard)
        .join(Answer, Answer.standard_id == Standard.id)
        .where(
            Answer.audit_id == audit.id, Answer.rating <= at_most, Answer.not_applicable.is_(False)
        )
        .order_by(Standard.id)
    )
    return [s for s in db.session.scalars(query) if binds_school(s.applies_to, audit.school)]


def request_training(audit: Audit, topic_codes: list[str]) -> None:
    """The school's explicit requests replace its earlier ones."""
    known = set(
        db.session.scalars(
            select(TrainingTopic.code).where(TrainingTopic.framework_id == audit.framework_id)
        )
    )
    unknown = sorted(set(topic_codes) - known)
    if unknown:
        raise InvalidInput(f"Unknown training topics: {', '.join(unknown)}", field="topics")
    db.session.execute(
        TrainingNeed.__table__.delete().where(
            TrainingNeed.audit_id == audit.id, TrainingNeed.source == "requested"
        )
    )
    db.session.add_all(
        TrainingNeed(audit_id=audit.id, topic_code=code, source="requested")
        for code in sorted(set(topic_codes))
    )
    db.session.commit()


def training_needs(audit: Audit) -> dict[str, set[str]]:
    """Topic code -> sources ('derived', 'requested')."""
    needs: dict[str, set[str]] = {}
    rows = db.session.execute(
        select(TrainingNeed.topic_code, TrainingNeed.source).where(
            TrainingNeed.audit_id == audit.id
        )
    )
    for code, source in rows:
        needs.setdefault(code, set()).add(source)
    return needs


def carry_over_actions(audit: Audit) -> int:
    """Unfinished actions from the school's previous audit come forward, mapped to new standards."""
    previous = _previous_audit(audit)
    if previous is None:
        return 0
    successors = _successor_ids(audit.framework)
    unfinished = db.session.scalars(
        select(AuditAction).where(
            AuditAction.audit_id == previous.id, AuditAction.status != ActionStatus.DONE.value
        )
    ).all()
    for old in unfinished:
        db.session.add(_carried(audit, old, successors.get(old.standard_id)))
    return len(unfinished)


def _carried(audit: Audit, old: AuditAction, standard_id: int | None) -> AuditAction:
    return AuditAction(
        audit_id=audit.id,
        standard_id=standard_id,
        description=old.description,
        owner=old.owner,
        due_date=old.due_date,
        status=old.status,
        carried_from_id=old.id,
    )


def _previous_audit(audit: Audit) -> Audit | None:
    from inclusion.schools.models import AcademicYear

    query = (
        select(Audit)
        .join(AcademicYear, Audit.academic_year_id == AcademicYear.id)
        .where(
            Audit.school_id == audit.school_id,
            AcademicYear.start_date < audit.academic_year.start_date,
        )
        .order_by(AcademicYear.start_date.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def _successor_ids(framework: Framework) -> dict[int, int]:
    rows = db.session.execute(
        select(Standard.predecessor_id, Standard.id).where(
            Standard.framework_id == framework.id, Standard.predecessor_id.is_not(None)
        )
    )
    return {old: new for old, new in rows}


@dataclass(frozen=True)
class ActionChange:
    description: str
    owner: str
    due_date: date | None
    status: ActionStatus


def action_in(audit: Audit, action_id: int) -> AuditAction:
    action = db.session.get(AuditAction, action_id)
    if action is None or action.audit_id != audit.id:
        raise NotFound("That action is not in this audit.")
    return action


def add_action(
    audit: Audit, change: ActionChange, user: User | None = None, once: str | None = None
) -> AuditAction:
    action = AuditAction(audit_id=audit.id, description="")
    _apply(action, change)
    db.session.add(action)
    if user is not None:
        db.session.flush()
        claim(once, user.id, "action", action.id)
    db.session.commit()
    return action


def update_action(action: AuditAction, change: ActionChange) -> None:
    _apply(action, change)
    db.session.commit()


def _apply(action: AuditAction, change: ActionChange) -> None:
    description = change.description.strip()
    if not description:
        raise InvalidInput("Describe the action", field="description")
    if len(description) > DESCRIPTION_LIMIT:
        raise InvalidInput(
            f"Keep the action to {DESCRIPTION_LIMIT:,} characters", field="description"
        )
    action.description = description
    action.owner = change.owner.strip()[:120]
    action.due_date = change.due_date
    action.status = change.status.value


def add_note(action: AuditAction, text: str, user: User, once: str | None = None) -> None:
    text = text.strip()
    if not text:
        raise InvalidInput("Enter a note", field="text")
    if len(text) > NOTE_LIMIT:
        raise InvalidInput(f"Keep the note to {NOTE_LIMIT:,} characters", field="text")
    note = ActionNote(action_id=action.id, text=text, author_id=user.id)
    db.session.add(note)
    db.session.flush()
    claim(once, user.id, "action note", action.id)
    db.session.commit()
