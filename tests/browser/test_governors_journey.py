"""A headteacher reads the summary, signs off with the declaration and downloads the governors'
report, in a real browser; every page, the report's HTML source included, passes axe."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlalchemy import select

from inclusion.audit import lifecycle
from inclusion.audit.answers import AnswerInput, save_answer, standard_in, start_audit
from inclusion.audit.models import Audit
from inclusion.audit.sign_off import DECLARATION
from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.passwords import hash_password
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.seeding import DEMO_PASSWORD, demo_users
from tests.browser.axe import assert_accessible
from tests.browser.test_audit_journey import AuditYear, audit_year, heading, sign_in

__all__ = ["audit_year"]  # the framework fixture, shared with the audit journey

HEAD_EMAIL = "governors.head@browser.example.org"
SENCO_EMAIL = "governors.senco@browser.example.org"
HEAD_NAME = "Dana Governors-Head"
RATINGS = {"LG1": 0, "LG2": 3, "CI-U1": 3}  # LG1 is statutory: the gate caps leadership


@dataclass(frozen=True)
class SubmittedAudit:
    urn: str
    school_name: str
    year: AuditYear

    def url(self, suffix: str) -> str:
        return f"/schools/{self.urn}/audits/{self.year.slug}/{suffix}"


def _person(email: str, name: str, role: Role, school: School) -> User:
    user = User(email=email, display_name=name, password_hash=hash_password(DEMO_PASSWORD))
    user.roles.append(RoleAssignment(role=role.value, school=school))
    db.session.add(user)
    return user


def _spare_school() -> School:
    """A seeded school no demo person works at and no other journey has started an audit
    for (they pick spare schools too), so nothing else touches its audit."""
    taken = {d.scope for d in demo_users() if d.scope}
    started = select(Audit.school_id)
    query = select(School).where(School.urn.not_in(taken), School.id.not_in(started))
    return db.session.scalars(query.order_by(School.urn.desc())).first()


@pytest.fixture(scope="module")
def submitted(live_app: Flask, audit_year: AuditYear) -> SubmittedAudit:
    with live_app.test_request_context():
        school = _spare_school()
        senco = _person(SENCO_EMAIL, "Sam Governors-Senco", Role.SENCO, school)
        _person(HEAD_EMAIL, HEAD_NAME, Role.HEADTEACHER, school)
        db.session.commit()
        year = db.session.scalar(select(AcademicYear).where(AcademicYear.label == audit_year.label))
        audit = start_audit(school, year, senco)
        for code, rating in RATINGS.items():
            given = AnswerInput(rating=rating, evidence=f"Evidence for {code}")
            save_answer(audit, standard_in(audit, code), given, None, senco)
        lifecycle.submit(audit, senco)
        found = SubmittedAudit(school.urn, school.name, audit_year)
        db.session.remove()
    return found


def test_a_head_signs_off_from_the_summary_and_downloads_the_governors_report(
    page: Page, submitted: SubmittedAudit, tmp_path: Path
) -> None:
    sign_in(page, HEAD_EMAIL)
    page.get_by_role("link", name=f"{submitted.year.label} Inclusion Audit").click()
    expect(heading(page)).to_have_text("Inclusion Audit")
    page.get_by_role("link", name="Sign off or return the audit").click()
    expect(heading(page)).to_have_text("Sign off the audit")
    expect(page.locator("#sign-off-sections")).to_contain_text("Leadership and governance")
    expect(page.locator("#weak-sections")).to_contain_text("Leadership and governance: 1.00")
    expect(page.locator("#statutory-gate")).to_contain_text("LG1: Governors know their SEND duties")
    assert_accessible(page)

    page.get_by_label("Sign off the audit", exact=True).check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Confirm that you have read the audit and that it is accurate"
    )
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.get_by_label(DECLARATION).check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Signed off")

    page.get_by_role("navigation", name="Audit pages").get_by_role("link", name="Results").click()
    expect(heading(page)).to_have_text("Audit results")
    expect(page.locator("#signed-off")).to_have_text(
        re.compile(rf"^Signed off by {HEAD_NAME} on \d{{1,2}} \w+ \d{{4}} at ")
    )
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("download the governors' report")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    reader = PdfReader(saved)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert len(reader.pages) == 1
    assert f"Governors' report: {submitted.school_name}, {submitted.year.label}" in text
    assert f"Signed off by {HEAD_NAME} on" in text
    assert "Leadership and governance Emerging (capped by the statutory gate) 1.00" in text

    page.get_by_role("link", name="read it as a web page").click()
    expect(heading(page)).to_have_text(
        f"Governors' report: {submitted.school_name}, {submitted.year.label}"
    )
    expect(page.locator("#sign-off")).to_contain_text(f"Signed off by {HEAD_NAME}")
    assert_accessible(page)
