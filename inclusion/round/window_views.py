"""Administrators set each academic year's audit and checklist window."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy import select

from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.permissions import can_manage_round
from inclusion.round import window
from inclusion.round.forms import WindowForm
from inclusion.schools.models import AcademicYear
from inclusion.schools.services import year_by_label
from inclusion.ui.forms import add_domain_error

audit_windows = Blueprint("audit_windows", __name__, url_prefix="/admin/audit-windows")


@audit_windows.route("/")
@can_manage_round
def index():
    years = db.session.scalars(select(AcademicYear).order_by(AcademicYear.start_date.desc()))
    return render_template("round/windows.html", years=list(years), title="Audit windows")


@audit_windows.route("/<year>", methods=["GET", "POST"])
@can_manage_round
def edit(year: str):
    academic_year = year_by_label(year.replace("-", "/"))
    form = WindowForm(obj=academic_year)
    if form.validate_on_submit():
        try:
            window.set_window(academic_year, window.WindowDates(**_dates(form)))
        except DomainError as error:
            add_domain_error(form, error, "audit_due_on")
        else:
            flash(f"The {academic_year.label} audit window is saved.", "success")
            return redirect(url_for(".index"))
    return render_template(
        "round/window_form.html",
        form=form,
        year=academic_year,
        title=f"Audit window for {academic_year.label}",
    )


def _dates(form: WindowForm) -> dict:
    names = ("audit_opens_on", "audit_due_on", "checklist_opens_on", "checklist_due_on")
    return {name: getattr(form, name).data for name in names}
