"""A safe HTTP fetcher: public addresses only, bounded redirects, time and size; typed outcomes.

Nothing here raises for network trouble: every request ends in a FetchResult whose outcome
says what happened and whose message says it in plain words. Scripts are never run: bodies
are only read as bytes.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

from inclusion.send_report.checker.addresses import (
    AddressRefused,
    PinnedAdapter,
    SocketWatch,
    checked_addresses,
)
from inclusion.send_report.checker.settings import CheckerSettings

CHUNK = 64 * 1024
DOCUMENT_KINDS = frozenset({"html", "pdf"})
ANY_KIND = frozenset({"html", "pdf", "text", "other"})
AMBIGUOUS_TYPES = {"", "application/octet-stream", "binary/octet-stream", "application/download"}
REDIRECT_CODES = {301, 302, 303, 307, 308}


class Outcome(StrEnum):
    OK = "ok"
    BAD_URL = "bad_url"
    REFUSED_SCHEME = "refused_scheme"
    REFUSED_ADDRESS = "refused_address"
    DNS_ERROR = "dns_error"
    CONNECTION_ERROR = "connection_error"
    TLS_ERROR = "tls_error"
    TIMEOUT = "timeout"
    DEADLINE = "deadline"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    REDIRECT_LOOP = "redirect_loop"
    HTTP_STATUS = "http_status"
    UNSUPPORTED_CONTENT = "unsupported_content"


@dataclass(frozen=True)
class FetchResult:
    url: str
    outcome: Outcome
    message: str = ""
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    kind: str = ""
    body: bytes = b""
    truncated: bool = False
    encoding: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


class Deadline:
    """The overall time allowed for one check."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._ends = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self._ends - self._clock())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0


class Limit:
    """The wall-clock limit of one request (its redirects included)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._ends - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0


def seconds_text(seconds: float) -> str:
    return "1 second" if seconds == 1 else f"{seconds:g} seconds"


def content_kind(content_type: str, head: bytes = b"") -> str:
    """ "html", "pdf", "text" or "other" from the Content-Type, sniffing when it is vague."""
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type in ("application/pdf", "application/x-pdf"):
        return "pdf"
    if content_type.startswith("text/"):
        return "text"
    if content_type in AMBIGUOUS_TYPES:
        start = head.lstrip()[:64].lower()
        if start.startswith(b"%pdf-"):
            return "pdf"
        if start.startswith((b"<!doctype html", b"<html")):
            return "html"
    return "other"


class SafeFetcher:
    """One requests.Session for one check; use as a context manager."""

    def __init__(self, settings: CheckerSettings, deadline: Deadline) -> None:
        self.settings = settings
        self.deadline = deadline
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies or .netrc from the environment
        self.watch = SocketWatch()
        self.adapter = PinnedAdapter(allow_loopback=settings.allow_loopback, watch=self.watch)
        self.session.mount("http://", self.adapter)
        self.session.mount("https://", self.adapter)
        self.session.headers.update(
            {
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            }
        )

    def __enter__(self) -> SafeFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    def get(self, url: str, accept: Collection[str] = DOCUMENT_KINDS) -> FetchResult:
        return self._follow(url, "GET", accept, read_body=True)

    def probe(self, url: str) -> FetchResult:
        """HEAD, then GET when HEAD does not give 2xx (many servers mishandle HEAD)."""
        result = self._follow(url, "HEAD", ANY_KIND, read_body=False)
        if result.outcome is Outcome.HTTP_STATUS:
            result = self._follow(url, "GET", ANY_KIND, read_body=False)
        return result

    def _follow(
        self, url: str, method: str, accept: Collection[str], read_body: bool
    ) -> FetchResult:
        """One request with its redirects, under a hard wall-clock limit: a timer cuts the
        sockets when the limit passes, whether the server is slow to connect, to send its
        headers or to send its body."""
        limit = self._timeout()
        timer = threading.Timer(limit, self.watch.cut_all, (self.watch.arm(),))
        timer.daemon = True
        timer.start()
        try:
            return self._hops(url, method, accept, read_body, Limit(limit))
        finally:
            timer.cancel()
            if self.watch.cut:
                self.adapter.poolmanager.clear()  # cut connections are never reused
            self.watch.arm()  # a timer that fires late now cuts nothing

    def _hops(
        self, url: str, method: str, accept: Collection[str], read_body: bool, limit: Limit
    ) -> FetchResult:
        current, seen, redirects = url, {url}, []
        for hop in range(self.settings.max_redirects + 1):
            sent = self._precheck(url, current) or self._send(method, url, current, limit)
            if isinstance(sent, FetchResult):
                return replace(sent, redirects=tuple(redirects))
            with sent:
                target = self._redirect_target(current, sent)
                if target is None:
                    result = self._finish(url, sent, accept, read_body, limit)
                    return replace(result, redirects=tuple(redirects))
            if target in seen:
                return self._fail(url, Outcome.REDIRECT_LOOP, "The website redirects in a loop")
            if hop == self.settings.max_redirects:
                break
            seen.add(target)
            redirects.append(target)
            current, method = target, ("GET" if sent.status_code == 303 else method)
        limit_count = self.settings.max_redirects
        return self._fail(
            url, Outcome.TOO_MANY_REDIRECTS, f"Too many redirects (more than {limit_count})"
        )

    @staticmethod
    def _redirect_target(current: str, response: requests.Response) -> str | None:
        location = response.headers.get("Location")
        if response.status_code not in REDIRECT_CODES or not location:
            return None
        return urljoin(current, location.strip())

    @staticmethod
    def _fail(url: str, outcome: Outcome, message: str) -> FetchResult:
        return FetchResult(url=url, outcome=outcome, message=message)

    def _precheck(self, url: str, current: str) -> FetchResult | None:
        """Refuse before any connection: bad scheme, non-public address, no time left."""
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https"):
            return self._fail(
                url,
                Outcome.REFUSED_SCHEME,
                f"Only http and https web addresses can be checked, not {parts.scheme or 'this'}",
            )
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            if not parts.hostname:
                raise ValueError("no host")
            checked_addresses(parts.hostname, port, self.settings.allow_loopback)
        except ValueError:
            return self._fail(url, Outcome.BAD_URL, f"This is not a valid web address: {current}")
        except AddressRefused as refused:
            return self._refused(url, refused)
        except (socket.gaierror, UnicodeError):
            return self._fail(
                url,
                Outcome.DNS_ERROR,
                "The website could not be reached: the address could not be found",
            )
        if self.deadline.expired:
            return self._out_of_time(url)
        return None

    def _refused(self, url: str, refused: AddressRefused) -> FetchResult:
        message = f"The address resolves to a {refused.kind} address and was not checked"
        return self._fail(url, Outcome.REFUSED_ADDRESS, message)

    def _out_of_time(self, url: str) -> FetchResult:
        limit = seconds_text(self.deadline.seconds)
        return self._fail(url, Outcome.DEADLINE, f"The check ran out of time (limit {limit})")

    def _timeout(self) -> float:
        return min(self.settings.timeout_seconds, self.deadline.remaining())

    def _timed_out(self, url: str, limit: Limit, slow_body: bool = False) -> FetchResult:
        if limit.seconds < self.settings.timeout_seconds:
            return self._out_of_time(url)
        message = f"Timed out after {seconds_text(limit.seconds)}"
        if slow_body:
            message += ": the page arrived too slowly"
        return self._fail(url, Outcome.TIMEOUT, message)

    def _send(
        self, method: str, url: str, current: str, limit: Limit
    ) -> requests.Response | FetchResult:
        left = max(limit.remaining(), 0.001)
        try:
            return self.session.request(
                method, current, stream=True, allow_redirects=False, timeout=(left, left)
            )
        except AddressRefused as refused:
            return self._refused(url, refused)
        except requests.exceptions.SSLError as error:
            if self.watch.cut:
                return self._timed_out(url, limit)
            return self._fail(url, Outcome.TLS_ERROR, tls_message(error))
        except requests.exceptions.Timeout:
            return self._timed_out(url, limit)
        except requests.exceptions.RequestException as error:
            if self.watch.cut or limit.passed:
                return self._timed_out(url, limit)
            return self._fail(url, Outcome.CONNECTION_ERROR, connection_message(error))

    def _finish(
        self,
        url: str,
        response: requests.Response,
        accept: Collection[str],
        read_body: bool,
        limit: Limit,
    ) -> FetchResult:
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        base = FetchResult(
            url=url,
            outcome=Outcome.OK,
            final_url=response.url,
            status=response.status_code,
            content_type=content_type,
            encoding=_charset(response.headers.get("Content-Type", "")),
        )
        if not 200 <= response.status_code < 300:
            message = f"The page returned HTTP {response.status_code}"
            return replace(base, outcome=Outcome.HTTP_STATUS, message=message)
        if not read_body:
            return base
        kind = content_kind(content_type)
        if kind not in accept and content_type not in AMBIGUOUS_TYPES:
            return self._unsupported(base)
        return self._read(base, response, accept, limit)

    @staticmethod
    def _unsupported(base: FetchResult) -> FetchResult:
        shown = base.content_type or "unknown type"
        message = f"Not a web page or PDF ({shown})"
        return replace(base, outcome=Outcome.UNSUPPORTED_CONTENT, message=message, body=b"")

    def _read(
        self,
        base: FetchResult,
        response: requests.Response,
        accept: Collection[str],
        limit: Limit,
    ) -> FetchResult:
        cap = self.settings.max_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(CHUNK):
                if limit.passed or self.watch.cut:
                    return self._timed_out(base.url, limit, slow_body=True)
                chunks.append(chunk)
                size += len(chunk)
                if size > cap:
                    break
        except requests.exceptions.RequestException as error:
            timed_out = error.args and isinstance(error.args[0], ReadTimeoutError)
            if timed_out or self.watch.cut or limit.passed:
                return self._timed_out(base.url, limit, slow_body=True)
            return self._fail(base.url, Outcome.CONNECTION_ERROR, connection_message(error))
        if self.watch.cut:
            return self._timed_out(base.url, limit, slow_body=True)  # cut short: not the page
        body = b"".join(chunks)
        result = replace(base, body=body[:cap], truncated=size > cap)
        kind = content_kind(base.content_type, body[:1024])
        if kind not in accept:
            return self._unsupported(result)
        return replace(result, kind=kind)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def tls_message(error: Exception) -> str:
    text = str(error)
    match = re.search(r"certificate verify failed: ([^(\"')]+)", text)
    if match:
        return f"TLS certificate problem: {match.group(1).strip()}"
    if "hostname" in text.lower() and "match" in text.lower():
        return "TLS certificate problem: the certificate is for a different website"
    return f"TLS problem: {_short(text)}"


def connection_message(error: Exception) -> str:
    text = str(error)
    lowered = text.lower()
    if _caused_by(error, ConnectionRefusedError) or "connection refused" in lowered:
        return "The website could not be reached: connection refused"
    if _caused_by(error, ConnectionResetError) or "connection reset" in lowered:
        return "The website could not be reached: the connection was reset"
    if "name or service not known" in lowered or "nameresolution" in lowered:
        return "The website could not be reached: the address could not be found"
    return f"The website could not be reached: {_short(text)}"


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        nested = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = seen.__cause__ or seen.__context__ or nested or getattr(seen, "reason", None)
    return False


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 160 else text[:157] + "..."
