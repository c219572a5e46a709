"""Setting-to-setting support: advisers match and pair schools; leads see the pairings;
schools offer and follow support."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inclusion.area_partnerships import support_matching, support_offers, support_pairings
from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.support import STATUSES, standards_in
from inclusion.area_partnerships.support_forms import (
    CapacityForm,
    PairingForm,
    PairingUpdateForm,
)
from inclusion.audit.models import Standard
from inclusion.errors import DomainError, NotFound
from inclusion.permissions import (
    Action,
    can,
    can_edit_audit,
    can_plan_support,
    can_view_pairings,
)
from inclusion.schools.models import AreaInclusionPartnership, School
from inclusion.schools.services import current_year
from inclusion.ui.forms import add_domain_error, choices

support = Blueprint("support", __name__)

CHOOSE_SCHOOL = [("", "Choose a school")]


@support.route("/partnerships/<code>/support")
@can_plan_support
def matches(partnership: AreaInclusionPartnership):
    scope = _scope(partnership)
    code = request.args.get("standard", "").strip()
    prefill = {
        "standard_code": code,
        "supporting_urn": request.args.get("supporting", "")[:6],
        "supported_urn": request.args.get("supported", "")[:6],
    }
    return _render_matches(scope, code, PairingForm(formdata=None, data=prefill))


@support.route("/partnerships/<code>/pairings", methods=["POST"])
@can_plan_support
def record_pairing(partnership: AreaInclusionPartnership):
    scope = _scope(partnership)
    form = PairingForm()
    if form.validate_on_submit():
        try:
            support_pairings.record_pairing(scope, form.to_input(), current_user)
        except DomainError as error:
            add_domain_error(form, error, "supporting_urn")
        else:
            flash("Pairing recorded", "success")
            return redirect(url_for(".pairings", code=partnership.code))
    return _render_matches(scope, form.standard_code.data or "", form)


@support.route("/partnerships/<code>/pairings")
@can_view_pairings
def pairings(partnership: AreaInclusionPartnership):
    """Advisers see outcomes and change pairings; leads see who is paired (decision 0005)."""
    year = _current_year()
    return render_template(
        "area/support_pairings.html",
        partnership=partnership,
        year=year,
        rows=support_pairings.pairings_in(partnership),
        plans=can(current_user, Action.PLAN_SUPPORT, partnership),
        title=f"{partnership.name}: pairings",
    )


@support.route("/partnerships/<code>/pairings/<int:pairing_id>", methods=["GET", "POST"])
@can_plan_support
def edit_pairing(partnership: AreaInclusionPartnership, pairing_id: int):
    _scope(partnership)
    pairing = support_pairings.pairing_in(partnership, pairing_id)
    form = PairingUpdateForm(obj=pairing)
    if form.validate_on_submit():
        try:
            support_pairings.update_pairing(
                pairing,
                form.status.data or "",
                form.notes.data or "",
                form.based_on_version(),
                current_user,
            )
        except DomainError as error:
            add_domain_error(form, error, "status")
        else:
            flash("Pairing updated", "success")
            return redirect(url_for(".pairings", code=partnership.code))
    return render_template(
        "area/support_pairing.html",
        partnership=partnership,
        pairing=pairing,
        status_label=STATUSES.get(pairing.status, pairing.status),
        form=form,
        title="Change a pairing",
    )


@support.route("/schools/<urn>/support-capacity", methods=["GET", "POST"])
@can_edit_audit
def capacity(school: School):
    year = current_year()
    standings = support_offers.standings(school, year) if year else []
    form = CapacityForm(data=_capacity_data(school))
    form.standard_codes.choices = choices(
        (s.standard.code, _label(s.standard)) for s in standings if s.offerable
    )
    if year is not None and form.validate_on_submit():
        try:
            support_offers.declare_capacity(school, year, form.to_input(), current_user)
        except DomainError as error:
            add_domain_error(form, error, "standard_codes")
        else:
            flash("Your offer of support has been saved", "success")
            return redirect(url_for(".capacity", urn=school.urn))
    rows = support_pairings.pairings_of(school)
    return render_template(
        "area/support_capacity.html",
        school=school,
        year=year,
        standings=standings,
        not_offerable=[s for s in standings if not s.offerable],
        form=form,
        supporting=[r for r in rows if r.pairing.supporting_school_id == school.id],
        supported=[r for r in rows if r.pairing.supported_school_id == school.id],
        title="Supporting other schools",
    )


def _current_year():
    year = current_year()
    if year is None:
        raise NotFound("There is no current academic year.")
    return year


def _scope(partnership: AreaInclusionPartnership) -> Scope:
    return Scope(_current_year(), partnership)


def _render_matches(scope: Scope, code: str, form: PairingForm):
    standards = standards_in(scope.year)
    form.standard_code.choices = choices(
        [("", "Choose a standard")] + [(s.code, _label(s)) for s in standards]
    )
    form.supporting_urn.choices = choices(
        CHOOSE_SCHOOL + support_matching.supporting_choices(scope)
    )
    form.supported_urn.choices = choices(CHOOSE_SCHOOL + support_matching.supported_choices(scope))
    chosen = code if code in {s.code for s in standards} else ""
    return render_template(
        "area/support_matches.html",
        partnership=scope.partnership,
        year=scope.year,
        standards=standards,
        chosen=chosen,
        found=support_matching.matches(scope, chosen) if chosen else None,
        form=form,
        title=f"{scope.label}: support between schools",
    )


def _label(standard: Standard) -> str:
    return f"{standard.code}: {standard.title}"


def _capacity_data(school: School) -> dict[str, Any]:
    year = current_year()
    offered = support_offers.capacity_of(school, year) if year else []
    if not offered:
        return {"visits_per_term": ""}
    return {
        "standard_codes": [row.standard_code for row in offered],
        "visits_per_term": str(offered[0].visits_per_term),
        "note": offered[0].note,
    }
