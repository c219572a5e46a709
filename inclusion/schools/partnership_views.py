"""Area Inclusion Partnerships: lists, members by academic year, and their administration."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.permissions import (
    can_manage_partnership,
    can_manage_partnerships,
    can_view_partnership,
    partnerships_visible_to,
    schools_visible_to,
    signed_in,
)
from inclusion.schools import services
from inclusion.schools.forms import MoveSchoolForm, PartnershipForm, RenamePartnershipForm
from inclusion.schools.models import AreaInclusionPartnership, School
from inclusion.ui.forms import add_domain_error, choices

partnerships = Blueprint("partnerships", __name__, url_prefix="/partnerships")


@partnerships.route("/")
@signed_in
def index():
    year = services.current_year()
    return render_template(
        "partnerships/index.html",
        partnerships=db.session.scalars(partnerships_visible_to(current_user)).all(),
        counts=services.member_counts(year),
        year=year,
        title="Area Inclusion Partnerships",
    )


@partnerships.route("/new", methods=["GET", "POST"])
@can_manage_partnerships
def new():
    form = PartnershipForm()
    if form.validate_on_submit():
        try:
            partnership = services.create_partnership(form.code.data, form.name.data)
        except InvalidInput as error:
            add_domain_error(form, error, "code")
        else:
            flash(f"{partnership.name} added", "success")
            return redirect(url_for(".show", code=partnership.code))
    return render_template("partnerships/new.html", form=form, title="Add a partnership")


@partnerships.route("/<code>")
@can_view_partnership
def show(partnership: AreaInclusionPartnership):
    year = _year_from_query()
    return render_template(
        "partnerships/show.html",
        partnership=partnership,
        members=services.members_of(partnership, year) if year else [],
        visible_school_ids=_visible_school_ids(),
        year=year,
        title=partnership.name,
    )


@partnerships.route("/<code>/edit", methods=["GET", "POST"])
@can_manage_partnership
def edit(partnership: AreaInclusionPartnership):
    rename = RenamePartnershipForm(obj=partnership)
    if rename.validate_on_submit():
        services.rename_partnership(partnership, rename.name.data)
        flash("Partnership renamed", "success")
        return redirect(url_for(".show", code=partnership.code))
    return _render_edit(partnership, rename=rename)


@partnerships.route("/<code>/members", methods=["POST"])
@can_manage_partnership
def add_member(partnership: AreaInclusionPartnership):
    year = services.current_year()
    move = _move_form(partnership)
    if move.validate_on_submit() and year is not None:
        try:
            school = services.school_by_urn(move.school.data)
        except NotFound as error:
            add_domain_error(move, InvalidInput(error.message), "school")
        else:
            services.move_school(school, partnership, year)
            flash(f"{school.name} is now in {partnership.name} for {year.label}", "success")
            return redirect(url_for(".show", code=partnership.code))
    return _render_edit(partnership, move=move)


def _render_edit(
    partnership: AreaInclusionPartnership,
    rename: RenamePartnershipForm | None = None,
    move: MoveSchoolForm | None = None,
):
    return render_template(
        "partnerships/edit.html",
        partnership=partnership,
        rename=rename or RenamePartnershipForm(formdata=None, obj=partnership),
        move=move or _move_form(partnership),
        year=services.current_year(),
        title=f"Change {partnership.name}",
    )


def _move_form(partnership: AreaInclusionPartnership) -> MoveSchoolForm:
    form = MoveSchoolForm()
    year = services.current_year()
    members = {s.id for s in services.members_of(partnership, year)} if year else set()
    candidates = db.session.scalars(
        db.select(School).where(School.is_open).order_by(School.name)
    ).all()
    form.school.choices = choices(
        [("", "Choose a school")]
        + [(s.urn, f"{s.name} ({s.urn})") for s in candidates if s.id not in members]
    )
    return form


def _visible_school_ids() -> set[int]:
    return set(db.session.scalars(schools_visible_to(current_user).with_only_columns(School.id)))


def _year_from_query():
    label = request.args.get("year")
    if not label:
        return services.current_year()
    return services.year_by_label(label)
