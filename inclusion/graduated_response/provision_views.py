"""The school's provision offer, per area of need and level."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from inclusion.audit.answers import framework_for
from inclusion.audit.models import TrainingTopic
from inclusion.errors import DomainError
from inclusion.extensions import db
from inclusion.graduated_response import provision
from inclusion.graduated_response.forms import ProvisionForm
from inclusion.permissions import can_edit_audit, can_view_audit
from inclusion.schools.models import School
from inclusion.schools.services import current_year
from inclusion.send_report import provision_feed
from inclusion.ui.downloads import attachment
from inclusion.ui.forms import add_domain_error, choices, small_int

provision_offer = Blueprint("provision", __name__, url_prefix="/schools/<urn>/provision")


@provision_offer.route("/")
@can_view_audit
def index(school: School):
    return render_template(
        "records/provision.html",
        school=school,
        cells=provision.offers_of(school),
        topics=_topic_titles(),
        title="Provision offer",
    )


@provision_offer.route("/send-information-report")
@can_view_audit
def report_section(school: School):
    sections = provision_feed.report_section(school)
    return render_template(
        "records/provision_report.html",
        school=school,
        sections=sections,
        gaps=provision_feed.undescribed(sections),
        level_heading=provision_feed.level_heading,
        title="Ordinarily available provision for your SEND Information Report",
    )


@provision_offer.route("/send-information-report.txt")
@can_view_audit
def report_section_text(school: School):
    text = provision_feed.as_text(school, provision_feed.report_section(school))
    filename = f"ordinarily-available-provision-{school.urn}.txt"
    return attachment(text, "text/plain", filename)


@provision_offer.route("/<need>/<level>", methods=["GET", "POST"])
@can_edit_audit
def edit(school: School, need: str, level: str):
    cell = provision.offer_cell(school, need, level)
    form = ProvisionForm(obj=cell.offer)
    form.tags.choices = choices(sorted(_topic_titles().items(), key=lambda kv: kv[1]))
    if form.validate_on_submit():
        try:
            based_on = small_int(form.version.data) or 0
            provision.save_offer(
                school,
                cell,
                form.description.data or "",
                form.tags.data or [],
                based_on,
                current_user,
            )
        except DomainError as error:
            add_domain_error(form, error, "description")
        else:
            flash(f"{cell.need.label}: {cell.level.label} saved", "success")
            return redirect(url_for(".index", urn=school.urn))
    return render_template(
        "records/provision_form.html",
        school=school,
        cell=cell,
        form=form,
        title=f"{cell.need.label}: {cell.level.label}",
    )


def _topic_titles() -> dict[str, str]:
    year = current_year()
    framework = framework_for(year) if year else None
    if framework is None:
        return {}
    rows = db.session.execute(
        select(TrainingTopic.code, TrainingTopic.title).where(
            TrainingTopic.framework_id == framework.id
        )
    ).all()
    return dict(rows)
