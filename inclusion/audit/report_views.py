"""The governors' report: an HTML page and the same page as a one-page PDF to download."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, url_for
from flask_login import current_user

from inclusion.audit import context
from inclusion.audit.governors_pdf import html_to_pdf
from inclusion.audit.governors_report import governors_report
from inclusion.audit.models import Audit
from inclusion.audit.sign_off import SignOffRecord, signed_off_record
from inclusion.permissions import Action, can, can_download_governors_report
from inclusion.schools.models import School
from inclusion.security import events
from inclusion.ui.downloads import attachment
from inclusion.uk_time import format_date, uk_today

TITLE = "Governors' report"

audit_governors = Blueprint("audit_governors", __name__, url_prefix="/schools/<urn>/audits/<year>")


@audit_governors.app_template_global("audit_signed_off")
def audit_signed_off(audit: Audit) -> SignOffRecord | None:
    """For the results page and other printed pages: who signed the audit off, and when."""
    return signed_off_record(audit)


@audit_governors.app_template_global("may_download_governors_report")
def may_download_governors_report(school: School) -> bool:
    return can(current_user, Action.DOWNLOAD_GOVERNORS_REPORT, school)


@audit_governors.route("/governors-report")
@can_download_governors_report
def report(school: School, year: str) -> str:
    found = context.existing_audit(school, year)
    stylesheet = url_for("static", filename="print/governors-report.css")
    return _render(found, stylesheet)


@audit_governors.route("/governors-report.pdf")
@can_download_governors_report
def report_pdf(school: School, year: str) -> Response:
    found = context.existing_audit(school, year)
    pdf = html_to_pdf(_render(found, None))
    events.record_export(
        "governors' report (PDF)", current_user, school=school.urn, year=found.academic_year.label
    )
    filename = f"governors-report-{school.urn}-{context.year_slug(found.academic_year)}.pdf"
    return attachment(pdf, "application/pdf", filename, private=True)


def _render(audit: Audit, stylesheet_url: str | None) -> str:
    figures = governors_report(audit, current_app.config["SUPPRESSION_THRESHOLD"], uk_today())
    return render_template(
        "audit/governors_report.html",
        report=figures,
        title=TITLE,
        produced_on=format_date(uk_today()),
        stylesheet_url=stylesheet_url,
    )
