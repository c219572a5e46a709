"""Dashboards and the results page issue a fixed number of SQL statements, however many schools
the partnership and the council have: their council figures are read from maintained rows."""

from __future__ import annotations

import pytest

from inclusion.extensions import db
from tests.access import build_world
from tests.api.helpers import ApiClient, answer_url
from tests.area_partnerships.test_dashboards import add_scored_audits
from tests.pages import PageClient
from tests.queries import counting_queries

# Pinned: a change here is a change in how the page reads the database, to be looked at.
# The dashboards' one statement for their charts (compliance year by year, maintained rows) is
# counted in both; the partnership page's support link asks the permission policy about the
# partnership (one statement, however many schools).
PARTNERSHIP_PAGE = 33
COUNCIL_PAGE_TOTALS_ONLY = 22
RESULTS_PAGE = 18


def statements(app, person, url: str) -> int:
    page = PageClient(app, person)
    with counting_queries(app) as counter:
        page.get(url)
    return counter.count


def grow(world, schools: int) -> None:
    """More scored schools in both partnerships, committed as the app commits."""
    add_scored_audits(world, world.partnership_a, [1.0 + n % 3 for n in range(schools)])
    add_scored_audits(world, world.partnership_b, [0.5 + n % 4 for n in range(schools)])
    db.session.commit()


def counts_as_it_grows(app, world, persona: str, url: str) -> list[int]:
    found = []
    for extra in (0, 6):
        grow(world, extra)
        found.append(statements(app, world.people[persona], url))
    return found


@pytest.fixture
def world(app, session):
    return build_world()


def test_a_partnership_dashboard_issues_a_fixed_number_of_statements(app, world):
    url = f"/partnerships/{world.partnership_a.code}/dashboard"
    found = counts_as_it_grows(app, world, "adviser_a", url)
    assert found == [PARTNERSHIP_PAGE, PARTNERSHIP_PAGE]


def test_the_council_dashboard_past_its_school_list_limit_issues_a_fixed_number(app, world):
    app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] = 1
    try:
        found = counts_as_it_grows(app, world, "admin", "/council/dashboard")
    finally:
        app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] = 1000
    assert found == [COUNCIL_PAGE_TOTALS_ONLY, COUNCIL_PAGE_TOTALS_ONLY]


def test_a_schools_results_page_issues_a_fixed_number_whatever_the_councils_size(app, world):
    found = counts_as_it_grows(app, world, "senco_a", world.audit_url("results"))
    assert found == [RESULTS_PAGE, RESULTS_PAGE]


def test_saving_an_answer_writes_no_figures(app, world):
    """An autosave touches its audit (as a lock), which no figure reads: it must not rebuild or
    refresh any maintained figures (it once rebuilt all of them, on every autosave)."""
    api = ApiClient(app, world.people["senco_a"])
    with counting_queries(app) as counter:
        api.put(answer_url(world), {"rating": 2, "evidence": "Plan agreed", "version": 0})
    assert [s for s in counter.statements if "figures_" in s] == []


def test_submitting_an_audit_still_refreshes_its_partnerships_figures(app, world):
    world.audit.status = "submitted"
    with counting_queries(app) as counter:
        db.session.commit()
    assert any("figures_group" in s for s in counter.statements)
