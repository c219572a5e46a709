"""Links and buttons appear only for people the linked page lets in (`may_open`)."""

from __future__ import annotations

import pytest
from flask_login import login_user

from inclusion.permissions import Action, can
from inclusion.ui.allowed_links import may_open
from tests.access import PERSONAS, build_world
from tests.pages import PageClient


@pytest.fixture
def world(app, session):
    return build_world()


def answers_as(app, user, endpoint: str, **values) -> bool:
    with app.test_request_context():
        if user is not None:
            login_user(user)
        return may_open(endpoint, **values)


@pytest.mark.parametrize("persona", PERSONAS)
def test_may_open_agrees_with_the_permission_policy_for_every_persona(app, world, persona):
    user = world.people[persona]
    for school in (world.school_a, world.school_b):
        with app.test_request_context():
            if user is not None:
                login_user(user)
            expected = {
                "audit.overview": can(user, Action.VIEW_AUDIT, school),
                "records.overview": can(user, Action.VIEW_PUPIL_RECORDS, school),
                "audit_review.reopen": can(user, Action.REOPEN_AUDIT, school),
                "audit_review.mark_reviewed": can(user, Action.MODERATE_AUDIT, school),
                "provision.edit": can(user, Action.EDIT_AUDIT, school),
            }
            answered = {
                endpoint: may_open(endpoint, urn=school.urn, year="2026-27")
                for endpoint in expected
            }
        assert answered == expected, (persona, school.name)


def test_may_open_refuses_an_unknown_school_and_an_unknown_page(app, world):
    admin = world.people["admin"]
    assert not answers_as(app, admin, "records.overview", urn="999999")
    assert not answers_as(app, admin, "no.such_endpoint")
    assert answers_as(app, None, "pages.accessibility")


@pytest.mark.parametrize("persona", ["admin", "adviser_a"])
def test_the_provision_offer_links_no_records_and_no_change_for_advisers_and_admins(
    app, world, persona
):
    page = PageClient(app, world.people[persona]).get(world.school_url("provision/"))
    hrefs = [a["href"] for a in page.select("main a[href]")]
    editing = [h for h in hrefs if "/provision/" in h and "send-information-report" not in h]
    assert not [href for href in hrefs if "/records/" in href] + editing
    assert "Change" not in page.select_one("main").get_text()


def test_the_provision_offer_links_records_and_change_for_the_schools_senco(app, world):
    page = PageClient(app, world.people["senco_a"]).get(world.school_url("provision/"))
    hrefs = [a["href"] for a in page.select("main a[href]")]
    assert any("/records/" in href for href in hrefs)
    assert sum("/provision/" in href for href in hrefs) == 8 + 1  # eight Change, one report


def test_a_partnership_lead_is_not_offered_a_list_of_schools_they_cannot_open(app, world):
    page = PageClient(app, world.people["lead_a"]).get("/dashboard")
    navigation = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation a")]
    assert "Schools" not in navigation
    assert "Partnerships" in navigation


def test_the_leads_compliance_page_neither_names_nor_links_a_school(app, world):
    """Leads see totals only (docs/decisions/0003-leads-see-compliance-totals.md)."""
    page = PageClient(app, world.people["lead_a"]).get("/compliance/")
    row_headers = page.select("tbody th[scope=row]")
    assert world.school_a.name not in [th.get_text(strip=True) for th in row_headers]
    assert not page.select(f"a[href^='/schools/{world.school_a.urn}']")


def test_the_advisers_compliance_page_links_each_of_their_schools(app, world):
    page = PageClient(app, world.people["adviser_a"]).get("/compliance/")
    assert page.select(f"a[href^='/schools/{world.school_a.urn}/send-report']")
