"""The fetcher's safety rules, against real local servers: addresses, schemes, redirects,
size, time, and errors that become plain reasons instead of exceptions."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import urllib3.util.connection

from inclusion.send_report.checker import CheckerSettings, check_website
from inclusion.send_report.checker.fetch import Deadline, Outcome, SafeFetcher
from tests.send_report.checker.siteserver import SiteHandler, SiteHTTPServer

PRIVATE = "The address resolves to a private network address and was not checked"
Site = Callable[[str], SiteHTTPServer]


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Every TCP connection urllib3 opens, recorded (and still made)."""
    made: list[tuple] = []
    real = urllib3.util.connection.create_connection

    def spy(address: tuple, *args: object, **kwargs: object) -> socket.socket:
        made.append(address)
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(urllib3.util.connection, "create_connection", spy)
    return made


def timed(url: str, settings: CheckerSettings) -> tuple:
    started = time.monotonic()
    result = check_website(url, settings)
    return result, time.monotonic() - started


@pytest.mark.parametrize("url", ["", "   "])
def test_a_school_with_no_website_gets_a_clear_reason(url: str, settings: CheckerSettings) -> None:
    result = check_website(url, settings)
    assert (result.status, result.reason) == ("failed", "No website is recorded for this school")
    assert result.findings == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://10.0.0.1/", "private network"),
        ("http://192.168.1.1/", "private network"),
        ("https://172.16.5.4/send", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::ffff:10.0.0.1]/", "private network"),
        ("http://224.0.0.1/", "multicast"),
    ],
)
def test_private_addresses_are_refused_without_connecting(
    url: str, kind: str, settings: CheckerSettings, connections: list[tuple]
) -> None:
    result, took = timed(url, settings)  # even with allow_loopback, only loopback is let in
    assert result.status == "failed"
    assert result.reason == f"The address resolves to a {kind} address and was not checked"
    assert connections == []
    assert took < 0.5


def test_a_hostname_resolving_to_loopback_is_refused_unless_allowed(
    site: Site, strict_settings: CheckerSettings, connections: list[tuple]
) -> None:
    server = site("compliant")
    before = sum(server.hits.values())
    for host in ("localhost", "127.0.0.1"):
        url = f"http://{host}:{server.server_address[1]}/"
        result, took = timed(url, strict_settings)
        assert result.reason == "The address resolves to a loopback address and was not checked"
        assert took < 0.5
    assert connections == []
    assert sum(server.hits.values()) == before


@pytest.mark.parametrize("url", ["ftp://files.school.example/send.pdf", "file:///etc/passwd"])
def test_only_http_and_https_are_fetched(url: str, settings: CheckerSettings) -> None:
    result = check_website(url, settings)
    assert result.status == "failed"
    assert result.reason.startswith("Only http and https web addresses can be checked")


def test_a_bare_address_is_treated_as_https(settings: CheckerSettings) -> None:
    result = check_website("10.0.0.1", settings)
    assert result.url == "https://10.0.0.1/"
    assert result.reason == PRIVATE


@pytest.mark.parametrize("private", ["10.0.0.1", "192.168.1.1"])
def test_a_redirect_to_a_private_address_is_refused(
    private: str, site: Site, settings: CheckerSettings, connections: list[tuple]
) -> None:
    server = site("empty")
    result = check_website(f"{server.base_url}/to-private/{private}", settings)
    assert (result.status, result.reason) == ("failed", PRIVATE)
    assert all(address[0] == "127.0.0.1" for address in connections)


def test_dns_rebinding_is_caught_at_connect_time(
    monkeypatch: pytest.MonkeyPatch, settings: CheckerSettings, connections: list[tuple]
) -> None:
    """The name resolves to a public address when checked, then to a private one."""
    answers = iter(["93.184.216.34", "10.0.0.1", "10.0.0.1"])

    def fake(host: str, port: int, *args: object, **kwargs: object) -> list:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    result = check_website("http://rebinding.example/", settings)
    assert (result.status, result.reason) == ("failed", PRIVATE)
    assert connections == []


def test_redirects_are_followed_up_to_the_limit(site: Site, settings: CheckerSettings) -> None:
    server = site("empty")
    with SafeFetcher(settings, Deadline(10)) as fetcher:
        result = fetcher.get(f"{server.base_url}/chain/3")
    assert result.ok and len(result.redirects) == 3
    assert result.final_url.endswith("/chain/0")


def test_too_many_redirects_stop_the_check(site: Site, settings: CheckerSettings) -> None:
    server = site("empty")
    result = check_website(f"{server.base_url}/chain/9", settings)
    assert (result.status, result.reason) == ("failed", "Too many redirects (more than 3)")
    assert [server.hits[f"/chain/{n}"] for n in (9, 8, 7, 6, 5)] == [1, 1, 1, 1, 0]


def test_a_redirect_loop_is_detected(site: Site, settings: CheckerSettings) -> None:
    server = site("empty")
    result = check_website(f"{server.base_url}/loop/a", settings)
    assert (result.status, result.reason) == ("failed", "The website redirects in a loop")
    assert server.hits["/loop/a"] == server.hits["/loop/b"] == 1


def test_a_huge_page_is_cut_at_the_size_cap(site: Site, settings: CheckerSettings) -> None:
    server = site("empty")
    with SafeFetcher(settings, Deadline(10)) as fetcher:
        fetched = fetcher.get(f"{server.base_url}/huge")
    assert fetched.ok and fetched.truncated
    assert len(fetched.body) == settings.max_bytes
    result, took = timed(f"{server.base_url}/huge", settings)
    assert result.status == "completed"
    assert result.visited[0].truncated
    assert any("larger than 1 MB" in note for note in result.notes)
    assert took < 10  # 20 MB offered, 1 MB read and parsed (slack for a loaded machine)


def test_a_slow_server_times_out(site: Site, settings: CheckerSettings) -> None:
    server = site("empty")
    result, took = timed(f"{server.base_url}/slow", settings)
    assert (result.status, result.reason) == ("failed", "Timed out after 1 second")
    assert took < 2.5


def test_the_overall_deadline_is_honoured(site: Site, settings: CheckerSettings) -> None:
    server = site("empty")
    quick = replace(settings, timeout_seconds=5.0, deadline_seconds=0.5)
    result, took = timed(f"{server.base_url}/slow", quick)
    assert (result.status, result.reason) == (
        "failed",
        "The check ran out of time (limit 0.5 seconds)",
    )
    assert took < 1.5
    with SafeFetcher(settings, Deadline(0)) as fetcher:
        assert fetcher.get(f"{server.base_url}/").outcome is Outcome.DEADLINE


def test_a_closed_port_means_connection_refused(settings: CheckerSettings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = check_website(f"http://127.0.0.1:{port}/", settings)
    assert result.reason == "The website could not be reached: connection refused"


def test_an_unknown_host_is_reported(
    monkeypatch: pytest.MonkeyPatch, settings: CheckerSettings
) -> None:
    def no_such_host(*args: object, **kwargs: object) -> list:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = check_website("https://no-such-school.example/", settings)
    assert result.reason == "The website could not be reached: the address could not be found"


def test_http_errors_and_non_documents_become_reasons(
    site: Site, settings: CheckerSettings
) -> None:
    server = site("empty")
    assert check_website(f"{server.base_url}/status/500", settings).reason == (
        "The home page returned HTTP 500"
    )
    assert check_website(f"{server.base_url}/photo", settings).reason == (
        "The home page is not a web page (image/png)"
    )
    with SafeFetcher(settings, Deadline(10)) as fetcher:
        photo = fetcher.get(f"{server.base_url}/photo")
    assert photo.outcome is Outcome.UNSUPPORTED_CONTENT and photo.body == b""


def test_a_page_that_disappears_is_handled(site: Site, settings: CheckerSettings) -> None:
    server = site("changing")
    url = f"{server.base_url}/once/send-information-report.html"
    with SafeFetcher(settings, Deadline(10)) as fetcher:
        assert fetcher.get(url).ok  # there now ...
        gone = fetcher.get(url)  # ... gone the next time
    assert (gone.outcome, gone.status) == (Outcome.HTTP_STATUS, 404)
    result = check_website(f"{server.base_url}/", settings)  # linked, but 404s when crawled
    assert result.status == "completed"
    assert ("/once/send-information-report.html", 404) in [
        (page.url.removeprefix(server.base_url), page.status) for page in result.visited
    ]
    assert "report" not in result.documents
    assert result.finding("S1-04").result == "not_found"
    assert "No SEND Information Report was found" in result.finding("S1-01").detail


def test_the_user_agent_names_the_checker_and_the_council(
    site: Site, settings: CheckerSettings
) -> None:
    server = site("broken_offer")
    check_website(f"{server.base_url}/", settings)
    expected = (
        "InclusionPortal-SENDWebsiteChecker/1.0 (+https://council.example/send-website-checks)"
    )
    assert expected in server.agents


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[str]:
    """An HTTPS server with a self-signed certificate (made by the openssl command)."""
    if not shutil.which("openssl"):
        # Outside CI a developer without openssl loses only the HTTPS cases; CI must run them.
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs the openssl command to make the test certificate")
        pytest.skip("openssl is not installed: it makes the self-signed test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), SiteHandler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_bad_certificate_is_a_tls_problem(https_server: str, settings: CheckerSettings) -> None:
    result = check_website(https_server, settings)
    assert result.status == "failed"
    assert result.reason.startswith("TLS certificate problem: ")
    assert "self" in result.reason  # "self-signed certificate"
