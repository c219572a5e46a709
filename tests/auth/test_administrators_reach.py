"""Administrators' reach (issue 18, item 10): every security event names who acted; nobody
grants a role to themselves (an administrator would otherwise reach any school's pupil
records in two clicks); the last administrator stays; API-key saves name the key."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.api.keys import KeyAccess, create_key
from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.security.models import SecurityEvent
from tests.access import build_world
from tests.api.helpers import ApiClient, answer_url
from tests.auth.factories import PASSWORD, UserFactory
from tests.pages import PageClient, error_summary, normalised_text
from tests.schools.factories import SchoolFactory


def events_of(session, kind: str) -> list[SecurityEvent]:
    query = select(SecurityEvent).where(SecurityEvent.kind == kind).order_by(SecurityEvent.id)
    return list(session.scalars(query))


def test_an_administrator_cannot_give_themselves_a_role_at_a_school(app, client, session):
    admin = UserFactory.with_role(Role.ADMIN)
    school = SchoolFactory()
    page = PageClient(app, admin).post(
        f"/admin/users/{admin.id}/roles", {"role": "senco", "school": school.urn}
    )
    assert "Ask another administrator" in error_summary(page)[0]
    session.expire_all()
    assert session.get(User, admin.id).school_ids() == set()
    refused = events_of(session, "role_change_refused")
    assert [(e.user_id, e.actor_id, e.detail["role"]) for e in refused] == [
        (admin.id, admin.id, "senco")
    ]


def test_another_administrator_grants_it_and_is_recorded_as_the_actor(app, client, session):
    admin = UserFactory.with_role(Role.ADMIN)
    colleague = UserFactory.with_role(Role.ADMIN)
    school = SchoolFactory()
    PageClient(app, colleague).post(
        f"/admin/users/{admin.id}/roles", {"role": "senco", "school": school.urn}, 302
    )
    added = events_of(session, "role_added")
    assert [(e.user_id, e.actor_id, e.actor) for e in added] == [
        (admin.id, colleague.id, colleague.email)
    ]


def test_the_last_administrator_cannot_remove_their_own_role_or_deactivate_themselves(
    app, client, session
):
    admin = UserFactory.with_role(Role.ADMIN)
    browser = PageClient(app, admin)
    assignment = admin.roles[0].id
    browser.post(f"/admin/users/{admin.id}/roles/{assignment}/remove", status=302)
    browser.post(f"/admin/users/{admin.id}/status", status=302)
    page = browser.get(f"/admin/users/{admin.id}")
    assert "only active administrator" in normalised_text(page)
    session.expire_all()
    still = session.get(User, admin.id)
    assert still.is_admin and still.active


def test_with_a_second_administrator_one_may_step_down(app, client, session):
    admin = UserFactory.with_role(Role.ADMIN)
    UserFactory.with_role(Role.ADMIN)
    assignment = admin.roles[0].id
    PageClient(app, admin).post(f"/admin/users/{admin.id}/roles/{assignment}/remove", status=302)
    session.expire_all()
    assert not session.get(User, admin.id).is_admin


def test_every_event_names_its_actor_the_person_at_sign_in(app, client, session):
    person = UserFactory.with_role(Role.ADMIN, email="self@council.example.org")
    PageClient(app).post("/sign-in", {"email": person.email, "password": PASSWORD}, 302)
    PageClient(app).post("/sign-in", {"email": "nobody@council.example.org", "password": "x"})
    signed_in, failed = events_of(session, "signed_in"), events_of(session, "sign_in_failed")
    assert (signed_in[0].actor_id, signed_in[0].actor) == (person.id, person.email)
    assert (failed[0].actor_id, failed[0].actor) == (None, "")


def test_the_security_log_shows_who_acted(app, client, session):
    admin = UserFactory.with_role(Role.ADMIN, email="acting-admin@council.example.org")
    other = UserFactory.with_role(Role.ADMIN)
    browser = PageClient(app, admin)
    browser.post(f"/admin/users/{other.id}/status", status=302)
    rows = browser.get("/admin/security-events/").select("tbody tr")
    assert "acting-admin@council.example.org" in normalised_text(rows[0])


def test_a_save_made_with_an_api_key_is_in_history_as_the_key(app, client, session):
    from inclusion.audit.models import AnswerChange

    world = build_world()
    admin = world.people["admin"]
    key, token = create_key(
        name="Council dashboard", access=KeyAccess.READ_WRITE, partnership=None, created_by=admin
    )
    ApiClient(app, token=token).put(answer_url(world), {"rating": 2, "version": 0})
    change = session.scalars(select(AnswerChange).where(AnswerChange.field == "rating")).one()
    assert change.changed_by_id != admin.id
    assert change.changed_by.display_name == f"API key {key.prefix} (Council dashboard)"
    assert change.changed_by.is_api_key and not change.changed_by.active
    # the key's account is not a person: not listed, not managed as one
    listed = normalised_text(PageClient(app, admin).get("/admin/users/"))
    assert key.prefix not in listed
    PageClient(app, admin).get(f"/admin/users/{change.changed_by_id}", status=404)
