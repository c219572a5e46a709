"""The audit's lifecycle: submit, sign off or return, review, reopen; scores snapshotted."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from inclusion.audit import scoring
from inclusion.audit.models import (
    Answer,
    Audit,
    AuditEvent,
    FrameworkArea,
    ScoreSnapshot,
    SnapshotAreaScore,
    SnapshotRating,
    Standard,
)
from inclusion.audit.plan import derive_training_needs, propose_actions
from inclusion.audit.statuses import AuditStatus
from inclusion.audit.tree import framework_areas
from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.round import events
from inclusion.schools.settings import binds_school

COMMENT_LIMIT = 2000


class IncompleteAudit(InvalidInput):
    def __init__(self, unanswered: list[Standard]) -> None:
        count = len(unanswered)
        super().__init__(f"Answer every standard before submitting: {count} still to answer.")
        self.unanswered = unanswered


def submit(audit: Audit, user: User) -> ScoreSnapshot:
    # The status changes first: it locks the audit row, so every save either committed
    # before this point (and is read below) or waits and is then refused.
    _move(audit, AuditStatus.IN_PROGRESS, AuditStatus.SUBMITTED, "submitted", user)
    unanswered = unanswered_standards(audit)
    if unanswered:
        db.session.rollback()
        raise IncompleteAudit(unanswered)
    snapshot = take_snapshot(audit, "submitted")
    propose_actions(audit)
    derive_training_needs(audit)
    db.session.commit()
    events.audit_submitted(audit)
    return snapshot


def sign_off(audit: Audit, user: User) -> ScoreSnapshot:
    _move(audit, AuditStatus.SUBMITTED, AuditStatus.SIGNED_OFF, "signed_off", user)
    snapshot = take_snapshot(audit, "signed_off")
    db.session.commit()
    events.audit_signed_off(audit)
    return snapshot


def return_to_senco(audit: Audit, user: User, comment: str) -> None:
    comment = _required(comment, "comment")
    _move(audit, AuditStatus.SUBMITTED, AuditStatus.IN_PROGRESS, "returned", user, comment)
    db.session.commit()
    events.audit_returned(audit, comment)


def mark_reviewed(audit: Audit, user: User, comment: str = "") -> None:
    comment = _limited(comment)
    _move(audit, AuditStatus.SIGNED_OFF, AuditStatus.REVIEWED, "reviewed", user, comment)
    db.session.commit()


def reopen(audit: Audit, user: User, reason: str) -> None:
    if audit.status_enum in (AuditStatus.IN_PROGRESS, AuditStatus.NOT_STARTED):
        raise InvalidInput("This audit is already open for changes.")
    reason = _required(reason, "reason")
    _move(audit, audit.status_enum, AuditStatus.IN_PROGRESS, "reopened", user, reason)
    db.session.commit()


VERBS = {
    AuditStatus.SUBMITTED: "submitted",
    AuditStatus.SIGNED_OFF: "signed off",
    AuditStatus.REVIEWED: "marked as reviewed",
}


def _refusal(audit: Audit, expected: AuditStatus, to: AuditStatus, event: str) -> InvalidInput:
    verb = "returned" if event == "returned" else VERBS.get(to, "reopened")
    return InvalidInput(
        f"Only an audit that is {expected.label.lower()} can be {verb}; "
        f"this one is {audit.status_enum.label.lower()}."
    )


def _required(text: str, field: str) -> str:
    text = _limited(text)
    if not text:
        raise InvalidInput(f"Enter a {field}", field=field)
    return text


def _limited(text: str) -> str:
    text = (text or "").strip()
    if len(text) > COMMENT_LIMIT:
        raise InvalidInput(f"Keep it to {COMMENT_LIMIT:,} characters or fewer", field="comment")
    return text


def _move(
    audit: Audit, expected: AuditStatus, to: AuditStatus, event: str, user: User, comment: str = ""
) -> None:
    """Change the status with a compare-and-set on it, so that of two people acting at once
    (two submits, a submit and a return) one acts and the other is told the audit moved on."""
    if audit.status_enum is not expected:
        raise _refusal(audit, expected, to, event)
    moved = db.session.execute(
        update(Audit)
        .where(Audit.id == audit.id, Audit.status == expected.value)
        .values(status=to.value, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.session.rollback()
        db.session.refresh(audit)
        raise _refusal(audit, expected, to, event)
    set_committed_value(audit, "status", to.value)
    db.session.add(AuditEvent(audit=audit, event=event, actor_id=user.id, comment=comment))


def unanswered_standards(audit: Audit) -> list[Standard]:
    """Standards still to answer; one that does not bind the school's setting never is."""
    answered = select(Answer.standard_id).where(
        Answer.audit_id == audit.id, (Answer.rating.is_not(None)) | Answer.not_applicable
    )
    query = (
        select(Standard)
        .join(FrameworkArea)
        .where(Standard.framework_id == audit.framework_id, Standard.id.not_in(answered))
        .order_by(FrameworkArea.position, Standard.position)
    )
    return [s for s in db.session.scalars(query) if binds_school(s.applies_to, audit.school)]


def current_ratings(audit: Audit) -> dict[str, scoring.Rating]:
    """Ratings of the standards that bind the school: an answer left from before the school's
    kind of setting changed is kept as history but never scored, snapshotted or aggregated."""
    rows = db.session.execute(
        select(Standard.code, Standard.applies_to, Answer.rating, Answer.not_applicable)
        .join(Answer, Answer.standard_id == Standard.id)
        .where(Answer.audit_id == audit.id)
    )
    return {
        code: scoring.NOT_APPLICABLE if na else rating
        for code, applies_to, rating, na in rows
        if binds_school(applies_to, audit.school)
    }


def score_of(audit: Audit, ratings: dict[str, scoring.Rating]) -> scoring.AuditResult:
    areas = [
        scoring.AreaInput(
            area.code,
            [
                scoring.StandardInput(s.code, s.statutory, binds_school(s.applies_to, audit.school))
                for s in area.standards
            ],
        )
        for area in framework_areas(audit.framework_id)
    ]
    rules = scoring.ScoringRules.from_settings(audit.framework.settings)
    return scoring.score_audit(areas, ratings, rules)


def take_snapshot(audit: Audit, stage: str) -> ScoreSnapshot:
    ratings = current_ratings(audit)
    result = score_of(audit, ratings)
    snapshot = ScoreSnapshot(
        audit_id=audit.id,
        stage=stage,
        framework_id=audit.framework_id,
        framework_version=audit.framework.version,
        overall_score=result.overall,
        results={"standards": ratings},
    )
    titles = {area.code: area.title for area in framework_areas(audit.framework_id)}
    snapshot.area_scores = [_area_row(r, titles[r.code], i) for i, r in enumerate(result.areas)]
    db.session.add(snapshot)
    db.session.flush()
    db.session.add_all(_rating_rows(audit, snapshot, ratings))
    audit.latest_snapshot_id = snapshot.id
    return snapshot


def _area_row(result: scoring.AreaResult, title: str, position: int) -> SnapshotAreaScore:
    return SnapshotAreaScore(
        area_code=result.code,
        title=title,
        position=position,
        score=result.score,
        level=result.level,
        band=result.band,
        gated=result.gated,
    )


def _rating_rows(audit: Audit, snapshot: ScoreSnapshot, ratings: dict) -> list[SnapshotRating]:
    ids = dict(
        db.session.execute(
            select(Standard.code, Standard.id).where(Standard.framework_id == audit.framework_id)
        ).all()
    )
    return [
        SnapshotRating(
            snapshot_id=snapshot.id,
            standard_id=ids[code],
            rating=rating if isinstance(rating, int) else None,
            not_applicable=rating == scoring.NOT_APPLICABLE,
        )
        for code, rating in ratings.items()
    ]
