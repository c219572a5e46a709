"""The portal runs the real checker as a background job and the school accepts its proposals."""

from __future__ import annotations

import time

import pytest
from flask import current_app
from sqlalchemy import select

from inclusion.send_report.checker import CheckerSettings
from inclusion.send_report.models import WebsiteCheck
from inclusion.send_report.website_checks import request_check
from tests.access import build_world
from tests.pages import PageClient, normalised_text
from tests.send_report.checker.pdfwriter import PdfPage, build_pdf
from tests.send_report.checker.siteserver import start_server


def allow_local_sites(app, monkeypatch, offer_server) -> None:
    for key, value in {
        "WEBSITE_CHECK_ALLOW_LOOPBACK": True,
        "WEBSITE_CHECK_DELAY_SECONDS": 0,
        "WEBSITE_CHECK_TIMEOUT_SECONDS": 2,
        "LOCAL_OFFER_URL": f"{offer_server.base_url}/local-offer",
        "LOCAL_OFFER_HOSTS": offer_server.netloc,
    }.items():
        monkeypatch.setitem(app.config, key, value)


def run_jobs(app) -> int:
    with app.test_request_context():
        return current_app.extensions["job_runner"].run_pending()


@pytest.fixture
def own_compliant_site(built_sites, substitutions):
    """A server of its own, so the shared fixture sites' hit counts stay untouched."""
    server = start_server(built_sites / "compliant", substitutions)
    yield server
    server.shutdown()
    server.server_close()


def test_a_check_runs_as_a_job_and_its_findings_become_answers_when_accepted(
    app, client, session, monkeypatch, own_compliant_site, offer_server
):
    allow_local_sites(app, monkeypatch, offer_server)
    world = build_world()
    world.school_a.website = own_compliant_site.base_url + "/"
    session.flush()
    head = PageClient(app, world.people["head_a"])
    head.post(world.report_url("check"), status=302)
    assert "Waiting to start" in normalised_text(head.get(world.report_url("")))
    assert run_jobs(app) == 1
    check = session.scalar(select(WebsiteCheck))
    session.refresh(check)
    assert check.status == "completed" and check.pages_fetched > 0
    assert check.local_offer_status == 200
    page = head.get(world.report_url(""))
    s104 = next(r for r in page.select("tbody tr") if r.th.get_text(strip=True).startswith("S1-04"))
    assert "Found" in s104.get_text()
    head.post(world.report_url("items/S1-04/accept"), status=302)
    after = head.get(world.report_url(""))
    assert "3%" in after.select_one(".govuk-body strong").get_text()


def test_a_school_without_a_website_gets_a_clear_failed_check(
    app, client, session, monkeypatch, offer_server
):
    allow_local_sites(app, monkeypatch, offer_server)
    world = build_world()
    world.school_a.website = None
    session.flush()
    PageClient(app, world.people["adviser_a"]).post(world.report_url("check"), status=302)
    run_jobs(app)
    check = session.scalar(select(WebsiteCheck))
    session.refresh(check)
    assert check.status == "failed"
    assert "No website" in check.reason


def test_a_private_address_is_refused_and_recorded(app, client, session, monkeypatch, offer_server):
    allow_local_sites(app, monkeypatch, offer_server)
    monkeypatch.setitem(app.config, "WEBSITE_CHECK_ALLOW_LOOPBACK", False)
    world = build_world()
    world.school_a.website = "http://192.168.1.10/"
    session.flush()
    PageClient(app, world.people["admin"]).post(world.report_url("check"), status=302)
    run_jobs(app)
    check = session.scalar(select(WebsiteCheck))
    session.refresh(check)
    assert check.status == "failed"
    assert "private" in check.reason


@pytest.fixture
def scanned_site(tmp_path):
    """A school site whose SEND Information Report is a scan: a PDF with no text layer."""
    (tmp_path / "docs").mkdir()
    scan = build_pdf([PdfPage([]), PdfPage([])], title="", scanned=True)
    (tmp_path / "docs" / "send-information-report.pdf").write_bytes(scan)
    link = '<a href="/docs/send-information-report.pdf">SEND Information Report</a>'
    (tmp_path / "index.html").write_text(f"<html><title>Home</title>{link}</html>")
    server = start_server(tmp_path)
    yield server
    server.shutdown()
    server.server_close()


def test_a_scanned_report_is_explained_to_the_school_and_the_adviser(
    app, client, session, monkeypatch, scanned_site, offer_server
):
    allow_local_sites(app, monkeypatch, offer_server)
    world = build_world()
    world.school_a.website = scanned_site.base_url + "/"
    session.flush()
    PageClient(app, world.people["head_a"]).post(world.report_url("check"), status=302)
    run_jobs(app)
    check = session.scalar(select(WebsiteCheck))
    session.refresh(check)
    assert any("scanned PDF without text" in reason for reason in check.reasons)
    for persona in ("head_a", "adviser_a"):
        page = PageClient(app, world.people[persona]).get(world.report_url(""))
        reasons = normalised_text(page.select_one(".app-check-reasons"))
        assert "The report is a scanned PDF without text: we could not read it" in reasons


@pytest.fixture
def trickling_site(tmp_path):
    links = "".join(f'<a href="/drip/send-{n}">SEND page {n}</a>' for n in range(10))
    (tmp_path / "index.html").write_text(f"<html><title>School</title>{links}</html>")
    server = start_server(tmp_path)
    yield server
    server.shutdown()
    server.server_close()


def test_a_trickling_site_is_stopped_in_time_and_the_next_check_runs(
    app, client, session, monkeypatch, trickling_site, own_compliant_site, offer_server
):
    allow_local_sites(app, monkeypatch, offer_server)
    monkeypatch.setitem(app.config, "WEBSITE_CHECK_TIMEOUT_SECONDS", 1)
    monkeypatch.setitem(app.config, "WEBSITE_CHECK_DEADLINE_SECONDS", 2)
    world = build_world()
    world.school_a.website = trickling_site.base_url + "/"
    world.school_b.website = own_compliant_site.base_url + "/"
    session.flush()
    with app.test_request_context():
        request_check(world.school_a, None)
        request_check(world.school_b, None)
    started = time.monotonic()
    assert run_jobs(app) == 2
    slow, fast = session.scalars(select(WebsiteCheck).order_by(WebsiteCheck.id)).all()
    session.refresh(slow)
    session.refresh(fast)
    took = (slow.finished_at - slow.started_at).total_seconds()
    assert took < 2 + CheckerSettings().hard_margin_seconds  # the child's hard limit
    assert any("ran out of time" in reason for reason in slow.reasons)  # its own deadline
    assert fast.status == "completed" and fast.local_offer_status == 200
    assert time.monotonic() - started < 2 * (2 + CheckerSettings().hard_margin_seconds)
