"""Real servers on loopback for email tests: an SMTP server (aiosmtpd) and a stand-in for
GOV.UK Notify's API that records what the official client sends. Used by the browser tests too."""

from __future__ import annotations

import email
import json
import socket
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

SMTP_USER = "portal-mailer"
SMTP_PASSWORD = "relay password for tests"
REFUSED_DOMAIN = "refused.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 made by the openssl command, as a relay's own CA would."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    names = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        [*request, "-keyout", str(key), "-out", str(cert), *names],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Received:
    envelope_from: str
    recipients: list[str]
    message: Message
    logged_in_as: str | None
    over_tls: bool

    @property
    def body(self) -> str:
        return self.message.get_payload(decode=True).decode()


@dataclass
class MailHandler:
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@" + REFUSED_DOMAIN):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            Received(
                envelope_from=envelope.mail_from,
                recipients=list(envelope.rcpt_tos),
                message=email.message_from_bytes(envelope.original_content),
                logged_in_as=session.auth_data.login.decode() if session.auth_data else None,
                over_tls=session.ssl is not None,
            )
        )
        return "250 Message accepted"


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (SMTP_USER, SMTP_PASSWORD)
    return AuthResult(success=ok, auth_data=auth_data if ok else None)


class SmtpServer:
    """aiosmtpd on 127.0.0.1: plain, or requiring STARTTLS and a login (`tls_context`)."""

    def __init__(self, tls_context=None, port: int | None = None) -> None:
        self.handler = MailHandler()
        self.port = port or free_port()
        options: dict[str, Any] = {}
        if tls_context is not None:
            options = {
                "tls_context": tls_context,
                "require_starttls": True,
                "auth_required": True,
                "authenticator": check_login,
            }
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def wait_for(self, address: str, count: int = 1, timeout: float = 15) -> list[Received]:
        """The messages to `address`, once `count` have arrived (jobs run on other threads)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.received if address in m.recipients]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no email to {address} arrived within {timeout} seconds")


@dataclass
class NotifyRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class FakeNotify:
    """An HTTP server on 127.0.0.1 answering as Notify's email endpoint does, recording requests.

    `answer_with` sets the status of the next answers (201 by default; 500 or 400 to fail)."""

    def __init__(self) -> None:
        self.requests: list[NotifyRequest] = []
        self.status = 201
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> FakeNotify:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer_with(self, status: int) -> None:
        self.status = status

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(
                    NotifyRequest("POST", self.path, dict(self.headers.items()), body)
                )
                self._answer(fake.status, fake.answer_body(fake.status, body))

            def _answer(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                """Keep the test output free of one line per request."""

        return Handler

    @staticmethod
    def answer_body(status: int, request: dict[str, Any]) -> dict[str, Any]:
        if status == 201:
            return {
                "id": str(uuid.uuid4()),
                "reference": request.get("reference"),
                "content": {"subject": "subject", "body": "body", "from_email": "x@example"},
                "template": {"id": request.get("template_id"), "version": 1, "uri": ""},
                "uri": "",
            }
        error = "Exception" if status >= 500 else "BadRequestError"
        return {"status_code": status, "errors": [{"error": error, "message": f"{status} test"}]}
