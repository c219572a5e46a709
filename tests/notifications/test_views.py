"""Administrators see what was sent and what failed, resend, and (demo mode) read the outbox."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.notifications.models import OutboundEmail
from inclusion.notifications.services import send_email
from tests.auth.factories import UserFactory
from tests.conftest import TestSettings, app_in_test_transaction
from tests.email_fixtures import runner
from tests.notifications.helpers import send_password_changed
from tests.pages import PageClient, normalised_text


def admin_of(application) -> PageClient:
    return PageClient(application, UserFactory.with_role(Role.ADMIN))


def rows(page) -> list[str]:
    return [" ".join(r.get_text(" ", strip=True).split()) for r in page.select("tbody tr")]


def test_the_log_filters_by_status_and_kind(smtp_down_app):
    failed = send_password_changed("failed@school.example.org")
    runner(smtp_down_app).pending.clear()
    failed.status, failed.error = "failed", "The mail server could not take the message"
    send_password_changed("queued@school.example.org")
    db.session.commit()
    runner(smtp_down_app).pending.clear()
    admin = admin_of(smtp_down_app)
    everything = rows(admin.get("/admin/emails/"))
    assert len(everything) == 2
    [only_failed] = rows(admin.get("/admin/emails/?status=failed"))
    assert "failed@school.example.org" in only_failed and "Failed" in only_failed
    assert rows(admin.get("/admin/emails/?kind=invitation")) == ["No emails match."]


def test_a_failed_message_is_shown_with_its_history_and_sent_again(smtp_app, smtp_server):
    email = send_password_changed("sam@school.example.org")
    runner(smtp_app).pending.clear()
    email.status, email.attempts, email.error = "failed", 5, "relay refused"
    db.session.commit()
    admin = admin_of(smtp_app)
    page = admin.get(f"/admin/emails/{email.id}")
    assert "relay refused" in normalised_text(page)
    admin.post(f"/admin/emails/{email.id}/resend", status=302)
    runner(smtp_app).run_pending()
    [received] = smtp_server.received
    assert "Dear Sam Taylor" in received.body
    copies = db.session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)).all()
    assert [(c.status, c.to_address) for c in copies] == [
        ("failed", "sam@school.example.org"),
        ("sent", "sam@school.example.org"),
    ]


def test_a_reset_email_is_not_copied_because_its_link_was_removed(smtp_app):
    from inclusion.notifications.kinds import PASSWORD_RESET

    user = UserFactory()
    link = "http://127.0.0.1:5000/set-password/secret-token"
    email = send_email(PASSWORD_RESET, user, {"name": "A", "link": link, "expires": "soon"})
    runner(smtp_app).run_pending()
    db.session.refresh(email)
    assert email.personalisation["link"] == "(link removed once the message was final)"
    admin = admin_of(smtp_app)
    admin.post(f"/admin/emails/{email.id}/resend", status=302)
    page = admin.get(admin.last_response.location)
    assert "The person can ask for a new link" in normalised_text(page)
    assert db.session.query(OutboundEmail).count() == 1


def test_resending_an_invitation_from_the_log_sends_a_new_link(smtp_app, smtp_server):
    from inclusion.auth.invitations import send_invitation

    person = UserFactory(password_hash=None)
    first = send_invitation(person)
    runner(smtp_app).run_pending()
    admin_of(smtp_app).post(f"/admin/emails/{first.id}/resend", status=302)
    runner(smtp_app).run_pending()
    one, two = smtp_server.wait_for(person.email, count=2)
    assert one.body != two.body  # a different link


def test_in_demo_mode_administrators_read_messages_in_the_outbox(app, client, session):
    send_password_changed("demo@school.example.org")
    app.extensions["job_runner"].run_pending()
    admin = admin_of(app)
    outbox = admin.get("/admin/outbox/")
    link = outbox.find("a", string="Your Inclusion Portal password has been changed")
    message = admin.get(link["href"])
    assert "Dear Sam Taylor" in message.select_one("pre").get_text()


def test_outside_demo_mode_there_is_no_outbox(app, session):
    class Production(TestSettings):
        DEMO_MODE = False

    live = app_in_test_transaction(Production, app)
    admin_of(live).get("/admin/outbox/", status=404)


def test_outside_demo_mode_without_a_mail_service_a_message_fails_visibly(app, session):
    class Unconfigured(TestSettings):
        DEMO_MODE = False

    live = app_in_test_transaction(Unconfigured, app)
    with live.app_context():
        email = send_password_changed("nobody@school.example.org")
        runner(live).run_pending()
        db.session.refresh(email)
    assert email.status == "failed"
    assert "set NOTIFY_API_KEY or SMTP_HOST" in email.error


def test_the_retry_command_queues_what_is_due(smtp_down_app):
    from datetime import timedelta

    from inclusion.db_types import utcnow

    email = send_password_changed("due@school.example.org")
    runner(smtp_down_app).pending.clear()
    email.status, email.retry_at = "retrying", utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = smtp_down_app.test_cli_runner().invoke(args=["notifications", "retry-due"])
    assert result.exit_code == 0 and "Queued 1 email(s)." in result.output
