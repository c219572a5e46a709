"""Offering support: only standards rated Embedded, the others listed with the reason."""

from __future__ import annotations

import pytest

from inclusion.area_partnerships import support_matching, support_offers
from inclusion.auth.roles import Role
from inclusion.errors import InvalidInput
from tests.area_partnerships.support_world import (
    EMBEDDED,
    EMERGING,
    NOT_YET,
    World,
    make_world,
    offer,
    school,
    submit_audit,
)
from tests.auth.factories import UserFactory
from tests.pages import PageClient, error_summary, normalised_text


@pytest.fixture
def world(app, session) -> World:
    return make_world(app)


def capacity_url(found) -> str:
    return f"/schools/{found.urn}/support-capacity"


def test_the_offer_form_lists_only_embedded_standards_and_says_why_the_others_are_not(app, world):
    found = school(world, "Offering Primary")
    submit_audit(app, world, found, {"LG1": EMBEDDED, "LG2": EMERGING, "CI-U1": NOT_YET})
    senco = UserFactory.with_role(Role.SENCO, school=found)
    page = PageClient(app, senco).get(capacity_url(found))
    boxes = [box["value"] for box in page.select("input[name=standard_codes]")]
    assert boxes == ["LG1"]
    reasons = [li.get_text(" ", strip=True) for li in page.select("#not-offerable ~ ul li")]
    assert "LG2: Leaders model inclusion: rated Emerging in your 2025/26 audit" in reasons
    assert (
        "CI-U1: Visual supports in every classroom: rated Not yet in place in your 2025/26 audit"
    ) in reasons
    assert any(r.startswith("SD") and "rated Established" in r for r in reasons)
    assert len(reasons) == len(support_offers.standings(found, world.year)) - 1


def test_a_school_whose_audit_is_not_submitted_is_told_nothing_is_rated_yet(app, world):
    found = school(world, "Unsubmitted Primary")
    senco = UserFactory.with_role(Role.SENCO, school=found)
    page = PageClient(app, senco).get(capacity_url(found))
    assert page.select("input[name=standard_codes]") == []
    text = normalised_text(page)
    assert "rates no standard Embedded, so there is nothing you can offer yet" in text
    assert (
        "LG1: Governors know their SEND duties: "
        "not yet rated: your 2025/26 audit has not been submitted"
    ) in text


def test_an_offer_on_a_standard_not_rated_embedded_is_refused_with_the_reason(app, world):
    found = school(world, "Willing Primary")
    submit_audit(app, world, found, {"LG1": EMBEDDED})  # LG2 Established
    senco = UserFactory.with_role(Role.SENCO, school=found)
    form = {"standard_codes": ["LG1", "LG2"], "visits_per_term": "2"}
    page = PageClient(app, senco).post(capacity_url(found), form)
    assert error_summary(page) == [
        "You cannot offer support on LG2: rated Established in your 2025/26 audit"
    ]
    assert support_offers.capacity_of(found, world.year) == []


def test_only_embedded_schools_that_offered_are_supporters(app, world):
    needy = school(world, "Needy Primary")
    submit_audit(app, world, needy, {"LG1": NOT_YET})
    quiet = school(world, "Quiet Primary")  # Embedded, but offers nothing
    submit_audit(app, world, quiet, {"LG1": EMBEDDED, "LG2": EMBEDDED})
    assert support_matching.matches(world.scope, "LG1").supporters == []
    senco = UserFactory.with_role(Role.SENCO, school=quiet)
    form = {"standard_codes": ["LG1", "LG2"], "visits_per_term": "3"}
    PageClient(app, senco).post(capacity_url(quiet), form, status=302)
    [found] = support_matching.matches(world.scope, "LG1").supporters
    assert (found.school, found.visits_per_term) == (quiet, 3)


def test_declaring_capacity_refuses_visits_outside_1_to_12_and_unknown_standards(app, world):
    found = school(world, "Offering Primary")
    submit_audit(app, world, found, {"LG1": EMBEDDED})
    senco = UserFactory.with_role(Role.SENCO, school=found)
    form = {"standard_codes": ["LG1"], "visits_per_term": "13"}
    page = PageClient(app, senco).post(capacity_url(found), form)
    assert error_summary(page) == ["Enter the number of visits or sessions a term, from 1 to 12"]
    with pytest.raises(InvalidInput, match="Select standards from the 2025/26 framework"):
        offer(world, found, ["LG9"])
    assert support_offers.capacity_of(found, world.year) == []


def test_clearing_every_standard_withdraws_the_offer(app, world):
    found = school(world, "Offering Primary")
    submit_audit(app, world, found, {"LG1": EMBEDDED, "SD2": EMBEDDED})
    offer(world, found, ["LG1", "SD2"])
    senco = UserFactory.with_role(Role.SENCO, school=found)
    staff = PageClient(app, senco)
    page = staff.get(capacity_url(found))
    checked = [box["value"] for box in page.select("input[name=standard_codes][checked]")]
    assert checked == ["LG1", "SD2"]
    support_offers.remove_capacity(found, world.year, "SD2")
    assert [c.standard_code for c in support_offers.capacity_of(found, world.year)] == ["LG1"]
    staff.post(capacity_url(found), {"visits_per_term": ""}, status=302)
    assert support_offers.capacity_of(found, world.year) == []
