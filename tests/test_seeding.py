"""Reference and demo data load from seeds/ idempotently; demo users are refused in production."""

from __future__ import annotations

import csv
from datetime import date

from sqlalchemy import func, select

from inclusion import create_app, seeding
from inclusion.auth.sign_in import authenticate
from inclusion.config import ProductionConfig
from inclusion.schools.models import AcademicYear, PartnershipMembership, School
from tests import production
from tests.pages import PageClient

TODAY = date(2026, 11, 24)


def csv_rows() -> list[dict[str, str]]:
    with seeding.SCHOOLS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def count(session, column) -> int:
    return session.scalar(select(func.count(column)))


def test_every_school_in_the_seed_file_is_loaded(app, session):
    with app.test_request_context():
        report = seeding.seed_reference_data(TODAY)
    assert report.schools_added == len(csv_rows()) == count(session, School.id)


def test_seeding_twice_changes_nothing(app, session):
    with app.test_request_context():
        seeding.seed_reference_data(TODAY)
        before = (count(session, School.id), count(session, PartnershipMembership.id))
        again = seeding.seed_reference_data(TODAY)
    assert (again.schools_added, again.memberships_added, again.years_added) == (0, 0, 0)
    assert (count(session, School.id), count(session, PartnershipMembership.id)) == before


def test_the_academic_year_containing_today_is_the_only_current_one(app, session):
    with app.test_request_context():
        seeding.seed_reference_data(TODAY)
    current = session.scalars(select(AcademicYear).where(AcademicYear.is_current)).all()
    assert [year.label for year in current] == ["2026/27"]


def test_open_schools_join_their_former_districts_partnership(app, session):
    with app.test_request_context():
        seeding.seed_reference_data(TODAY)
    year = session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    memberships = session.scalars(
        select(PartnershipMembership).where(PartnershipMembership.academic_year_id == year.id)
    ).all()
    open_rows = [row for row in csv_rows() if row["EstablishmentStatus (name)"] == "Open"]
    assert len(memberships) == len(open_rows)
    districts = {m.partnership.code: {m.school.district_code} for m in memberships}
    assert all(len(codes) == 1 for codes in districts.values())


def test_every_demo_user_can_sign_in_to_their_dashboard(app, session):
    with app.test_request_context():
        seeding.seed_reference_data(TODAY)
        seeding.seed_demo_users()
        people = [authenticate(demo.email, seeding.DEMO_PASSWORD) for demo in seeding.demo_users()]
    for person in people:
        page = PageClient(app, person).get("/dashboard")
        assert page.h1.get_text(strip=True) == "Your dashboard"


def test_demo_users_are_refused_in_production():
    class Production(ProductionConfig):
        SECRET_KEY = production.SAFE_SECRET_KEY
        PUBLIC_BASE_URL = production.PUBLIC_BASE_URL
        SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://nobody@127.0.0.1:1/none"

    result = create_app(Production).test_cli_runner().invoke(args=["seed", "--demo"])
    assert result.exit_code != 0
    assert "Demo users are refused" in result.output


def test_demo_audits_cover_every_state_and_last_year(app, session, monkeypatch):
    from inclusion import demo
    from inclusion.audit.framework_store import load_framework_file
    from inclusion.audit.models import Audit

    monkeypatch.setattr(demo, "DEMO_SCHOOLS", 6)
    with app.test_request_context():
        seeding.seed_reference_data(TODAY)
        for path in seeding.framework_files():
            load_framework_file(path)
        seeding.seed_demo_users()
        seeding.seed_demo_audits()
        again = seeding.seed_demo_audits()
    rows = session.execute(select(AcademicYear.label, Audit.status).join(Audit.academic_year)).all()
    assert again == 0
    assert {status for label, status in rows if label == "2025/26"} == {"reviewed"}
    assert {status for label, status in rows if label == "2026/27"} == {
        "in_progress",
        "submitted",
        "signed_off",
        "reviewed",
    }


def test_the_demo_sets_this_years_window_so_reminders_are_due_the_day_it_is_seeded(
    app, session, monkeypatch
):
    from inclusion import demo
    from inclusion.audit.framework_store import load_framework_file
    from inclusion.notifications.models import OutboundEmail
    from inclusion.round.due import send_due
    from inclusion.uk_time import uk_today

    monkeypatch.setattr(demo, "DEMO_SCHOOLS", 3)
    with app.test_request_context():
        seeding.seed_reference_data(uk_today())
        for path in seeding.framework_files():
            load_framework_file(path)
        seeding.seed_demo_users()
        seeding.seed_demo_audits()
        run = send_due(uk_today())
        again = send_due(uk_today())
    current = session.scalar(select(AcademicYear).where(AcademicYear.is_current))
    reminded = set(
        session.scalars(
            select(OutboundEmail.to_address).where(OutboundEmail.kind == "audit_due_soon")
        )
    )
    assert (current.audit_due_on - uk_today()).days == 7
    assert run.sent["audit_due_soon"] >= 2 and again.total == 0
    assert {"senco@demo.example.org", "head@demo.example.org"} <= reminded
