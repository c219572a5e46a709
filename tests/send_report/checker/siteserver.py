"""Real HTTP servers for the checker tests: ThreadingHTTPServer on 127.0.0.1, port 0.

A SiteServer serves one fixture "school website" from a folder ({{PLACEHOLDERS}} in HTML
replaced) and a few special routes: a redirect loop, redirect chains, a redirect to a
private address, a huge page, a slow page, a page that 404s the second time, an image.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".txt": "text/plain"}
HUGE_BYTES = 20 * 1024 * 1024
SLOW_SECONDS = 3.0
DRIP_SECONDS = 1.0
DRIP_BYTES = 120
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class SiteHandler(BaseHTTPRequestHandler):
    server: SiteHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read hits and user agents, not a request log."""

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[path] += 1
            self.server.agents.append(self.headers.get("User-Agent", ""))
            count = self.server.hits[path]
        try:
            for pattern, route in ROUTES:
                match = re.fullmatch(pattern, path)
                if match:
                    route(self, match, count, head)
                    return
            self._file(path, head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker stopped reading, as it should for huge pages

    def send(self, status: int, body: bytes, content_type: str, head: bool, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def redirect(self, location: str, head: bool) -> None:
        self.send(302, b"", "text/html", head, Location=location)

    def _file(self, path: str, head: bool) -> None:
        target = self._find(path)
        if target is None:
            self.send(404, b"<h1>Not found</h1>", "text/html", head)
            return
        body = target.read_bytes()
        if target.suffix == ".html":
            text = body.decode("utf-8")
            for key, value in self.server.substitutions.items():
                text = text.replace(key, value)
            body = text.encode("utf-8")
        self.send(200, body, TYPES.get(target.suffix, "application/octet-stream"), head)

    def _find(self, path: str) -> Path | None:
        """The file for a path: itself, its index.html, or the path plus .html."""
        root = self.server.root
        if root is None:
            return None
        base = root / path.lstrip("/")
        for candidate in (base, base / "index.html", base.with_name(base.name + ".html")):
            inside = candidate.resolve().is_relative_to(root.resolve())
            if inside and candidate.is_file():
                return candidate
        return None


def _loop(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    other = "b" if match.group(1) == "a" else "a"
    handler.redirect(f"/loop/{other}", head)


def _chain(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    left = int(match.group(1))
    if left == 0:
        handler.send(200, b"<html><title>End</title><p>End of chain.</p></html>", "text/html", head)
    else:
        handler.redirect(f"/chain/{left - 1}", head)


def _to_private(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    handler.redirect(f"http://{match.group(1)}/admin", head)


def _huge(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(HUGE_BYTES))
    handler.end_headers()
    if head:
        return
    line = b"<p>Special educational needs information, repeated to make a very big page.</p>\n"
    block = line * (65536 // len(line))
    sent = 0
    while sent < HUGE_BYTES:
        piece = block[: HUGE_BYTES - sent]
        handler.wfile.write(piece)
        sent += len(piece)
        handler.server.bytes_sent += len(piece)


def _slow(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    time.sleep(SLOW_SECONDS)
    handler.send(200, b"<html><p>At last.</p></html>", "text/html", head)


def _drip(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    """A page whose body arrives one byte a second: each byte is on time, the page is not."""
    body = b"<html><title>SEND Information Report</title><p>" + b"x" * DRIP_BYTES + b"</p></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if head:
        return
    for index in range(len(body)):
        handler.wfile.write(body[index : index + 1])
        handler.wfile.flush()
        time.sleep(DRIP_SECONDS)


def _drip_headers(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    """The status line and headers arrive one byte a second."""
    raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"y" * 200 + b"\r\n\r\n"
    handler.close_connection = True
    for index in range(len(raw)):
        handler.wfile.write(raw[index : index + 1])
        handler.wfile.flush()
        time.sleep(DRIP_SECONDS)


def _calendar(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    """A trap: every month links to the next, for ever, each link worded to look useful."""
    month = int(match.group(1))
    body = (
        f'<html><title>SEND events calendar</title><p>Month {month}.</p><a href="/calendar/'
        f'{month + 1}">SEND events calendar: next month</a></html>'
    ).encode()
    handler.send(200, body, "text/html", head)


def _old_offer(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    handler.redirect("/local-offer", head)


def _once(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    if count > 1:
        handler.send(404, b"<h1>This page has been removed</h1>", "text/html", head)
    else:
        handler._file(match.group(0), head)


def _image(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    handler.send(200, PNG, "image/png", head)


def _status(handler: SiteHandler, match: re.Match[str], count: int, head: bool) -> None:
    handler.send(int(match.group(1)), b"<h1>Status</h1>", "text/html", head)


Route = Callable[[SiteHandler, re.Match[str], int, bool], None]
ROUTES: list[tuple[str, Route]] = [
    (r"/loop/([ab])", _loop),
    (r"/chain/(\d+)", _chain),
    (r"/to-private/([\d.]+)", _to_private),
    (r"/huge", _huge),
    (r"/slow", _slow),
    (r"/once/.*", _once),
    (r"/drip(?:/.*)?", _drip),
    (r"/drip-headers", _drip_headers),
    (r"/calendar/(\d+)", _calendar),
    (r"/old-local-offer", _old_offer),
    (r"/photo", _image),
    (r"/status/(\d{3})", _status),
]


class SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path | None, substitutions: dict[str, str]) -> None:
        super().__init__(("127.0.0.1", 0), SiteHandler)
        self.root = root
        self.substitutions = substitutions
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.bytes_sent = 0
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (as the checker does) are not errors here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


def start_server(root: Path | None, substitutions: dict[str, str] | None = None) -> SiteHTTPServer:
    server = SiteHTTPServer(root, substitutions or {})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
