"""Where messages go: GOV.UK Notify, an SMTP relay, or (demo mode) the portal's own outbox.

A backend sends one message and returns the provider's reference, or raises SendFailed. A
failure is `permanent` when trying again cannot help (a refused address, a missing template,
a rejected API key); otherwise the message is tried again later.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any, Protocol

from notifications_python_client import NotificationsAPIClient
from notifications_python_client.errors import HTTPError

from inclusion.notifications.kinds import EmailKind

# Notify answers these when the request itself is wrong: sending it again will not help.
NOTIFY_PERMANENT_STATUSES = {400, 403}


class SendFailed(Exception):
    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    """What a backend needs: the recipient, the kind, its personalisation and our reference."""

    to: str
    kind: EmailKind
    personalisation: Mapping[str, str]
    reference: str

    def rendered(self) -> tuple[str, str]:
        return self.kind.render(self.personalisation)


class Backend(Protocol):
    name: str

    def send(self, message: Outgoing) -> str: ...


class NotifyBackend:
    """GOV.UK Notify through its official client: one template per kind, with personalisation."""

    name = "notify"

    def __init__(self, api_key: str, base_url: str, template_ids: Mapping[str, str]) -> None:
        self.api_key = api_key
        self.base_url = base_url
        self.template_ids = dict(template_ids)

    def send(self, message: Outgoing) -> str:
        template_id = self.template_ids.get(message.kind.name)
        if not template_id:
            raise SendFailed(
                f"Set {message.kind.notify_template_setting} to the Notify template id",
                permanent=True,
            )
        # The client keeps a requests session and is not thread-safe: one per message.
        client = NotificationsAPIClient(self.api_key, base_url=self.base_url, timeout=20)
        try:
            response = client.send_email_notification(
                email_address=message.to,
                template_id=template_id,
                personalisation=dict(message.personalisation),
                reference=message.reference,
            )
        except HTTPError as error:
            permanent = error.status_code in NOTIFY_PERMANENT_STATUSES
            raise SendFailed(_notify_error(error), permanent) from error
        return str(response.get("id", ""))


def _notify_error(error: HTTPError) -> str:
    messages = error.message if isinstance(error.message, list) else [error.message]
    text = "; ".join(str(m.get("message", m)) if isinstance(m, dict) else str(m) for m in messages)
    return f"GOV.UK Notify answered {error.status_code}: {text}"[:500]


class SmtpBackend:
    """An SMTP relay: STARTTLS (certificate checked) before credentials, when configured."""

    name = "smtp"

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.host = settings["SMTP_HOST"]
        self.port = int(settings["SMTP_PORT"])
        self.username = settings.get("SMTP_USERNAME", "")
        self.password = settings.get("SMTP_PASSWORD", "")
        self.starttls = bool(settings.get("SMTP_STARTTLS", True))
        self.ca_file = settings.get("SMTP_CA_FILE") or None
        self.timeout = float(settings.get("SMTP_TIMEOUT_SECONDS", 20))
        self.mail_from = settings["MAIL_FROM"]

    def send(self, message: Outgoing) -> str:
        email = self._message(message)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as connection:
                self._secure_and_log_in(connection)
                connection.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            raise SendFailed(f"The mail server refused the address: {error}"[:500], True) from error
        except smtplib.SMTPAuthenticationError as error:
            raise SendFailed(
                f"The mail server refused the credentials: {error.smtp_code}"
            ) from error
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            raise SendFailed(
                f"The mail server could not take the message: {error}"[:500]
            ) from error
        return email["Message-ID"]

    def _secure_and_log_in(self, connection: smtplib.SMTP) -> None:
        connection.ehlo()
        if self.starttls:
            connection.starttls(context=ssl.create_default_context(cafile=self.ca_file))
            connection.ehlo()
        if self.username:
            connection.login(self.username, self.password)

    def _message(self, message: Outgoing) -> EmailMessage:
        subject, body = message.rendered()
        email = EmailMessage()
        email["From"] = self.mail_from
        email["To"] = message.to
        email["Subject"] = subject
        email["Message-ID"] = make_msgid(idstring=message.reference)
        email["X-Inclusion-Reference"] = message.reference
        email.set_content(body)
        return email


class OutboxBackend:
    """Demo mode: the message is kept for administrators to read at /admin/outbox."""

    name = "outbox"

    def send(self, message: Outgoing) -> str:
        return f"outbox-{message.reference}"


class NoBackend:
    """Neither Notify nor SMTP is configured outside demo mode: every message fails visibly."""

    name = "none"

    def send(self, message: Outgoing) -> str:
        raise SendFailed(
            "No email service is configured: set NOTIFY_API_KEY or SMTP_HOST", permanent=True
        )


def backend_for(settings: Mapping[str, Any]) -> Backend:
    """Notify when NOTIFY_API_KEY is set, else SMTP when SMTP_HOST is set, else the outbox."""
    if settings.get("NOTIFY_API_KEY"):
        from inclusion.notifications.kinds import KINDS

        templates = {name: settings.get(k.notify_template_setting, "") for name, k in KINDS.items()}
        return NotifyBackend(settings["NOTIFY_API_KEY"], settings["NOTIFY_BASE_URL"], templates)
    if settings.get("SMTP_HOST"):
        return SmtpBackend(settings)
    if settings.get("DEMO_MODE"):
        return OutboxBackend()
    return NoBackend()
