"""A school's audits (answers, scores, snapshots), answer saving, and its checklist results."""

from __future__ import annotations

from flask_smorest import Blueprint
from sqlalchemy import select

from inclusion.api.principals import acting_user
from inclusion.audit import answers as answer_service
from inclusion.audit.context import answers_by_standard, existing_audit, year_from_slug
from inclusion.audit.models import Answer, Audit, ScoreSnapshot, Standard
from inclusion.audit.schemas import AnswerSaveSchema, AnswerSchema, AuditSchema, AuditSummarySchema
from inclusion.extensions import db
from inclusion.permissions import can_edit_audit, can_view_audit
from inclusion.schools.models import School
from inclusion.send_report.checklists import compliance_for
from inclusion.send_report.schemas import ChecklistResultSchema

audits = Blueprint(
    "api_audits",
    __name__,
    url_prefix="/api/v1/schools/<urn>",
    description="A school's Inclusion Audits, answers, scores and checklist results",
)


@audits.route("/audits")
@can_view_audit
@audits.etag
@audits.response(200, AuditSummarySchema(many=True))
def audit_list(school: School):
    """The school's audits, one per academic year, newest first."""
    return [_summary(audit) for audit in answer_service.audits_of(school)]


@audits.route("/audits/<year>")
@can_view_audit
@audits.etag
@audits.response(200, AuditSchema)
def audit(school: School, year: str):
    """One audit with every answer, its latest scores and every score snapshot."""
    found = existing_audit(school, year)
    return _summary(found) | {
        "school_urn": school.urn,
        "answers": [_answer(code, answer) for code, answer in _answers(found)],
        "latest_scores": _snapshot(found.latest_snapshot) if found.latest_snapshot else None,
        "snapshots": [_snapshot(snapshot) for snapshot in _snapshots(found)],
    }


@audits.route("/audits/<year>/answers/<code>", methods=["PUT"])
@can_edit_audit
@audits.arguments(AnswerSaveSchema)
@audits.response(200, AnswerSchema)
@audits.alt_response(409, description="Someone saved first: current_version says which")
def save_answer(given: dict, school: School, year: str, code: str):
    """Save one answer if nobody has saved it since `version` (the autosave uses this)."""
    found = existing_audit(school, year)
    standard = answer_service.standard_in(found, code)
    based_on = given.pop("version") or None
    saved = answer_service.save_answer(
        found, standard, answer_service.AnswerInput(**given), based_on, acting_user()
    )
    return _answer(standard.code, saved)


@audits.route("/checklists/<year>")
@can_view_audit
@audits.etag
@audits.response(200, ChecklistResultSchema)
def checklist(school: School, year: str):
    """The school's SEND Information Report checklist for a year: each item's status."""
    academic_year = year_from_slug(year)
    compliance = compliance_for(school, academic_year)
    return {
        "school_urn": school.urn,
        "academic_year": academic_year.label,
        "met": compliance.met,
        "items_total": len(compliance.counted),
        "percentage": compliance.percentage,
        "fully_compliant": compliance.fully_compliant,
        "items": [
            {
                "code": item.code,
                "title": item.title,
                "status": compliance.status(item),
                "applies": compliance.binds(item),
            }
            for item in compliance.items
        ],
    }


def _summary(audit: Audit) -> dict:
    return {
        "academic_year": audit.academic_year.label,
        "status": audit.status,
        "framework": audit.framework.name,
        "updated_at": audit.updated_at,
    }


def _answers(audit: Audit) -> list[tuple[str, Answer]]:
    by_standard = answers_by_standard(audit)
    query = select(Standard.id, Standard.code).where(Standard.framework_id == audit.framework_id)
    codes = dict(db.session.execute(query).all())
    return [(codes[sid], answer) for sid, answer in sorted(by_standard.items())]


def _answer(code: str, answer: Answer) -> dict:
    return {
        "code": code,
        "rating": answer.rating,
        "not_applicable": answer.not_applicable,
        "not_applicable_reason": answer.not_applicable_reason,
        "evidence": answer.evidence,
        "note": answer.note,
        "evidence_links": answer.evidence_links,
        "version": answer.version,
        "saved_at": answer.updated_at,
    }


def _snapshots(audit: Audit) -> list[ScoreSnapshot]:
    query = select(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit.id)
    return list(db.session.scalars(query.order_by(ScoreSnapshot.taken_at, ScoreSnapshot.id)))


def _snapshot(snapshot: ScoreSnapshot) -> dict:
    return {
        "stage": snapshot.stage,
        "taken_at": snapshot.taken_at,
        "framework_version": snapshot.framework_version,
        "overall_score": snapshot.overall_score,
        "areas": snapshot.area_scores,
    }
