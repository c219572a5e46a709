"""Made-up API keys: throttled per address, and logged once per address, not once each."""

from __future__ import annotations

from sqlalchemy import func, select

from inclusion.security.models import SecurityEvent
from tests.api.helpers import assert_error_shape
from tests.auth.conftest import ThrottledSettings
from tests.conftest import app_in_test_transaction


def refusals_logged(session) -> int:
    return session.scalar(
        select(func.count())
        .select_from(SecurityEvent)
        .where(SecurityEvent.kind == "api_key_refused")
    )


def test_a_flood_of_made_up_keys_is_answered_429_and_logged_once(app, session):
    throttled = app_in_test_transaction(ThrottledSettings, app)
    client = throttled.test_client()
    statuses = [
        client.get(
            "/api/v1/years", headers={"Authorization": f"Bearer ipk_made-up-{n}"}
        ).status_code
        for n in range(30)
    ]
    assert statuses[:10] == [401] * 10
    assert set(statuses[10:]) == {429}
    last = client.get("/api/v1/years", headers={"Authorization": "Bearer ipk_x"})
    assert_error_shape(last.get_json(), 429)
    assert refusals_logged(session) == 1


def test_another_address_is_not_held_back_by_the_flood(app, session):
    throttled = app_in_test_transaction(ThrottledSettings, app)
    client = throttled.test_client()
    for n in range(15):
        client.get("/api/v1/years", headers={"Authorization": f"Bearer ipk_bad-{n}"})
    other = client.get(
        "/api/v1/years",
        headers={"Authorization": "Bearer ipk_bad"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other.status_code == 401
    assert refusals_logged(session) == 2
