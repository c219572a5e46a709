"""Two people save the same answer at the same moment, through a real server on PostgreSQL."""

from __future__ import annotations

import threading

import requests
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from inclusion.audit import answers as answer_service
from inclusion.audit.models import Answer, AnswerChange, Audit
from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.schools.services import current_year, school_by_urn
from inclusion.seeding import DEMO_PASSWORD, demo_users


def signed_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    form = BeautifulSoup(browser.get(f"{base}/sign-in", timeout=10).text, "html.parser")
    token = form.select_one("input[name=csrf_token]")["value"]
    data = {"email": email, "password": DEMO_PASSWORD, "csrf_token": token}
    response = browser.post(f"{base}/sign-in", data=data, timeout=10)
    assert response.ok and "/sign-in" not in response.url, response.url
    return browser


def csrf_from(browser: requests.Session, url: str) -> str:
    page = BeautifulSoup(browser.get(url, timeout=10).text, "html.parser")
    return page.select_one("input[name=csrf_token]")["value"]


def fresh_audit(app, urn: str, email: str) -> tuple[Audit, str]:
    with app.app_context():
        school, year = school_by_urn(urn), current_year()
        user = db.session.scalar(select(User).where(User.email == email))
        audit = answer_service.audit_for(school, year) or answer_service.start_audit(
            school, year, user
        )
        db.session.execute(db.delete(AnswerChange).where(AnswerChange.audit_id == audit.id))
        db.session.execute(db.delete(Answer).where(Answer.audit_id == audit.id))
        db.session.commit()
        return audit.id, year.label.replace("/", "-")


def race(base: str, sessions, url: str, bodies: list[dict]) -> list[requests.Response]:
    """Every session PUTs at once (a barrier releases them together)."""
    barrier = threading.Barrier(len(sessions))
    results: list[requests.Response | None] = [None] * len(sessions)

    def save(n: int) -> None:
        browser, token = sessions[n]
        barrier.wait()
        results[n] = browser.put(url, json=bodies[n], headers={"X-CSRFToken": token}, timeout=30)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def senco_sessions(base: str, live_pg_app, count: int):
    senco = next(u for u in demo_users() if u.role.value == "senco")
    audit_id, slug = fresh_audit(live_pg_app, senco.scope, senco.email)
    standard_page = f"{base}/schools/{senco.scope}/audits/{slug}/standards/LG1"
    sessions = []
    for _ in range(count):
        browser = signed_in(base, senco.email)
        sessions.append((browser, csrf_from(browser, standard_page)))
    url = f"{base}/api/v1/schools/{senco.scope}/audits/{slug}/answers/LG1"
    return audit_id, url, sessions


def test_of_eight_first_answers_saved_at_once_exactly_one_is_kept(live_pg_app, live_pg_server):
    with live_pg_app.app_context():
        audit_id, url, sessions = senco_sessions(live_pg_server, live_pg_app, 8)
    bodies = [{"rating": 1 + n % 3, "evidence": f"attempt {n}", "version": 0} for n in range(8)]

    results = race(live_pg_server, sessions, url, bodies)

    statuses = sorted(response.status_code for response in results)
    assert statuses == [200] + [409] * 7, [r.text[:200] for r in results]
    winner = next(n for n, response in enumerate(results) if response.status_code == 200)
    with live_pg_app.app_context():
        rows = db.session.scalars(select(Answer).where(Answer.audit_id == audit_id)).all()
        assert [(a.evidence, a.version) for a in rows] == [(f"attempt {winner}", 1)]
        assert all(r.json()["current_version"] == 1 for r in results if r.status_code == 409)


def test_two_saves_from_one_version_one_wins_one_conflicts_and_history_holds_both(
    live_pg_app, live_pg_server
):
    with live_pg_app.app_context():
        audit_id, url, sessions = senco_sessions(live_pg_server, live_pg_app, 2)
    first = sessions[0][0].put(
        url, json={"rating": 1, "version": 0}, headers={"X-CSRFToken": sessions[0][1]}, timeout=30
    )
    assert first.status_code == 200

    results = race(
        live_pg_server,
        sessions,
        url,
        [
            {"rating": 2, "evidence": "mine", "version": 1},
            {"rating": 3, "evidence": "theirs", "version": 1},
        ],
    )

    assert sorted(r.status_code for r in results) == [200, 409]
    with live_pg_app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.audit_id == audit_id))
        kept = next(b for b, r in zip(("mine", "theirs"), results, strict=True) if r.ok)
        assert (answer.evidence, answer.version) == (kept, 2)
        outcomes = db.session.execute(
            select(AnswerChange.new_value, AnswerChange.outcome).where(
                AnswerChange.audit_id == audit_id,
                AnswerChange.field == "evidence",
                AnswerChange.new_value.in_(("mine", "theirs")),
            )
        ).all()
        lost = "theirs" if kept == "mine" else "mine"
        assert sorted(outcomes) == sorted([(kept, "saved"), (lost, "refused")])
        assert (
            db.session.scalar(
                select(func.count()).select_from(Answer).where(Answer.audit_id == audit_id)
            )
            == 1
        )
