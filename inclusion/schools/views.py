"""Schools: the list a person may see, and each school's page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DecimalField
from wtforms.validators import InputRequired

from inclusion.audit.answers import audits_of
from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.permissions import (
    Action,
    can,
    can_edit_school_week,
    can_view_school,
    partnerships_visible_to,
    schools_visible_to,
    signed_in,
)
from inclusion.schools import services
from inclusion.schools.models import School
from inclusion.schools.phases import Phase
from inclusion.ui.forms import finite

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
        may_edit_week=can(current_user, Action.EDIT_SCHOOL_WEEK, school),
        title=school.name,
    )


class SchoolWeekForm(FlaskForm):
    weekly_hours = DecimalField(
        "Hours in the school's week",
        places=1,
        description=(
            "From the start of the first session to the end of the last, Monday to Friday, "
            "including breaks. DfE expects at least 32.5 hours in mainstream schools."
        ),
        validators=[InputRequired("Enter the hours in the school's week"), finite],
    )


@schools.route("/<urn>/school-week", methods=["GET", "POST"])
@can_edit_school_week
def edit_week(school: School):
    form = SchoolWeekForm(obj=school)
    if form.validate_on_submit():
        try:
            message = services.set_school_week(school, form.weekly_hours.data)
        except DomainError as error:
            form.weekly_hours.errors.append(error.message)
        else:
            flash(message, "success")
            return redirect(url_for(".show", urn=school.urn))
    return render_template(
        "schools/school_week.html", school=school, form=form, title="The school's week"
    )
