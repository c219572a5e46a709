"""API keys: shown once, stored hashed, scoped like a person, revocable, never a session."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.api.keys import KeyAccess, create_key, revoke_key
from inclusion.api.models import ApiKey
from inclusion.audit.models import Answer
from inclusion.security.models import SecurityEvent
from tests.access import build_world
from tests.api.helpers import ApiClient, answer_url, key_for
from tests.pages import PageClient


def test_the_token_is_stored_only_as_a_hash_and_never_in_the_security_log(app, client, session):
    world = build_world()
    key, token = create_key(
        name="Power BI", access=KeyAccess.READ, partnership=None, created_by=world.people["admin"]
    )
    ApiClient(app, token=token).get("/api/v1/years")

    stored = session.get(ApiKey, key.id)
    assert token not in {stored.token_hash, stored.prefix} and token.startswith(stored.prefix)
    details = [str(event.detail) for event in session.scalars(select(SecurityEvent))]
    assert all(token not in detail for detail in details)
    assert {"api_key_created", "api_key_used"} <= set(session.scalars(select(SecurityEvent.kind)))


def test_a_key_request_records_its_use_and_never_gets_a_session_cookie(app, client, session):
    world = build_world()
    token = key_for(world, KeyAccess.READ)
    response = ApiClient(app, token=token).call("GET", "/api/v1/schools")
    assert "Set-Cookie" not in response.headers
    assert session.scalar(select(ApiKey.last_used_at)) is not None


def test_a_partnership_key_reads_its_partnership_and_nothing_of_another(app, client):
    world = build_world()
    api = ApiClient(app, token=key_for(world, KeyAccess.READ, world.partnership_a))
    assert [s["urn"] for s in api.get("/api/v1/schools")] == [world.school_a.urn]
    api.get(f"/api/v1/partnerships/{world.partnership_a.code}/aggregates")
    api.get(f"/api/v1/partnerships/{world.partnership_b.code}/aggregates", 404)
    api.get(f"/api/v1/schools/{world.school_b.urn}", 404)
    api.get("/api/v1/council/aggregates", 403)


def test_a_council_wide_key_reads_the_council_figures_but_no_pupil_records(app, client):
    world = build_world()
    api = ApiClient(app, token=key_for(world, KeyAccess.READ))
    assert {s["urn"] for s in api.get("/api/v1/schools")} == {
        world.school_a.urn,
        world.school_b.urn,
    }
    api.get("/api/v1/council/aggregates")
    # Keys are for the API only: a page of pupil-level records is not reachable with one.
    page = api.call("GET", f"/schools/{world.school_a.urn}/records/part-time-timetables", 302)
    assert "/sign-in" in page.headers["Location"]


def test_a_read_only_key_cannot_save_an_answer(app, client, session):
    world = build_world()
    api = ApiClient(app, token=key_for(world, KeyAccess.READ, world.partnership_a))
    api.put(answer_url(world), {"rating": 2, "version": 0}, status=403)
    assert session.scalar(select(Answer).where(Answer.audit_id == world.audit.id)) is None


def test_a_read_write_key_saves_in_its_scope_without_csrf_and_only_there(app, client, session):
    world = build_world()
    api = ApiClient(app, token=key_for(world, KeyAccess.READ_WRITE, world.partnership_a))
    saved = api.put(answer_url(world), {"rating": 2, "version": 0})
    assert saved["version"] == 1
    other = ApiClient(app, token=key_for(world, KeyAccess.READ_WRITE, world.partnership_b))
    other.put(answer_url(world), {"rating": 3, "version": 1}, status=404)


def test_revoked_unknown_and_malformed_keys_are_401(app, client, session):
    world = build_world()
    key, token = create_key(
        name="Old", access=KeyAccess.READ, partnership=None, created_by=world.people["admin"]
    )
    revoke_key(key, world.people["admin"])
    for header in (f"Bearer {token}", "Bearer ipk_not-a-key", "Bearer", "Basic abc"):
        body = ApiClient(app).get("/api/v1/schools", 401, headers={"Authorization": header})
        assert body["code"] == "unauthenticated"
    assert "api_key_refused" in set(session.scalars(select(SecurityEvent.kind)))


def test_an_administrator_makes_a_key_sees_it_once_and_revokes_it(app, client, session):
    world = build_world()
    admin = PageClient(app, world.people["admin"])
    form = {"name": "Warehouse", "access": "read", "coverage": world.partnership_a.code}
    page = admin.post("/admin/api-keys/new", form, status=200)
    token = page.select_one("#api-key-token").get_text(strip=True)
    ApiClient(app, token=token).get("/api/v1/years")

    listing = admin.get("/admin/api-keys/")
    assert token not in str(listing) and "Warehouse" in listing.get_text()
    key = session.scalar(select(ApiKey).where(ApiKey.name == "Warehouse"))
    admin.post(f"/admin/api-keys/{key.id}/revoke", {}, status=302)
    ApiClient(app, token=token).get("/api/v1/years", 401)
