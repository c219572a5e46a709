"""The audit window: administrators set it; SENCOs and headteachers see what is left."""

from __future__ import annotations

from datetime import date, timedelta

from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.round.window import Deadline
from inclusion.uk_time import format_date, uk_today
from tests.audit.conftest import begin
from tests.auth.factories import UserFactory
from tests.pages import PageClient, error_summary, normalised_text


def window_form(opens: date, due: date) -> dict[str, str]:
    form = {}
    for name, value in (("audit_opens_on", opens), ("audit_due_on", due)):
        form |= {f"{name}-day": str(value.day), f"{name}-month": str(value.month)}
        form[f"{name}-year"] = str(value.year)
    return form


def test_an_administrator_sets_the_window_and_sees_it_listed(app, world):
    admin = PageClient(app, world.admin)
    admin.get("/admin/audit-windows/2025-26")
    admin.post(
        "/admin/audit-windows/2025-26",
        window_form(date(2026, 1, 5), date(2026, 3, 27)),
        status=302,
    )
    listed = normalised_text(admin.get("/admin/audit-windows/"))
    assert "2025/26 (current) 5 January 2026 27 March 2026 Not set Not set" in listed


def test_a_due_date_before_the_opening_date_is_refused_on_its_field(app, world):
    admin = PageClient(app, world.admin)
    page = admin.post(
        "/admin/audit-windows/2025-26",
        window_form(date(2026, 3, 27), date(2026, 1, 5)),
        status=200,
    )
    assert error_summary(page) == ["The audit due date must be after the date it opens"]
    assert page.select_one("a[href='#audit_due_on-day']") is not None
    assert world.year.audit_due_on is None


def test_an_impossible_date_says_so(app, world):
    form = window_form(date(2026, 1, 5), date(2026, 3, 27)) | {
        "audit_due_on-day": "31",
        "audit_due_on-month": "2",
    }
    page = PageClient(app, world.admin).post("/admin/audit-windows/2025-26", form, status=200)
    assert error_summary(page) == ["The audit is due on must be a real date, like 27 3 2027"]


def test_the_senco_and_headteacher_see_the_due_date_and_days_left(app, world):
    world.year.audit_opens_on = uk_today() - timedelta(days=3)
    world.year.audit_due_on = uk_today() + timedelta(days=10)
    world.year.checklist_due_on = uk_today() + timedelta(days=1)
    db.session.flush()
    expected = f"Due on {format_date(world.year.audit_due_on)}: 10 days left"
    checklist = f"checklist: Due on {format_date(world.year.checklist_due_on)}: 1 day left"
    for person in (world.senco, world.head):
        page = PageClient(app, person).get("/dashboard")
        assert expected in page.select_one("#audit-deadline").get_text(" ", strip=True)
        assert checklist in page.select_one("#checklist-deadline").get_text(" ", strip=True)
    adviser_page = PageClient(app, world.adviser).get("/dashboard")
    assert adviser_page.select_one("#audit-deadline") is None


def test_the_start_page_says_what_the_audit_involves_and_when_it_is_due(app, world):
    world.year.audit_due_on = uk_today() + timedelta(days=1)
    db.session.flush()
    text = normalised_text(PageClient(app, world.senco).get(world.url()))
    assert "There are 8 standards to rate, in 3 sections." in text
    assert "the headteacher reads it and signs it off" in text
    assert "Evidence to gather" in text
    assert f"Due on {format_date(world.year.audit_due_on)}: 1 day left" in text
    begin(app, world)
    task_list = normalised_text(PageClient(app, world.senco).get(world.url()))
    assert "1 day left" in task_list


def test_days_left_are_counted_on_the_uk_calendar_and_say_when_overdue():
    due = date(2026, 3, 27)
    assert Deadline(due, date(2026, 3, 27)).summary == "Due today, 27 March 2026"
    assert Deadline(due, date(2026, 3, 28)).summary == "Overdue: it was due on 27 March 2026"
    assert Deadline(due, date(2026, 3, 13)).days_left == 14


def test_only_administrators_open_the_window_pages(app, world):
    senco = PageClient(app, UserFactory.with_role(Role.SENCO, school=world.school))
    senco.get("/admin/audit-windows/", status=403)
