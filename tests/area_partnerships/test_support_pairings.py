"""Pairings: recorded by school name, checked against the adviser's scope, followed to their
outcome; the partnership's leads see who is paired and nothing more (decision 0005)."""

from __future__ import annotations

from datetime import date

import pytest

from inclusion.area_partnerships import support_pairings
from inclusion.area_partnerships.scope import Scope
from inclusion.extensions import db
from tests.area_partnerships.support_world import (
    EMBEDDED,
    World,
    make_world,
    pairing,
    pairing_form,
    school,
    submit_audit,
    supporter,
)
from tests.pages import PageClient, error_summary, normalised_text
from tests.schools.factories import MembershipFactory


@pytest.fixture
def world(app, session) -> World:
    return make_world(app)


def test_the_pairing_form_offers_schools_by_name_in_scope_and_offering_schools_elsewhere(
    app, world
):
    school(world, "Helper Primary"), school(world, "Helped Primary")
    supporter(app, world, "Offering Primary", away=True)
    school(world, "Silent Primary", away=True)
    page = PageClient(app, world.adviser).get(world.url("support"))
    supporting = [o.get_text() for o in page.select("#supporting_urn option")]
    supported = [o.get_text() for o in page.select("#supported_urn option")]
    away = world.away.name
    assert supporting == [
        "Choose a school",
        "Helped Primary",
        "Helper Primary",
        f"Offering Primary ({away})",
    ]
    assert supported == ["Choose a school", "Helped Primary", "Helper Primary"]
    assert page.select_one("#supporting_urn")["data-module"] == "app-school-picker"
    assert page.find("label", attrs={"for": "supporting_urn"}).get_text(strip=True) == (
        "Supporting school"
    )


def test_an_adviser_records_a_pairing_then_changes_its_status(app, world):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    adviser = PageClient(app, world.adviser)
    adviser.post(world.url("pairings"), pairing_form(helper, helped), status=302)
    assert adviser.last_response.location.endswith(world.url("pairings"))
    page = adviser.get(world.url("pairings"))
    cells = [td.get_text(strip=True) for td in page.select("tbody tr td")]
    assert cells[:5] == [
        "Helper Primary",
        "Helped Primary",
        "2025/26: 1 October 2025 to 31 March 2026",
        "Planned",
        "Not yet known",
    ]
    edit = page.select_one("tbody a")["href"]
    adviser.post(edit, {"status": "active", "notes": "Started", "version": "1"}, status=302)
    assert "Active" in normalised_text(adviser.get(world.url("pairings")))


def test_a_stale_save_of_a_pairing_is_refused_with_a_clear_message(app, world):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    record = pairing(world, helper, helped)
    url = world.url(f"pairings/{record.id}")
    PageClient(app, world.adviser).post(url, {"status": "active", "version": "1"}, status=302)
    page = PageClient(app, world.admin).post(url, {"status": "ended", "version": "1"})
    assert error_summary(page) == [
        "Someone else changed this pairing while you were editing it. "
        "Reload the page to see their changes, then make yours again."
    ]
    db.session.expire_all()
    assert (record.status, record.version) == ("active", 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"supported_urn": "HELPER"},
            "The supporting school and the supported school must be different",
        ),
        (
            {"planned_end_date-year": "2025"},
            "The planned end date must be after the start date",
        ),
        ({"standard_code": "CI-U3"}, "Select a standard from the 2025/26 framework"),
        ({"status": "paused"}, "Select a status: planned, active, completed or ended"),
        ({"supporting_urn": ""}, "Select the supporting school"),
        ({"supporting_urn": "999999"}, "Select the supporting school from the list"),
        ({"start_date-month": "13"}, "Start date must be a real date, like 27 3 2027"),
        ({"supported_urn": "AWAY"}, "is not in"),
        ({"supporting_urn": "AWAY"}, "has not offered support on LG1 in 2025/26"),
    ],
)
def test_recording_a_pairing_explains_each_mistake_and_keeps_what_was_chosen(
    app, world, change, message
):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    elsewhere = school(world, "Elsewhere Primary", away=True)
    urns = {"HELPER": helper.urn, "AWAY": elsewhere.urn}
    given = pairing_form(helper, helped) | {k: urns.get(v, v) for k, v in change.items()}
    page = PageClient(app, world.adviser).post(world.url("pairings"), given)
    [shown] = error_summary(page)
    assert message in shown
    assert support_pairings.pairings_in(world.home) == []
    assert page.select_one("#notes").get_text() == "Fortnightly visits from the SENCO"
    if "supported_urn" not in change:
        assert page.select_one("#supported_urn option[selected]")["value"] == helped.urn


def test_a_school_in_another_partnership_that_offered_support_can_be_paired(app, world):
    helped = school(world, "Helped Primary")
    offering = supporter(app, world, "Offering Primary", away=True)
    adviser = PageClient(app, world.adviser)
    adviser.post(world.url("pairings"), pairing_form(offering, helped), status=302)
    [recorded] = support_pairings.pairings_in(world.home)
    assert recorded.pairing.supporting_school_id == offering.id


def test_both_schools_see_their_pairings_and_nobody_elses(app, world):
    from inclusion.auth.roles import Role
    from tests.auth.factories import UserFactory

    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary", away=True)
    bystander = school(world, "Bystander Primary")
    pairing(world, helper, helped, code="SD2")
    for found, other in ((helper, "Helped Primary"), (helped, "Helper Primary")):
        senco = UserFactory.with_role(Role.SENCO, school=found)
        text = normalised_text(PageClient(app, senco).get(f"/schools/{found.urn}/support-capacity"))
        assert other in text and "SD2: The SENCO has time for the role" in text
    senco = UserFactory.with_role(Role.SENCO, school=bystander)
    text = normalised_text(PageClient(app, senco).get(f"/schools/{bystander.urn}/support-capacity"))
    assert "No school is supporting yours" in text and "Helped Primary" not in text


def test_the_outcome_is_the_supported_schools_rating_of_the_successor_standard_next_year(
    app, world
):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    for found in (helper, helped):
        MembershipFactory(school=found, partnership=world.home, academic_year=world.last_year)
    last_scope = Scope(world.last_year, world.home)
    for code in ("CI-U1", "CI-U3"):  # CI-U3 has no successor in 2025/26
        given = support_pairings.PairingInput(
            helper.urn, helped.urn, code, date(2024, 10, 1), date(2025, 3, 31), "completed"
        )
        support_pairings.record_pairing(last_scope, given, world.adviser)
    pairing(world, helper, helped, code="CI-U1")  # this year's: nothing to show yet

    def outcomes() -> list[tuple[str, str, str]]:
        rows = support_pairings.pairings_of(helped)
        return [(r.pairing.academic_year.label, r.pairing.standard_code, r.outcome) for r in rows]

    assert {o for _, _, o in outcomes()} == {"Not yet known"}
    submit_audit(app, world, helped, {"CI-U1": EMBEDDED})
    assert outcomes() == [
        ("2025/26", "CI-U1", "Not yet known"),
        ("2024/25", "CI-U1", "Embedded"),
        ("2024/25", "CI-U3", "Not yet known"),
    ]
    page = PageClient(app, world.adviser).get(world.url("pairings"))
    assert "Embedded" in normalised_text(page)


def test_a_partnership_lead_sees_the_pairings_without_outcomes_and_cannot_plan(app, world):
    helper, helped = school(world, "Helper Primary"), school(world, "Helped Primary")
    record = pairing(world, helper, helped, status="active")
    record.notes = "Pupil-level detail the lead must not see"
    db.session.flush()
    submit_audit(app, world, helped, {"LG1": EMBEDDED})
    lead = PageClient(app, world.lead)
    page = lead.get(world.url("pairings"))
    headers = [th.get_text(strip=True) for th in page.select("thead th")]
    assert headers == [
        "Standard",
        "Supporting school",
        "Supported school",
        "Year and dates",
        "Status",
    ]
    cells = [td.get_text(strip=True) for td in page.select("tbody td")]
    assert cells[:2] == ["Helper Primary", "Helped Primary"] and cells[-1] == "Active"
    text = normalised_text(page)
    assert "Pupil-level detail" not in text and "Find schools to pair" not in text
    assert not page.select("a[href*='/pairings/']")
    refused = lead.get(world.url("support"), status=403)
    assert "Only the partnership's inclusion advisers" in normalised_text(refused)
    lead.get(world.url(f"pairings/{record.id}"), status=403)
    lead.post(world.url("pairings"), pairing_form(helper, helped), status=403)


def test_the_partnership_dashboard_signposts_pairings_to_leads_and_matching_to_advisers(app, world):
    dashboard = f"/partnerships/{world.home.code}/dashboard"
    lead_page = PageClient(app, world.lead).get(dashboard)
    adviser_page = PageClient(app, world.adviser).get(dashboard)
    assert lead_page.select_one(f"a[href='{world.url('pairings')}']")
    assert not lead_page.select_one(f"a[href='{world.url('support')}']")
    assert adviser_page.select_one(f"a[href='{world.url('support')}']")
