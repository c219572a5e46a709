"""Adviser moderation: agree with or challenge a school's rating, keeping both."""

from __future__ import annotations

from dataclasses import dataclass

from inclusion.audit.answers import answer_to
from inclusion.audit.models import Answer, Audit, Standard
from inclusion.audit.statuses import AuditStatus
from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput
from inclusion.extensions import db
from inclusion.round import events
from inclusion.ui.forms import small_int

MODERATED_STATUSES = (AuditStatus.SUBMITTED, AuditStatus.SIGNED_OFF, AuditStatus.REVIEWED)


@dataclass(frozen=True)
class Moderation:
    decision: str
    rating: int | None
    comment: str


def moderate(audit: Audit, standard: Standard, given: Moderation, user: User) -> None:
    if audit.status_enum not in MODERATED_STATUSES:
        raise InvalidInput("Moderate an audit once the school has submitted it.")
    answer = answer_to(audit, standard)
    if answer is None:
        raise InvalidInput("The school has not answered this standard.")
    checked = _checked(audit, answer, given)
    newly_challenged = checked.decision == "challenge" and (
        answer.moderation_decision != "challenge" or answer.moderated_rating != checked.rating
    )
    _apply(answer, checked, user)
    db.session.commit()
    if newly_challenged:
        events.rating_challenged(audit, standard)


def _checked(audit: Audit, answer: Answer, given: Moderation) -> Moderation:
    scale = {int(step["value"]) for step in audit.framework.settings["rating_scale"]}
    if given.decision not in ("agree", "challenge"):
        raise InvalidInput("Select agree or challenge", field="decision")
    if given.decision == "agree":
        return Moderation("agree", answer.rating, given.comment.strip())
    if given.rating not in scale:
        raise InvalidInput("Select the rating you think is right", field="moderated_rating")
    if not given.comment.strip():
        raise InvalidInput("Explain the challenge in a comment", field="comment")
    return Moderation("challenge", given.rating, given.comment.strip())


def _apply(answer: Answer, given: Moderation, user: User) -> None:
    answer.moderation_decision = given.decision
    answer.moderated_rating = given.rating
    answer.moderation_comment = given.comment[:2000]
    answer.moderated_by_id = user.id
    answer.moderated_at = utcnow()


def from_form(form) -> Moderation:
    raw = form.moderated_rating.data or ""
    return Moderation(form.decision.data or "", small_int(raw), form.comment.data or "")


def form_values(answer: Answer | None):
    if answer is None or answer.moderation_decision is None:
        return None
    return _Values(
        decision=answer.moderation_decision,
        moderated_rating=str(answer.moderated_rating)
        if answer.moderated_rating is not None
        else "",
        comment=answer.moderation_comment,
    )


class _Values:
    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def moderation_gap(answer: Answer) -> int | None:
    """Self-rating minus moderated rating: positive when the school rated itself higher."""
    if answer.rating is None or answer.moderated_rating is None:
        return None
    return answer.rating - answer.moderated_rating
