"""Matching: ranked supporters for each school in need, and whom to ask among those not offering."""

from __future__ import annotations

import pytest

from inclusion.area_partnerships import support_matching
from inclusion.auth.roles import Role
from tests.area_partnerships.support_world import (
    EMBEDDED,
    EMERGING,
    World,
    make_world,
    offer,
    pairing,
    ranked_world,
    school,
    submit_audit,
    supporter,
)
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries


@pytest.fixture
def world(app, session) -> World:
    return make_world(app)


def test_matches_put_the_same_partnership_first_then_the_nearest_then_the_same_phase(app, world):
    schools = ranked_world(app, world)
    found = support_matching.matches(world.scope, "LG1")
    [need] = found.needing
    assert (need.school, need.rating_label) == (schools["needy"], "Emerging")
    ranked = [c.supporter.school.name for c in need.candidates]
    assert ranked == [
        "Cedar Primary",  # 5 km, same phase
        "Birch Secondary",  # 5 km, another phase
        "Alder Primary",  # 20 km
        "Damson Primary",  # no coordinates
        "Elm Primary",  # 1 km, but in another partnership
    ]
    assert [round(c.distance_km, 1) for c in need.candidates[:3]] == [5.0, 5.0, 20.0]


def test_whom_to_ask_lists_the_scopes_embedded_schools_that_have_not_offered(app, world):
    needy = school(world, "Needy Primary")
    submit_audit(app, world, needy, {"LG1": EMERGING})
    for name in ("Ash Primary", "Beech Primary"):
        submit_audit(app, world, school(world, name), {"LG1": EMBEDDED})
    offered = school(world, "Offered Primary")
    submit_audit(app, world, offered, {"LG1": EMBEDDED})
    offer(world, offered, ["LG1"])
    submit_audit(app, world, school(world, "Established Primary"), {})
    school(world, "Unsubmitted Primary")
    submit_audit(app, world, school(world, "Away Primary", away=True), {"LG1": EMBEDDED})
    found = support_matching.matches(world.scope, "LG1")
    assert [s.name for s in found.to_ask] == ["Ash Primary", "Beech Primary"]
    assert [s.school.name for s in found.supporters] == ["Offered Primary"]


def test_the_matching_page_shows_whom_to_ask_with_a_link_that_fills_in_the_pairing(app, world):
    needy = school(world, "Needy Primary")
    submit_audit(app, world, needy, {"LG1": EMERGING})
    ash = school(world, "Ash Primary")
    submit_audit(app, world, ash, {"LG1": EMBEDDED})
    adviser = PageClient(app, world.adviser)
    page = adviser.get(world.url("support?standard=LG1"))
    [item] = page.select("#to-ask-list li")
    assert "Ash Primary (Primary)" in item.get_text(" ", strip=True)
    assert "No school offers support on LG1 yet: see whom to ask below" in normalised_text(page)
    form = adviser.get(item.a["href"])
    assert form.select_one("#supporting_urn option[selected]")["value"] == ash.urn
    assert form.select_one("#supported_urn option[selected]")["value"] == needy.urn
    assert form.select_one("#supporting_urn option[selected]").get_text() == "Ash Primary"


def test_the_support_page_shows_each_supporting_schools_current_load(app, world):
    schools = ranked_world(app, world)
    cedar, needy = schools["cedar"], schools["needy"]
    offer(world, cedar, ["LG1"], visits=3)
    pairing(world, cedar, needy, status="planned")
    pairing(world, cedar, schools["alder"], code="LG2", status="active")
    pairing(world, cedar, needy, code="LG2", status="completed")
    pairing(world, cedar, needy, status="active", year=world.last_year)
    page = PageClient(app, world.adviser).get(world.url("support?standard=LG1"))
    row = next(r for r in page.select("#supporters-caption ~ tbody tr") if "Cedar" in r.text)
    assert row.select("td")[-1].get_text(strip=True) == "2 of 3 a term"
    assert "Needy Primary (Primary, rated Emerging)" in normalised_text(page)


def test_matching_takes_a_fixed_number_of_queries(app, world):
    ranked_world(app, world)
    scope = world.scope
    assert scope.year.id and scope.partnership.id  # loaded before counting
    with counting_queries(app) as counter:
        found = support_matching.matches(scope, "LG1")
        names = [c.supporter.school.name for n in found.needing for c in n.candidates]
    assert len(names) == 5
    assert counter.count <= 5


def test_the_matching_page_issues_the_same_statements_for_one_school_or_many(app, world):
    def statements() -> int:
        client = PageClient(app, world.adviser)
        client.get(world.url("support?standard=LG1"))  # warm the session's caches
        with counting_queries(app) as counter:
            client.get(world.url("support?standard=LG1"))
        return counter.count

    needy = school(world, "Needy Primary")
    submit_audit(app, world, needy, {"LG1": EMERGING})
    submit_audit(app, world, school(world, "Ash Primary"), {"LG1": EMBEDDED})
    supporter(app, world, "Offering Primary")
    few = statements()
    for n in range(4):
        submit_audit(app, world, school(world, f"Need {n} Primary"), {"LG1": EMERGING})
        submit_audit(app, world, school(world, f"Ask {n} Primary"), {"LG1": EMBEDDED})
    ranked_world(app, world)
    assert statements() == few


def test_a_senco_of_another_school_cannot_tell_a_schools_support_page_exists(app, world):
    mine, theirs = school(world, "Mine Primary"), school(world, "Theirs Primary")
    senco = PageClient(app, UserFactory.with_role(Role.SENCO, school=mine))
    senco.get(f"/schools/{theirs.urn}/support-capacity", status=404)
    senco.get("/schools/999999/support-capacity", status=404)
    senco.get(world.url("support"), status=404)
