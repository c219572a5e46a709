"""Requests for an EHC needs assessment: the criteria, one request however many downloads, the
council's decision recorded by the school or by a council officer who never sees the pupil,
history, and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from inclusion.errors import Conflict, InvalidInput
from inclusion.extensions import db
from inclusion.graduated_response import ehc_requests, provision
from inclusion.graduated_response.ehc_criteria import check_criteria, council_criteria, unmet
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.ehc_pack import offers_of_record
from inclusion.graduated_response.ehc_requests import DecisionInput
from tests.access import build_world
from tests.graduated_response.ehc_factories import (
    FIRST,
    SECOND,
    TODAY,
    ready_record,
    reviewed_cycle,
    unready_record,
)
from tests.graduated_response.sen_factories import support_input
from tests.pages import PageClient, error_summary, normalised_text


def _checked(record):
    with_offers = offers_of_record(record)
    return check_criteria(record, council_criteria(), with_offers)


def test_two_reviewed_cycles_specialist_advice_and_provision_at_the_threshold_meet_the_criteria(
    app, client
):
    world = build_world()
    senco = world.people["senco_a"]
    with app.test_request_context():
        assert [c.met for c in _checked(ready_record(world.school_a, senco))] == [True] * 3
        short = _checked(unready_record(world.school_a, senco, pupil_ref="SEN-002"))
    assert [c.found for c in unmet(short)] == [
        "1 reviewed",
        "0 with specialist advice",
        "£475.00 a year in the latest cycle",
    ]


def test_provision_from_the_ordinarily_available_offer_does_not_count_towards_the_threshold(
    app, client
):
    world = build_world()
    senco = world.people["senco_a"]
    cell = provision.offer_cell(world.school_a, "communication-interaction", "universal")
    provision.save_offer(world.school_a, cell, "Visual timetables in every class", [], 0, senco)
    offer = provision.offer_cell(world.school_a, "communication-interaction", "universal").offer
    from inclusion.graduated_response import sen_support

    record = sen_support.create_support_record(
        world.school_a, support_input(placed_on_support=TODAY - timedelta(weeks=40)), senco
    )
    reviewed_cycle(record, senco, FIRST, ("ep",))
    reviewed_cycle(record, senco, SECOND, ("school",), "170.00", offer_id=offer.id)
    with app.test_request_context():
        cost = _checked(record)[2]
    assert not cost.met and cost.found == "£0.00 a year in the latest cycle"


def test_downloading_again_before_a_decision_updates_the_one_request(app, client):
    world = build_world()
    senco = world.people["senco_a"]
    record = ready_record(world.school_a, senco)
    with app.test_request_context():
        first, _ = ehc_requests.produce_pack(record, world.school_a, senco, FIRST, False)
        again, _ = ehc_requests.produce_pack(record, world.school_a, senco, TODAY, False)
        assert again.id == first.id and again.produced_on == TODAY
        ehc_requests.record_decision(again, DecisionInput("refused", TODAY), senco, TODAY)
        later, _ = ehc_requests.produce_pack(record, world.school_a, senco, TODAY, False)
    assert later.id != first.id and later.number != first.number
    assert first.number.startswith("EHC-") and "SEN" not in first.number


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (DecisionInput("refused", TODAY - timedelta(days=1)), "before the evidence pack"),
        (DecisionInput("refused", TODAY + timedelta(days=1)), "cannot be in the future"),
        (DecisionInput("maybe", TODAY), "Select what the council decided"),
        (DecisionInput("agreed", None), "Enter the date of the council's decision"),
    ],
)
def test_a_bad_decision_is_refused(app, client, given, message):
    world = build_world()
    senco = world.people["senco_a"]
    record = ready_record(world.school_a, senco)
    with app.test_request_context():
        made, _ = ehc_requests.produce_pack(record, world.school_a, senco, TODAY, False)
        with pytest.raises(InvalidInput, match=message):
            ehc_requests.record_decision(made, given, senco, TODAY)
    assert db.session.get(EhcRequest, made.id).decision == ""


def test_the_school_records_the_decision_once_and_the_history_says_so(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    record = ready_record(world.school_a, senco.user)
    url = f"/schools/{world.school_a.urn}/records/sen-support/{record.id}"
    senco.raw("POST", f"{url}/evidence-pack", data={"child_name": "A B", "format": "pdf"})
    made = db.session.scalar(select(EhcRequest))
    decide = f"{url}/ehc-requests/{made.id}/decision"
    early = TODAY - timedelta(days=3)
    form = {"decision": "refused", "decided_on-day": early.day}
    form |= {"decided_on-month": early.month, "decided_on-year": early.year}
    page = senco.post(decide, form)
    assert "The decision cannot be before the evidence pack was produced" in error_summary(page)
    form |= {"decided_on-day": TODAY.day, "decided_on-month": TODAY.month}
    form |= {"decided_on-year": TODAY.year}
    senco.post(decide, form, status=302)
    text = normalised_text(senco.get(f"{url}/evidence-pack"))
    assert f"{made.number} " in text and "Refused to assess on" in text
    assert "Record the council's decision" not in text
    db.session.refresh(made)
    with app.test_request_context(), pytest.raises(Conflict, match="already recorded"):
        ehc_requests.record_decision(made, DecisionInput("agreed", TODAY), senco.user, TODAY)
    history = normalised_text(senco.get(url))
    assert f"Request number: {made.number}" in history
    assert (
        "Evidence pack produced" in history and "Council's decision: Refused to assess" in history
    )


def test_a_council_officer_records_the_decision_knowing_only_the_school_and_number(app, client):
    world = build_world()
    senco = world.people["senco_a"]
    record = ready_record(world.school_a, senco, pupil_ref="SEN-654")
    with app.test_request_context():
        made, _ = ehc_requests.produce_pack(record, world.school_a, senco, TODAY, False)
    officer = PageClient(app, world.people["officer"])
    listed = normalised_text(officer.get("/council/ehc-requests/"))
    assert made.number in listed and world.school_a.name in listed and "Waiting" in listed
    page = officer.get(f"/council/ehc-requests/{made.id}")
    assert "SEN-654" not in str(page) and str(record.id) not in page.h1.get_text()
    form = {"decision": "agreed", "decided_on-day": TODAY.day}
    form |= {"decided_on-month": TODAY.month, "decided_on-year": TODAY.year}
    officer.post(f"/council/ehc-requests/{made.id}", form, status=302)
    listed = officer.get("/council/ehc-requests/")
    assert "SEN-654" not in str(listed) and "Agreed to assess on" in normalised_text(listed)
    db.session.refresh(made)
    assert made.decision_by_id == world.people["officer"].id


def test_only_staff_of_the_school_see_the_pack_page_and_only_officers_the_council_list(app, client):
    world = build_world()
    record = ready_record(world.school_a, world.people["senco_a"], pupil_ref="SEN-321")
    url = f"/schools/{world.school_a.urn}/records/sen-support/{record.id}/evidence-pack"
    for persona in ("adviser_a", "lead_a", "admin", "officer", "senco_b"):
        response = PageClient(app, world.people[persona]).raw("GET", url)
        assert response.status_code in (403, 404), persona
        assert "SEN-321" not in response.get_data(as_text=True)
        posted = PageClient(app, world.people[persona]).raw(
            "POST", url, data={"child_name": "A B", "format": "pdf"}
        )
        assert posted.status_code in (403, 404), persona
    assert db.session.scalar(select(db.func.count(EhcRequest.id))) == 0
    for persona in ("senco_a", "adviser_a", "lead_a", "admin"):
        status = PageClient(app, world.people[persona]).raw("GET", "/council/ehc-requests/")
        assert status.status_code == 403, persona


def test_the_demo_has_a_request_met_and_decided_and_a_pupil_short_of_the_criteria(app, client):
    from inclusion.demo_sen_support import seed_demo_sen_support
    from inclusion.graduated_response import sen_support

    world = build_world()
    senco = world.people["senco_a"]
    with app.test_request_context():
        seed_demo_sen_support([world.school_a, world.school_b], senco, TODAY)
        made = db.session.scalars(select(EhcRequest).order_by(EhcRequest.school_id)).all()
        assert [(r.school_id, r.criteria_met, r.decision) for r in made] == [
            (world.school_a.id, True, "agreed"),
            (world.school_b.id, True, "refused"),
        ]
        rows = {r.pupil_ref: r for r in sen_support.support_register(world.school_a)}
        assert made[0].record_id == rows["SEN-002"].id
        assert unmet(_checked(rows["SEN-003"]))
