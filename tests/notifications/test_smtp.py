"""Sending through a real SMTP server on loopback: STARTTLS, login, retries, failure."""

from __future__ import annotations

from datetime import timedelta

from inclusion.db_types import utcnow
from inclusion.extensions import db
from inclusion.notifications.models import OutboundEmail
from inclusion.notifications.services import deliver
from tests.email_fixtures import runner
from tests.notifications.helpers import send_password_changed
from tests.notifications.servers import REFUSED_DOMAIN, SMTP_USER, SmtpServer


def test_a_message_is_sent_over_starttls_after_login_and_recorded_as_sent(smtp_app, smtp_server):
    email = send_password_changed("Sam.Taylor@School.example.org")
    assert email.status == "queued" and smtp_server.received == []  # nothing sent in the call

    assert runner(smtp_app).run_pending() == 1

    [received] = smtp_server.received
    assert received.recipients == ["sam.taylor@school.example.org"]
    assert received.over_tls and received.logged_in_as == SMTP_USER
    assert received.message["Subject"] == "Your Inclusion Portal password has been changed"
    assert received.message["From"] == "Inclusion Portal <no-reply@portal.example.org>"
    assert "Dear Sam Taylor" in received.body
    assert "http://127.0.0.1:5000/sign-in" in received.body
    db.session.refresh(email)
    assert (email.status, email.attempts, email.backend) == ("sent", 1, "smtp")
    assert email.provider_reference == received.message["Message-ID"]
    assert [step.status for step in email.history] == ["queued", "sent"]
    assert email.body is None  # only the demo outbox keeps whole messages


def test_a_message_delivered_twice_is_sent_once(smtp_app, smtp_server):
    email = send_password_changed("once@school.example.org")
    deliver(email.id)
    deliver(email.id)
    runner(smtp_app).run_pending()
    assert len(smtp_server.received) == 1


def test_with_the_relay_down_a_message_is_retried_with_back_off_then_marked_failed(
    smtp_down_app,
):
    email = send_password_changed("unlucky@school.example.org")
    jobs = runner(smtp_down_app)
    delays = []
    for _ in range(5):
        before = utcnow()
        jobs.run_pending()
        db.session.refresh(email)
        if email.status == "retrying":
            assert email.retry_at - before >= timedelta(seconds=60 * 4 ** (email.attempts - 1))
        delays += jobs.release_scheduled()
    assert delays == [60, 240, 960, 3840]
    assert (email.status, email.attempts, email.retry_at) == ("failed", 5, None)
    assert "could not take the message" in email.error
    assert [s.status for s in email.history] == ["queued"] + ["retrying"] * 4 + ["failed"]
    assert jobs.pending == [] and jobs.scheduled == []


def test_a_message_waiting_to_retry_is_sent_once_the_relay_is_back(smtp_down_app, tls_context):
    email = send_password_changed("patient@school.example.org")
    runner(smtp_down_app).run_pending()
    db.session.refresh(email)
    assert email.status == "retrying"

    relay = SmtpServer(tls_context, port=smtp_down_app.config["SMTP_PORT"]).start()
    try:
        runner(smtp_down_app).release_scheduled()
        runner(smtp_down_app).run_pending()
    finally:
        relay.stop()
    db.session.refresh(email)
    assert (email.status, email.attempts, email.error) == ("sent", 2, "")
    assert [m.recipients for m in relay.received] == [["patient@school.example.org"]]


def test_an_address_the_relay_refuses_fails_at_once_without_retrying(smtp_app, smtp_server):
    email = send_password_changed(f"nobody@{REFUSED_DOMAIN}")
    runner(smtp_app).run_pending()
    db.session.refresh(email)
    assert (email.status, email.attempts) == ("failed", 1)
    assert "refused the address" in email.error
    assert runner(smtp_app).scheduled == []


def test_the_retry_sweep_queues_only_messages_that_are_due(smtp_down_app):
    from inclusion.notifications.services import queue_due_retries

    due = send_password_changed("due@school.example.org")
    later = send_password_changed("later@school.example.org")
    runner(smtp_down_app).pending.clear()
    for email, retry_at in (
        (due, utcnow() - timedelta(seconds=1)),
        (later, utcnow() + timedelta(hours=1)),
    ):
        email.status, email.retry_at = "retrying", retry_at
    db.session.commit()
    assert queue_due_retries() == 1
    assert [args for _, args in runner(smtp_down_app).pending] == [(due.id,)]
    assert db.session.get(OutboundEmail, later.id).status == "retrying"


def test_an_unexpected_error_while_sending_is_retried_not_left_half_sent(smtp_app):
    email = send_password_changed("sam@school.example.org")
    smtp_app.config["SMTP_PORT"] = "not a port"  # smtplib raises an error of its own kind
    runner(smtp_app).run_pending()
    db.session.refresh(email)
    assert (email.status, email.attempts) == ("retrying", 1)
    assert email.error.startswith("Sending stopped unexpectedly")
