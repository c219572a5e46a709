"""The embedded default, a SQLite file behind a real threaded server: a school's staff saving
at the same moment all succeed, and a database file that disappears fails loudly."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import requests
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import make_server

from inclusion import create_app
from inclusion.audit.framework_store import load_framework_file
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.seeding import demo_users, framework_files, seed_demo_users, seed_reference_data
from tests.live.test_concurrency import csrf_from, fresh_audit, signed_in

SAVERS = 8


@pytest.fixture(scope="module")
def sqlite_file_app(tmp_path_factory) -> Flask:
    path = tmp_path_factory.mktemp("embedded") / "portal.sqlite"

    class FileSettings(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{path}"
        WTF_CSRF_ENABLED = True

    app = create_app(FileSettings)
    app.config["DATABASE_PATH"] = path
    with app.app_context():
        upgrade()
        seed_reference_data()
        for framework in framework_files():
            load_framework_file(framework)
        seed_demo_users()
        db.session.remove()
    return app


@pytest.fixture(scope="module")
def sqlite_file_server(sqlite_file_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, sqlite_file_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with sqlite_file_app.app_context():
        db.engine.dispose()


def senco_of(app):
    with app.app_context():
        return next(u for u in demo_users() if u.role.value == "senco")


def test_staff_saving_different_answers_at_the_same_moment_all_succeed(
    sqlite_file_app, sqlite_file_server
):
    senco = senco_of(sqlite_file_app)
    _, slug = fresh_audit(sqlite_file_app, senco.scope, senco.email)
    page = f"{sqlite_file_server}/schools/{senco.scope}/audits/{slug}/standards/LG1"
    api = f"{sqlite_file_server}/api/v1/schools/{senco.scope}/audits/{slug}/answers"
    people = [signed_in(sqlite_file_server, senco.email) for _ in range(SAVERS)]
    tokens = [csrf_from(browser, page) for browser in people]
    codes = ["LG1", "LG2", "LG3", "TL1", "TL2", "TL3", "PW1", "PW2"]
    barrier = threading.Barrier(SAVERS)
    statuses: list[int] = []

    def save(n: int) -> None:
        barrier.wait()
        body = {"rating": 2, "evidence": f"saved by person {n}", "version": 0}
        response = people[n].put(
            f"{api}/{codes[n]}", json=body, headers={"X-CSRFToken": tokens[n]}, timeout=60
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * SAVERS


def test_a_database_file_that_disappears_fails_saves_and_the_health_check_loudly(
    sqlite_file_app, sqlite_file_server
):
    senco = senco_of(sqlite_file_app)
    _, slug = fresh_audit(sqlite_file_app, senco.scope, senco.email)
    page = f"{sqlite_file_server}/schools/{senco.scope}/audits/{slug}/standards/LG1"
    browser = signed_in(sqlite_file_server, senco.email)
    token = csrf_from(browser, page)
    assert requests.get(f"{sqlite_file_server}/healthz", timeout=10).status_code == 200

    path = sqlite_file_app.config["DATABASE_PATH"]
    path.rename(path.with_suffix(".moved"))
    try:
        response = browser.put(
            f"{sqlite_file_server}/api/v1/schools/{senco.scope}/audits/{slug}/answers/LG1",
            json={"rating": 3, "version": 0},
            headers={"X-CSRFToken": token},
            timeout=30,
        )
        health = requests.get(f"{sqlite_file_server}/healthz", timeout=10)
    finally:
        path.with_suffix(".moved").rename(path)

    assert response.status_code == 503
    assert health.status_code == 503
