"""The school's provision map: current interventions with the pupils on them, hours and cost a
week, each pupil's yearly spend against the notional SEN threshold; one statement."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from inclusion.graduated_response import cycles
from inclusion.graduated_response.provision_map import provision_map
from tests.access import build_world
from tests.graduated_response.sen_factories import (
    outcome_input,
    provision_input,
    record_with_cycle,
    review_input,
)
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries

THRESHOLD = Decimal(6000)


def _with_provision(world, ref: str, *costs: str, name: str = "Language group"):
    senco = world.people["senco_a"]
    record, cycle = record_with_cycle(world.school_a, senco, pupil_ref=ref)
    for cost in costs:
        cycles.add_provision(cycle, provision_input(weekly_cost=cost, intervention=name), senco)
    return record, cycle


def test_the_map_groups_pupils_by_intervention_and_flags_spend_above_the_threshold(app, client):
    world = build_world()
    _with_provision(world, "MAP-001", "12.50")
    _with_provision(world, "MAP-002", "100", "60", name="language GROUP")
    senco = world.people["senco_a"]
    _, reviewed = _with_provision(world, "MAP-003", "999")
    cycles.add_outcome(reviewed, outcome_input(), senco)
    cycles.review_cycle(reviewed, review_input(reviewed), reviewed.version, senco)
    _, ended = record_with_cycle(world.school_a, senco, pupil_ref="MAP-004")
    gone = provision_input(weekly_cost="999", end_date=date.today() - timedelta(days=1))
    cycles.add_provision(ended, gone, senco)

    found = provision_map(world.school_a, date.today(), THRESHOLD)
    assert [i.name for i in found.interventions] == ["Language group"]
    group = found.interventions[0]
    assert group.pupils == ["MAP-001", "MAP-002"]
    assert group.weekly_cost == Decimal("172.50") and group.weekly_hours == Decimal(3)
    assert [(p.pupil_ref, p.yearly_cost) for p in found.pupils] == [
        ("MAP-001", Decimal("475.00")),
        ("MAP-002", Decimal("6080.00")),
    ]
    assert [p.pupil_ref for p in found.above_threshold()] == ["MAP-002"]


def test_the_page_shows_references_costs_and_the_threshold_to_staff_only(app, client):
    world = build_world()
    _with_provision(world, "MAP-010", "45.50")
    url = f"/schools/{world.school_a.urn}/records/sen-support/provision-map"
    text = normalised_text(PageClient(app, world.people["head_a"]).get(url))
    assert "MAP-010" in text and "£45.50" in text and "£1,729.00" in text
    assert "notional SEN threshold of £6,000" in text
    for persona in ("adviser_a", "lead_a", "admin", "officer"):
        response = PageClient(app, world.people[persona]).raw("GET", url)
        assert response.status_code in (403, 404)


def test_the_map_takes_one_statement_however_many_pupils(app, client):
    world = build_world()
    _with_provision(world, "MAP-100", "10")
    school = world.school_a
    assert school.id
    with counting_queries(app) as one:
        provision_map(school, date.today(), THRESHOLD)
    for n in range(6):
        _with_provision(world, f"MAP-2{n:02d}", "10", "20")
    assert school.id
    with counting_queries(app) as seven:
        found = provision_map(school, date.today(), THRESHOLD)
    assert len(found.pupils) == 7
    assert one.count == seven.count == 1


def test_the_council_sets_its_own_threshold(app, client):
    world = build_world()
    _with_provision(world, "MAP-300", "100")
    url = f"/schools/{world.school_a.urn}/records/sen-support/provision-map"
    app.config["SEN_NOTIONAL_THRESHOLD"] = 3000
    try:
        text = normalised_text(PageClient(app, world.people["senco_a"]).get(url))
    finally:
        app.config["SEN_NOTIONAL_THRESHOLD"] = 6000
    assert "notional SEN threshold of £3,000" in text and "£3,800.00 Above" in text


def test_the_sen_support_list_links_the_provision_map(app, client):
    world = build_world()
    base = f"/schools/{world.school_a.urn}/records/sen-support"
    page = PageClient(app, world.people["senco_a"]).get(f"{base}/")
    assert page.select_one(f"a[href='{base}/provision-map']") is not None
