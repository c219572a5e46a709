"""PostgreSQL drops every connection while requests are in flight: clean errors, then recovery."""

from __future__ import annotations

import threading
import time

import psycopg
from sqlalchemy import func, select

from inclusion.audit.models import Answer, AnswerChange
from inclusion.extensions import db
from tests.live.test_concurrency import senco_sessions

DURATION = 3.0  # seconds of traffic, with every backend terminated several times


def terminate_backends(app) -> int:
    """Kill every connection to the live database except this one (a PostgreSQL restart, seen
    from the app)."""
    url = app.config["SQLALCHEMY_DATABASE_URI"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]


def saves_until(stop: threading.Event, browser, token: str, url: str, log: list) -> None:
    """Keep saving the answer, each save based on the last version this client saw."""
    version, rating = 0, 1
    while not stop.is_set():
        rating = rating % 3 + 1
        response = browser.put(
            url, json={"rating": rating, "version": version}, headers={"X-CSRFToken": token}
        )
        log.append(response)
        if response.status_code == 200:
            version = response.json()["version"]
        elif response.status_code == 409:
            version = response.json()["current_version"]


def pages_until(stop: threading.Event, browser, url: str, log: list) -> None:
    while not stop.is_set():
        log.append(browser.get(url))


def assert_clean_failure(response) -> None:
    body = response.text
    assert "Traceback" not in body and "psycopg" not in body, body[:300]
    if response.headers.get("Content-Type", "").startswith("application/json"):
        assert response.json()["code"] in ("unavailable", "server_error", "conflict")
    else:
        assert "Sorry" in body, body[:300]


def test_requests_in_flight_fail_cleanly_and_the_next_ones_succeed(live_pg_app, live_pg_server):
    with live_pg_app.app_context():
        audit_id, url, sessions = senco_sessions(live_pg_server, live_pg_app, 2)
    (saver, token), (reader, _) = sessions
    page = url.replace("/api/v1", "").replace("/answers/", "/standards/")
    stop, saves, pages = threading.Event(), [], []
    workers = [
        threading.Thread(target=saves_until, args=(stop, saver, token, url, saves)),
        threading.Thread(target=pages_until, args=(stop, reader, page, pages)),
    ]
    for worker in workers:
        worker.start()
    killed, started = 0, time.monotonic()
    while time.monotonic() - started < DURATION:
        killed += terminate_backends(live_pg_app)
        time.sleep(0.2)
    stop.set()
    for worker in workers:
        worker.join()

    assert killed > 0, "no connection was ever terminated"
    for response in saves + pages:
        if response.status_code not in (200, 409):
            assert response.status_code in (500, 503), response.status_code
            assert_clean_failure(response)
    assert reader.get(page).status_code == 200
    audit = saver.get(url.rsplit("/answers/", 1)[0]).json()
    current = next(a for a in audit["answers"] if a["code"] == "LG1")
    version, rating = current["version"], 1 if current["rating"] != 1 else 2
    after = {"rating": rating, "evidence": "after the fault", "version": version}
    last = saver.put(url, json=after, headers={"X-CSRFToken": token})
    assert last.status_code == 200 and last.json()["version"] == version + 1
    with live_pg_app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.audit_id == audit_id))
        saved = db.session.scalar(
            select(func.count()).where(
                AnswerChange.audit_id == audit_id,
                AnswerChange.field == "rating",
                AnswerChange.outcome == "saved",
            )
        )
        # Each save is one transaction: the answer's version counts exactly its saved changes.
        assert answer.version == saved
        acknowledged = [r.json()["version"] for r in saves if r.status_code == 200]
        assert acknowledged and max(acknowledged) <= answer.version
