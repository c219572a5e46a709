"""The portal runs the real checker as a background job and the school accepts its proposals."""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import select

from inclusion.send_report.models import WebsiteCheck
from tests.access import build_world
from tests.pages import PageClient, normalised_text
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
