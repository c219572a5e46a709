"""The security event log: what is recorded, what never is, and who may read it."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.auth.roles import Role
from inclusion.security.models import SecurityEvent
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import PageClient, normalised_text
from tests.schools.factories import PartnershipFactory


def kinds(session) -> list[str]:
    return session.scalars(select(SecurityEvent.kind).order_by(SecurityEvent.id)).all()


def test_sign_ins_failures_and_a_back_off_are_recorded_without_the_password(app, client, session):
    UserFactory(email="logged@school.example.org")
    client.post("/sign-in", {"email": "logged@school.example.org", "password": PASSWORD}, 302)
    for _ in range(app.config["SIGN_IN_FREE_FAILURES"] + 1):
        client.as_user(None).post(
            "/sign-in", {"email": "logged@school.example.org", "password": "guess-one-two"}
        )
    client.as_user(None).post(
        "/sign-in", {"email": "nobody@school.example.org", "password": "guess-one-two"}
    )
    recorded = kinds(session)
    assert recorded[0] == "signed_in"
    assert recorded.count("sign_in_slowed") == 1
    assert recorded[-1] == "sign_in_failed"
    events = session.scalars(select(SecurityEvent)).all()
    assert events[-1].email == "nobody@school.example.org"
    assert not any("guess-one-two" in str(e.detail) or PASSWORD in str(e.detail) for e in events)


def test_role_changes_and_deactivation_are_recorded_with_who_they_concern(app, client, session):
    admin = PageClient(app, UserFactory.with_role(Role.ADMIN))
    adviser = UserFactory.with_role(Role.ADVISER, partnership=PartnershipFactory())
    second = PartnershipFactory(name="Frome Partnership")
    admin.post(
        f"/admin/users/{adviser.id}/roles",
        {"role": "adviser", "partnership": second.code, "school": ""},
        302,
    )
    admin.post(f"/admin/users/{adviser.id}/status", status=302)
    events = session.scalars(select(SecurityEvent).order_by(SecurityEvent.id)).all()
    assert [(e.kind, e.email) for e in events] == [
        ("role_added", adviser.email),
        ("account_deactivated", adviser.email),
    ]
    assert events[0].detail == {"role": "adviser", "scope": "Frome Partnership"}


def test_administrators_read_and_filter_the_log_and_nobody_else_can(app, client):
    admin_user = UserFactory.with_role(Role.ADMIN, email="admin@council.example.org")
    client.post("/sign-in", {"email": "admin@council.example.org", "password": PASSWORD}, 302)
    client.as_user(None).post(
        "/sign-in", {"email": "someone@else.example.org", "password": "nope-nope-nope"}
    )
    admin = PageClient(app, admin_user)
    page = admin.get("/admin/security-events/?kind=sign_in_failed")
    rows = [normalised_text(row) for row in page.select("tbody tr")]
    assert len(rows) == 1 and "someone@else.example.org" in rows[0]
    PageClient(app, UserFactory()).get("/admin/security-events/", status=403)


def test_downloads_of_audits_and_dashboard_tables_are_recorded_with_who_and_what(
    app, client, session
):
    from tests.access import build_world

    world = build_world()
    admin = PageClient(app, world.people["admin"])
    admin.raw("GET", world.audit_url("export.xlsx"))
    admin.raw("GET", f"/partnerships/{world.partnership_a.code}/dashboard/participation.csv")
    admin.raw("GET", "/council/dashboard.xlsx")

    exported = session.scalars(
        select(SecurityEvent)
        .where(SecurityEvent.kind == "data_exported")
        .order_by(SecurityEvent.id)
    ).all()
    assert [event.detail["what"] for event in exported] == [
        "audit",
        "dashboard table participation (CSV)",
        "dashboard (XLSX)",
    ]
    assert {event.user_id for event in exported} == {world.people["admin"].id}
    assert exported[0].detail["school"] == world.school_a.urn
