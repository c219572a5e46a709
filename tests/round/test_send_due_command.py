"""Without Redis, `send-due` sends the mail before it exits (a cron job has no worker)."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade

from inclusion import create_app
from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.roles import Role
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.schools.models import AcademicYear, School
from inclusion.uk_time import uk_today
from tests.browser.conftest import recreate_postgres_database
from tests.notifications.servers import SmtpServer


def command_database_url() -> str:
    """A database of its own: the worker thread commits for real, outside any test rollback."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        return recreate_postgres_database(url, suffix="_send_due")
    folder = Path(tempfile.mkdtemp(prefix="inclusion-send-due-"))
    return f"sqlite:///{folder / 'send-due.sqlite'}"


def test_without_redis_the_command_has_sent_the_mail_when_it_returns():
    server = SmtpServer().start()

    class CronSettings(TestConfig):
        SQLALCHEMY_DATABASE_URI = command_database_url()
        JOB_RUNNER = "thread"
        SMTP_HOST = "127.0.0.1"
        SMTP_PORT = server.port
        SMTP_STARTTLS = False

    app = create_app(CronSettings)
    try:
        with app.app_context():
            upgrade()
            _a_school_whose_audit_is_due_in_a_week()
            db.session.remove()
        result = app.test_cli_runner().invoke(args=["notifications", "send-due"])
        assert result.exit_code == 0, result.output
        # No waiting here: the command returned only after the worker thread had sent.
        assert sorted(r.recipients[0] for r in server.received) == ["senco@cron.example.org"]
        again = app.test_cli_runner().invoke(args=["notifications", "send-due"])
        assert "Queued 0 notice(s)" in again.output
        assert len(server.received) == 1
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()


def _a_school_whose_audit_is_due_in_a_week() -> None:
    today = uk_today()
    year = AcademicYear(
        label="2026/27",
        start_date=today - timedelta(days=90),
        end_date=today + timedelta(days=270),
        is_current=True,
        audit_opens_on=today - timedelta(days=14),
        audit_due_on=today + timedelta(days=7),
    )
    school = School(urn="999001", name="Cron Test Primary School", phase="primary")
    senco = User(email="senco@cron.example.org", display_name="Casey Cron")
    senco.roles.append(RoleAssignment(role=Role.SENCO.value, school=school))
    db.session.add_all([year, school, senco])
    db.session.commit()
