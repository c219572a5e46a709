"""A portal of its own on a live server, sending its email through a real SMTP server on
loopback, for the browser journeys that read the messages back."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import make_server

from inclusion import create_app
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.seeding import seed_demo_users, seed_reference_data
from tests.browser.conftest import recreate_postgres_database, require_frontend_assets
from tests.notifications.servers import SmtpServer


def own_database_url(name: str) -> str:
    """A database of the journey's own: its sends and password changes touch no other test."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        return recreate_postgres_database(url, suffix=f"_browser_{name}")
    folder = Path(tempfile.mkdtemp(prefix=f"inclusion-browser-{name}-"))
    return f"sqlite:///{folder / 'browser.sqlite'}"


@contextmanager
def mail_site(
    name: str, mail_server: SmtpServer, prepare: Callable[[], Any] = lambda: None
) -> Iterator[tuple[str, Flask, Any]]:
    """Yield (base URL, app, what `prepare` returned) for a portal seeded with the demo users,
    sending through SMTP from its worker thread."""
    require_frontend_assets()

    class MailSettings(TestConfig):
        SQLALCHEMY_DATABASE_URI = own_database_url(name)
        WTF_CSRF_ENABLED = True
        RATELIMIT_ENABLED = False
        JOB_RUNNER = "thread"
        SMTP_HOST = "127.0.0.1"
        SMTP_PORT = mail_server.port
        SMTP_STARTTLS = False

    app = create_app(MailSettings)
    with app.app_context():
        upgrade()
        seed_reference_data()
        seed_demo_users()
        prepared = prepare()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_BASE_URL"] = url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url, app, prepared
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["job_runner"].wait(timeout=30)
        with app.app_context():
            db.engine.dispose()
