"""Schools: the list a person may see, and each school's page."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from inclusion.audit.answers import audits_of
from inclusion.extensions import db
from inclusion.permissions import (
    Action,
    can,
    can_view_school,
    partnerships_visible_to,
    schools_visible_to,
    signed_in,
)
from inclusion.schools import services
from inclusion.schools.models import School
from inclusion.schools.phases import Phase

schools = Blueprint("schools", __name__, url_prefix="/schools")
PAGE_SIZE = 50


@schools.route("/")
@signed_in
def index():
    criteria = services.SchoolFilter(
        search=request.args.get("q", "")[:100],
        phase=request.args.get("phase", "") if request.args.get("phase") in set(Phase) else "",
        partnership_code=request.args.get("partnership", "")[:20],
        include_closed=request.args.get("closed") == "1",
    )
    year = services.current_year()
    query = services.filter_schools(schools_visible_to(current_user), criteria, year)
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    partnership_names = (
        services.memberships_with_partnership(year, [s.id for s in page.items]) if year else {}
    )
    return render_template(
        "schools/index.html",
        page=page,
        criteria=criteria,
        phases=list(Phase),
        partnership_names=partnership_names,
        partnerships=db.session.scalars(partnerships_visible_to(current_user)).all(),
        title="Schools",
    )


@schools.route("/<urn>")
@can_view_school
def show(school: School):
    year = services.current_year()
    audits = audits_of(school)
    return render_template(
        "schools/show.html",
        school=school,
        partnership=services.partnership_of(school, year),
        year=year,
        audit=next((a for a in audits if year and a.academic_year_id == year.id), None),
        previous_audits=[a for a in audits if not year or a.academic_year_id != year.id],
        may_see_records=can(current_user, Action.VIEW_PUPIL_RECORDS, school),
        title=school.name,
    )
