"""Results for governors and advisers, and the full history of every answer."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from inclusion.audit import context
from inclusion.audit.history_words import answer_history
from inclusion.audit.models import AnswerChange
from inclusion.audit.results import results_for
from inclusion.extensions import db
from inclusion.permissions import Action, can, can_view_audit
from inclusion.schools.models import School

audit_results = Blueprint("audit_results", __name__, url_prefix="/schools/<urn>/audits/<year>")


@audit_results.route("/results")
@can_view_audit
def results(school: School, year: str):
    found = context.existing_audit(school, year)
    return render_template(
        "audit/results.html",
        school=school,
        audit=found,
        results=results_for(found),
        answers=context.answers_by_standard(found),
        may_moderate=can(current_user, Action.MODERATE_AUDIT, school),
        title="Audit results",
    )


@audit_results.route("/history")
@can_view_audit
def history(school: School, year: str):
    found = context.existing_audit(school, year)
    changes = db.session.scalars(
        select(AnswerChange)
        .where(AnswerChange.audit_id == found.id)
        .options(joinedload(AnswerChange.standard), joinedload(AnswerChange.changed_by))
        .order_by(AnswerChange.changed_at.desc(), AnswerChange.id.desc())
    ).all()
    return render_template(
        "audit/history.html",
        school=school,
        audit=found,
        lines=answer_history(changes, found.framework),
        title="Answer history",
    )
