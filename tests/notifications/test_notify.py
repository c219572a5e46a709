"""GOV.UK Notify through the official client, against a local server that checks each request."""

from __future__ import annotations

import time

import jwt

from inclusion.extensions import db
from tests.email_fixtures import SECRET, SERVICE_ID, TEMPLATES, runner
from tests.notifications.helpers import send_password_changed


def test_the_official_client_posts_template_personalisation_and_a_signed_token(
    notify_app, fake_notify
):
    email = send_password_changed("head@school.example.org")
    runner(notify_app).run_pending()

    [request] = fake_notify.requests
    assert (request.method, request.path) == ("POST", "/v2/notifications/email")
    assert request.body == {
        "email_address": "head@school.example.org",
        "template_id": TEMPLATES["NOTIFY_TEMPLATE_PASSWORD_CHANGED"],
        "personalisation": {
            "name": "Sam Taylor",
            "changed_at": "2 December 2026 at 5:30pm",
            "sign_in_link": "http://127.0.0.1:5000/sign-in",
            "service_name": "Inclusion Portal",
            "council_name": "Somerset Council",
        },
        "reference": f"inclusion-{email.id}",
    }
    assert request.headers["User-agent"].startswith("NOTIFY-API-PYTHON-CLIENT/")
    scheme, token = request.headers["Authorization"].split(" ")
    assert scheme == "Bearer"
    assert jwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256"}
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["iss"] == SERVICE_ID
    assert abs(claims["iat"] - time.time()) < 30
    db.session.refresh(email)
    assert (email.status, email.backend) == ("sent", "notify")
    assert len(email.provider_reference) == 36  # the notification id Notify answered with


def test_notify_unavailable_is_retried_and_a_refused_request_fails_at_once(notify_app, fake_notify):
    fake_notify.answer_with(500)
    email = send_password_changed("retry@school.example.org")
    runner(notify_app).run_pending()
    db.session.refresh(email)
    assert (email.status, email.attempts) == ("retrying", 1)
    assert "GOV.UK Notify answered 500" in email.error

    fake_notify.answer_with(400)
    runner(notify_app).release_scheduled()
    runner(notify_app).run_pending()
    db.session.refresh(email)
    assert (email.status, email.attempts) == ("failed", 2)
    assert "answered 400: 400 test" in email.error
    assert runner(notify_app).scheduled == []


def test_a_kind_without_its_template_id_fails_naming_the_setting(notify_app, fake_notify):
    notify_app.config["NOTIFY_TEMPLATE_PASSWORD_CHANGED"] = ""
    email = send_password_changed("head@school.example.org")
    runner(notify_app).run_pending()
    db.session.refresh(email)
    assert email.status == "failed"
    assert "NOTIFY_TEMPLATE_PASSWORD_CHANGED" in email.error
    assert fake_notify.requests == []


def test_notify_is_chosen_over_smtp_when_both_are_configured(notify_app, fake_notify):
    notify_app.config["SMTP_HOST"] = "127.0.0.1"
    send_password_changed("head@school.example.org")
    runner(notify_app).run_pending()
    assert len(fake_notify.requests) == 1


def test_with_notify_unreachable_the_message_waits_to_retry(notify_app, fake_notify):
    fake_notify.stop()
    email = send_password_changed("head@school.example.org")
    runner(notify_app).run_pending()
    db.session.refresh(email)
    assert (email.status, email.attempts) == ("retrying", 1)
    # The client reports a refused connection as a 503 of its own making.
    assert email.error == "GOV.UK Notify answered 503: Request failed"
    assert runner(notify_app).scheduled[0][0] == 60
