"""Saves racing a submit, through a real threaded server on PostgreSQL: every save either
lands before the snapshot (and is in it) or is refused because the audit is submitted."""

from __future__ import annotations

import threading

import requests
from sqlalchemy import select

from inclusion.audit import answers as answer_service
from inclusion.audit import lifecycle
from inclusion.audit.models import Answer, Audit, ScoreSnapshot, SnapshotRating, Standard
from inclusion.auth.models import User
from inclusion.extensions import db
from inclusion.seeding import demo_users
from tests.live.test_concurrency import csrf_from, fresh_audit, signed_in

SAVERS = 8
SAVES_EACH = 5


def answered_audit(app, urn: str, email: str) -> tuple[int, str, list[tuple[str, int]]]:
    """A fresh audit with every standard answered 1; returns (code, version) for each."""
    audit_id, slug = fresh_audit(app, urn, email)
    with app.app_context():
        audit = db.session.get(Audit, audit_id)
        db.session.execute(db.delete(ScoreSnapshot).where(ScoreSnapshot.audit_id == audit_id))
        audit.status = "in_progress"
        db.session.commit()
        user = db.session.scalar(select(User).where(User.email == email))
        for standard in lifecycle.unanswered_standards(audit):
            given = answer_service.AnswerInput(rating=1, evidence="before the race")
            answer_service.save_answer(audit, standard, given, None, user)
        rows = db.session.execute(
            select(Standard.code, Answer.version)
            .join(Answer, Answer.standard_id == Standard.id)
            .where(Answer.audit_id == audit_id)
            .order_by(Standard.code)
        ).all()
    return audit_id, slug, [(code, version) for code, version in rows]


def demo_senco(app):
    with app.app_context():
        return next(u for u in demo_users() if u.role.value == "senco")


def save_many(browser, token, base_url, work, outcomes) -> None:
    for code, version in work:
        body = {"rating": 3, "evidence": "during the race", "version": version}
        response = browser.put(
            f"{base_url}/{code}", json=body, headers={"X-CSRFToken": token}, timeout=60
        )
        outcomes.append((code, response.status_code))


def test_saves_racing_a_submit_are_either_in_the_snapshot_or_refused(live_pg_app, live_pg_server):
    senco = demo_senco(live_pg_app)
    audit_id, slug, standards = answered_audit(live_pg_app, senco.scope, senco.email)
    audit_page = f"{live_pg_server}/schools/{senco.scope}/audits/{slug}"
    answers_api = f"{live_pg_server}/api/v1/schools/{senco.scope}/audits/{slug}/answers"
    savers = [signed_in(live_pg_server, senco.email) for _ in range(SAVERS)]
    tokens = [csrf_from(browser, f"{audit_page}/standards/LG1") for browser in savers]
    submitter = signed_in(live_pg_server, senco.email)
    submit_token = csrf_from(submitter, f"{audit_page}/check")
    shares = [standards[n::SAVERS][:SAVES_EACH] for n in range(SAVERS)]
    outcomes: list[tuple[str, int]] = []
    barrier = threading.Barrier(SAVERS + 1)

    def saver(n: int) -> None:
        barrier.wait()
        save_many(savers[n], tokens[n], answers_api, shares[n], outcomes)

    def submit() -> None:
        barrier.wait()
        submitter.post(f"{audit_page}/submit", data={"csrf_token": submit_token}, timeout=60)

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(SAVERS)]
    threads.append(threading.Thread(target=submit))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert {status for _, status in outcomes} <= {200, 422}, outcomes
    with live_pg_app.app_context():
        audit = db.session.get(Audit, audit_id)
        assert audit.status == "submitted"
        on_screen = dict(
            db.session.execute(
                select(Answer.standard_id, Answer.rating).where(Answer.audit_id == audit_id)
            ).all()
        )
        snapshot = db.session.scalar(
            select(ScoreSnapshot).where(
                ScoreSnapshot.audit_id == audit_id, ScoreSnapshot.stage == "submitted"
            )
        )
        signed = dict(
            db.session.execute(
                select(SnapshotRating.standard_id, SnapshotRating.rating).where(
                    SnapshotRating.snapshot_id == snapshot.id
                )
            ).all()
        )
    assert {k: v for k, v in on_screen.items() if k in signed} == signed
    saved = sum(status == 200 for _, status in outcomes)
    assert sum(rating == 3 for rating in signed.values()) == saved


def test_a_second_submit_of_the_same_audit_is_refused_and_takes_no_second_snapshot(
    live_pg_app, live_pg_server
):
    senco = demo_senco(live_pg_app)
    audit_id, slug, _ = answered_audit(live_pg_app, senco.scope, senco.email)
    audit_page = f"{live_pg_server}/schools/{senco.scope}/audits/{slug}"
    people = [signed_in(live_pg_server, senco.email) for _ in range(2)]
    tokens = [csrf_from(browser, f"{audit_page}/check") for browser in people]
    barrier = threading.Barrier(2)
    results: list[requests.Response] = []

    def submit(n: int) -> None:
        barrier.wait()
        results.append(
            people[n].post(
                f"{audit_page}/submit",
                data={"csrf_token": tokens[n]},
                timeout=60,
                allow_redirects=False,
            )
        )

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with live_pg_app.app_context():
        snapshots = db.session.scalars(
            select(ScoreSnapshot).where(
                ScoreSnapshot.audit_id == audit_id, ScoreSnapshot.stage == "submitted"
            )
        ).all()
    assert len(snapshots) == 1
    assert sorted(r.status_code for r in results) == [302, 400], [r.text[:300] for r in results]
