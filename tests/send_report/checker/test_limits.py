"""Wall-clock limits hold against servers that trickle: per request (connect, headers and
the whole body), per check, and the child process's hard limit."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from inclusion.send_report.checker import CheckerSettings, check_website
from inclusion.send_report.checker.fetch import Deadline, Outcome, SafeFetcher
from inclusion.send_report.checker.isolated import check_isolated
from tests.send_report.checker.siteserver import SiteHTTPServer, start_server

Site = Callable[[str], SiteHTTPServer]
MARGIN = 0.6  # seconds allowed past a limit for the timer to fire and the check to wrap up


def test_a_body_sent_one_byte_a_second_is_cut_at_the_request_limit(
    site: Site, settings: CheckerSettings
) -> None:
    server = site("empty")
    started = time.monotonic()
    with SafeFetcher(settings, Deadline(60)) as fetcher:
        fetched = fetcher.get(f"{server.base_url}/drip/report")
    took = time.monotonic() - started
    assert fetched.outcome is Outcome.TIMEOUT
    assert fetched.message == "Timed out after 1 second: the page arrived too slowly"
    assert took < settings.timeout_seconds + MARGIN


def test_headers_sent_one_byte_a_second_are_cut_at_the_request_limit(
    site: Site, settings: CheckerSettings
) -> None:
    server = site("empty")
    started = time.monotonic()
    with SafeFetcher(settings, Deadline(60)) as fetcher:
        fetched = fetcher.get(f"{server.base_url}/drip-headers")
        after = fetcher.get(f"{server.base_url}/status/200")  # the fetcher still works
    assert fetched.outcome is Outcome.TIMEOUT
    assert after.status == 200
    assert time.monotonic() - started < settings.timeout_seconds + MARGIN + 0.5


@pytest.fixture
def trickling_site(tmp_path: Path) -> Iterator[SiteHTTPServer]:
    """A home page linking to twelve SEND pages, each of which trickles."""
    links = "".join(f'<a href="/drip/send-{n}">SEND page {n}</a>' for n in range(12))
    (tmp_path / "index.html").write_text(f"<html><title>School</title>{links}</html>")
    server = start_server(tmp_path)
    yield server
    server.shutdown()
    server.server_close()


def test_a_check_of_trickling_pages_ends_at_its_deadline(
    trickling_site: SiteHTTPServer, settings: CheckerSettings
) -> None:
    limited = replace(settings, timeout_seconds=2.0, deadline_seconds=3.0)
    started = time.monotonic()
    result = check_website(f"{trickling_site.base_url}/", limited)
    took = time.monotonic() - started
    assert took < limited.deadline_seconds + MARGIN
    assert result.status == "completed"
    assert any("the check ran out of time" in note.lower() for note in result.notes)


def test_the_child_process_is_killed_at_its_hard_limit(
    trickling_site: SiteHTTPServer, settings: CheckerSettings
) -> None:
    """A margin below zero makes the hard limit shorter than the check's own deadline, so
    the kill, not the check, ends it."""
    limited = replace(settings, timeout_seconds=5.0, deadline_seconds=6.0, hard_margin_seconds=-4.5)
    started = time.monotonic()
    result = check_isolated(f"{trickling_site.base_url}/", limited)
    took = time.monotonic() - started
    assert result.status == "failed"
    assert result.reason == "The check ran out of time and was stopped (limit 1.5 seconds)"
    assert took < 1.5 + MARGIN


def test_a_check_in_the_child_process_gives_the_same_result(
    site: Site, settings: CheckerSettings
) -> None:
    url = f"{site('broken_offer').base_url}/"
    isolated, direct = check_isolated(url, settings), check_website(url, settings)
    assert [(f.code, f.result) for f in isolated.findings] == [
        (f.code, f.result) for f in direct.findings
    ]
    assert isolated.local_offer_status == 404
