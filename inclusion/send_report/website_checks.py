"""Website checks: requested (at most once an hour per school), run as background jobs,
stored as findings the school accepts or corrects."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.db_types import utcnow
from inclusion.errors import InvalidInput, NotFound
from inclusion.extensions import db
from inclusion.jobs import job_runner
from inclusion.schools.models import School
from inclusion.send_report.checklists import ItemAnswer, save_answer
from inclusion.send_report.models import Checklist, ChecklistItem, WebsiteCheck, WebsiteFinding
from inclusion.uk_time import format_date, format_time

RESULT_TO_STATUS = {"found": "met", "not_found": "not_met"}


def latest_check(school: School) -> WebsiteCheck | None:
    return db.session.scalar(
        select(WebsiteCheck)
        .where(WebsiteCheck.school_id == school.id)
        .order_by(WebsiteCheck.id.desc())
        .limit(1)
    )


def request_check(
    school: School, user: User | None, *, ignore_interval: bool = False
) -> WebsiteCheck:
    previous = latest_check(school)
    interval = timedelta(minutes=current_app.config["WEBSITE_CHECK_INTERVAL_MINUTES"])
    if previous and not ignore_interval and utcnow() - previous.requested_at < interval:
        raise InvalidInput(
            f"{school.name}'s website was checked at {format_time(previous.requested_at)}. "
            "Each school's website is checked at most once an hour."
        )
    check = WebsiteCheck(
        school_id=school.id, url=school.website or "", requested_by_id=user.id if user else None
    )
    db.session.add(check)
    db.session.commit()
    job_runner().enqueue(run_check, check.id)
    return check


def run_check(check_id: int) -> None:
    """The job: crawl, check every item, store the findings. Never raises."""
    check = db.session.get(WebsiteCheck, check_id)
    if check is None or check.status not in ("queued",):
        return
    check.status, check.started_at = "running", utcnow()
    db.session.commit()
    try:
        _store(check, _checker_result(check))
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Website check %s stopped", check_id)
        check.status, check.reason = "failed", "The check stopped unexpectedly; try again later."
    check.finished_at = utcnow()
    db.session.commit()


def _checker_result(check: WebsiteCheck):
    from inclusion.send_report.checker import check_website
    from inclusion.send_report.checker_settings import settings_for

    return check_website(check.url, settings_for(current_app))


def _store(check: WebsiteCheck, result) -> None:
    check.status = result.status
    check.reason = result.reason or ""
    check.pages_fetched = result.pages_fetched
    check.documents = dict(result.documents)
    check.local_offer_status = result.local_offer_status
    check.report_date = result.report_date
    check.findings = [
        WebsiteFinding(
            code=f.code,
            result=f.result,
            evidence_url=f.evidence_url or "",
            pdf_page=f.pdf_page,
            snippet=f.snippet or "",
            detail=f.detail or "",
        )
        for f in result.findings
    ]


def findings_by_code(check: WebsiteCheck | None) -> dict[str, WebsiteFinding]:
    if check is None or check.status != "completed":
        return {}
    return {f.code: f for f in check.findings}


def accept_finding(
    checklist: Checklist,
    item: ChecklistItem,
    check: WebsiteCheck | None,
    based_on: int | None,
    user: User,
) -> None:
    """Make the finding the answer, if nobody answered since version `based_on`."""
    finding = findings_by_code(check).get(item.code)
    if finding is None:
        raise NotFound("The website check has no finding for this item.")
    if finding.result not in RESULT_TO_STATUS:
        raise InvalidInput(
            "The checker was unsure about this item: choose met, partly met or not met yourself."
        )
    given = ItemAnswer(
        status=RESULT_TO_STATUS[finding.result],
        evidence_url=finding.evidence_url,
        pdf_page=finding.pdf_page,
        note=f"Accepted from the website check of {format_date(check.requested_at)}.",
        from_check_id=check.id,
    )
    save_answer(checklist, item, given, based_on, user)
