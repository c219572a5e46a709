"""A real threaded server on PostgreSQL (its own database), for races and faults."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import BaseWSGIServer, make_server

from inclusion import create_app
from inclusion.audit.framework_store import load_framework_file
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.seeding import framework_files, seed_demo_users, seed_reference_data
from tests.browser.conftest import recreate_postgres_database

NOT_POSTGRES = (
    "races and backend faults need PostgreSQL's concurrent writers; SQLite serialises them"
)


@pytest.fixture(scope="session")
def live_pg_app() -> Flask:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip(NOT_POSTGRES)
    live_url = recreate_postgres_database(url, suffix="_live")

    class LiveSettings(TestConfig):
        SQLALCHEMY_DATABASE_URI = live_url
        WTF_CSRF_ENABLED = True
        RATELIMIT_ENABLED = False  # many sign-ins from one loopback address, by design

    app = create_app(LiveSettings)
    with app.app_context():
        upgrade()
        seed_reference_data()
        for path in framework_files():
            load_framework_file(path)
        seed_demo_users()
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def live_pg_server(live_pg_app: Flask) -> Iterator[str]:
    server: BaseWSGIServer = make_server("127.0.0.1", 0, live_pg_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with live_pg_app.app_context():
        db.engine.dispose()
