"""Completing an audit: task list, sections, one page per standard, check answers, submit."""

from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inclusion.audit import answers as answer_service
from inclusion.audit import context, lifecycle, scoring
from inclusion.audit.forms import AnswerForm
from inclusion.audit.models import Audit, Standard
from inclusion.audit.preparation import preparation_for
from inclusion.audit.results import previous_ratings
from inclusion.errors import InvalidInput
from inclusion.permissions import Action, can, can_edit_audit, can_submit_audit, can_view_audit
from inclusion.round.window import audit_deadline
from inclusion.schools.models import School
from inclusion.schools.settings import binds_school
from inclusion.ui.forms import ConfirmForm, add_domain_error

audit = Blueprint("audit", __name__, url_prefix="/schools/<urn>/audits/<year>")


def audit_url(endpoint: str, school: School, audit_: Audit, **kwargs) -> str:
    return url_for(endpoint, urn=school.urn, year=context.year_slug(audit_.academic_year), **kwargs)


@audit.route("/")
@can_view_audit
def overview(school: School, year: str):
    academic_year = context.year_from_slug(year)
    found = answer_service.audit_for(school, academic_year)
    if found is None:
        return render_template(
            "audit/not_started.html",
            school=school,
            year=academic_year,
            form=ConfirmForm(),
            may_start=can(current_user, Action.EDIT_AUDIT, school),
            deadline=audit_deadline(academic_year),
            prep=preparation_for(school, academic_year),
            title="Inclusion Audit",
            title_context=f"Inclusion Audit {academic_year.label}: {school.name}",
        )
    sections, _ = context.sections(found)
    return render_template(
        "audit/task_list.html",
        school=school,
        audit=found,
        sections=sections,
        title="Inclusion Audit",
        may_edit=_may_edit(school, found),
        may_submit=can(current_user, Action.SUBMIT_AUDIT, school),
        deadline=audit_deadline(academic_year),
    )


@audit.route("/start", methods=["POST"])
@can_edit_audit
def start(school: School, year: str):
    if ConfirmForm().validate_on_submit():
        started = answer_service.start_audit(school, context.year_from_slug(year), current_user)
        return redirect(audit_url("audit.overview", school, started))
    return redirect(url_for("audit.overview", urn=school.urn, year=year))


@audit.route("/sections/<area_code>")
@can_view_audit
def section(school: School, year: str, area_code: str):
    found = context.existing_audit(school, year)
    area = context.area_in(found, area_code)
    return render_template(
        "audit/section.html",
        school=school,
        audit=found,
        area=area,
        answers=context.answers_by_standard(found),
        not_applying=context.standards_not_applying(found),
        title=area.title,
    )


@audit.route("/standards/<code>", methods=["GET", "POST"])
@can_view_audit
def standard(school: School, year: str, code: str):
    found = context.existing_audit(school, year)
    item = answer_service.standard_in(found, code)
    current = answer_service.answer_to(found, item)
    form = AnswerForm(obj=_form_data(current)).set_choices(found.framework, item)
    conflict = None
    if request.method == "POST":
        _require_edit(school, found)
        outcome = _save(found, item, form)
        if not isinstance(outcome, (InvalidInput, answer_service.AnswerConflict)):
            return _after_save(school, found, item)
        conflict = outcome if isinstance(outcome, answer_service.AnswerConflict) else None
    return render_template(
        "audit/standard.html",
        place=context.place_of(found, item),
        last_year=_last_year(found, item),
        evidence=_evidence_for(school, found, item),
        school=school,
        audit=found,
        standard=item,
        answer=current,
        form=form,
        conflict=conflict,
        may_edit=_may_edit(school, found),
        applies=binds_school(item.applies_to, school),
        title=item.title,
    )


@audit.route("/check")
@can_view_audit
def check(school: School, year: str):
    found = context.existing_audit(school, year)
    return _render_check(school, found, lifecycle.unanswered_standards(found))


@audit.route("/submit", methods=["POST"])
@can_submit_audit
def submit(school: School, year: str):
    found = context.existing_audit(school, year)
    if not ConfirmForm().validate_on_submit():
        return redirect(audit_url("audit.check", school, found))
    try:
        lifecycle.submit(found, current_user)
    except lifecycle.IncompleteAudit as incomplete:
        return _render_check(school, found, incomplete.unanswered, incomplete), 400
    return redirect(audit_url("audit.confirmation", school, found))


def _render_check(school: School, found: Audit, unanswered, incomplete=None):
    sections, answers = context.sections(found)
    extra = {"incomplete": incomplete} if incomplete else {}
    return render_template(
        "audit/check.html",
        school=school,
        audit=found,
        sections=sections,
        answers=answers,
        unanswered=unanswered,
        not_applying=context.standards_not_applying(found),
        form=ConfirmForm(),
        may_submit=can(current_user, Action.SUBMIT_AUDIT, school),
        title="Check your answers",
        **extra,
    )


@audit.route("/confirmation")
@can_view_audit
def confirmation(school: School, year: str):
    found = context.existing_audit(school, year)
    return render_template(
        "audit/confirmation.html", school=school, audit=found, title="Audit submitted"
    )


def _may_edit(school: School, found: Audit) -> bool:
    return can(current_user, Action.EDIT_AUDIT, school) and not found.status_enum.answers_locked


def _require_edit(school: School, found: Audit) -> None:
    if not can(current_user, Action.EDIT_AUDIT, school):
        from inclusion.errors import Forbidden

        raise Forbidden("Only the school's SENCO and headteacher can change its audit answers.")
    if found.status_enum.answers_locked:
        raise InvalidInput(
            f"This audit is {found.status_enum.label.lower()}: its answers are read-only."
        )


def _save(found: Audit, item: Standard, form: AnswerForm):
    """The saved answer, or the refusal (attached to the form for the error summary)."""
    if form.is_unknown_rating():
        error = InvalidInput("Select one of the ratings shown", field="rating")
        add_domain_error(form, error, "rating")
        return error
    try:
        return answer_service.save_answer(
            found, item, form.answer_input(), form.based_on_version(), current_user
        )
    except answer_service.AnswerConflict as conflict:
        form.form_errors.append(conflict.message)
        return conflict
    except InvalidInput as error:
        add_domain_error(form, error, "rating")
        return error


def _after_save(school: School, found: Audit, item: Standard):
    """The next standard of the section; at its end, the task list (or, with every standard
    answered, checking the answers), saying how the section stands."""
    if request.form.get("then") == "later":
        flash("Your answer has been saved. You can come back to it at any time.", "success")
        return redirect(audit_url("audit.overview", school, found))
    place = context.place_of(found, item)
    if place.next is not None:
        return redirect(audit_url("audit.standard", school, found, code=place.next.code))
    section = context.section_of(found, place.area)
    if section.answered < section.total:
        left = section.total - section.answered
        flash(
            f"You have reached the end of {place.area.title}. "
            f"{left} of its {section.total} standards {'is' if left == 1 else 'are'} "
            "not answered yet.",
            "info",
        )
        return redirect(audit_url("audit.overview", school, found))
    flash(f"Section complete: {place.area.title}", "success")
    if not lifecycle.unanswered_standards(found):
        return redirect(audit_url("audit.check", school, found))
    return redirect(audit_url("audit.overview", school, found))


def _last_year(found: Audit, item: Standard) -> scoring.Rating | None:
    """The school's rating last year for this standard's predecessor, if it had one."""
    if item.predecessor_id is None:
        return None
    return previous_ratings(found).get(item.predecessor_id)


def _form_data(answer):
    if answer is None:
        return None
    rating = (
        "na" if answer.not_applicable else ("" if answer.rating is None else str(answer.rating))
    )
    return SimpleNamespace(
        rating=rating,
        not_applicable_reason=answer.not_applicable_reason,
        evidence=answer.evidence,
        note=answer.note,
        evidence_links="\n".join(answer.evidence_links or []),
        version=str(answer.version),
    )


def _evidence_for(school: School, found: Audit, item: Standard):
    """What the portal already knows for this standard, so the school need not enter it twice."""
    if item.evidence_source != "send-information-report":
        return None
    from inclusion.send_report.checklists import checklist_for, compliance_of

    checklist = checklist_for(school, found.academic_year)
    return compliance_of(checklist) if checklist else False
