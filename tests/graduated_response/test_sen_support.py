"""SEN support records through the pages: adding, editing with history, refusals that keep what
was typed, the same pupil's other records, and a register whose queries do not grow."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inclusion.errors import InvalidInput
from inclusion.graduated_response import cycles, sen_support
from inclusion.graduated_response.sen_vocab import BROAD_AREA, NEED_CODES
from inclusion.versioning import StaleVersion
from tests.access import build_world
from tests.graduated_response.sen_factories import (
    CYCLE_START,
    outcome_input,
    record_with_cycle,
    review_input,
    support_input,
)
from tests.pages import PageClient, error_summary, normalised_text
from tests.queries import counting_queries

EARLY = CYCLE_START - timedelta(days=1)


def record_form(**changes) -> dict:
    placed = date.today() - timedelta(weeks=30)
    form = {
        "pupil_ref": "sen-014",
        "year_group": "4",
        "sen_status": "sen_support",
        "primary_need": "SPLD",
        "secondary_need": "",
        "placed_on_support-day": placed.day,
        "placed_on_support-month": placed.month,
        "placed_on_support-year": placed.year,
        "fsm": "y",
    }
    return form | changes


def staff(app):
    world = build_world()
    base = f"/schools/{world.school_a.urn}/records/sen-support"
    return world, PageClient(app, world.people["senco_a"]), base


def test_a_senco_records_a_pupil_and_sees_the_need_and_its_broad_area(app, client):
    _, senco, base = staff(app)
    senco.post(f"{base}/new", record_form(), status=302)
    page = senco.get(senco.last_response.headers["Location"])
    text = normalised_text(page)
    assert page.h1.get_text(strip=True) == "SEN support for SEN-014"
    assert "Specific learning difficulty (SpLD)" in text
    assert "Broad area of need Cognition and learning" in text
    listed = normalised_text(senco.get(f"{base}/"))
    assert "SEN-014" in listed and "None open" in listed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pupil_ref": "JamieSmith"}, "This looks like a name"),
        ({"pupil_ref": "A123456789012"}, "looks like a unique pupil number"),
        ({"primary_need": "DYSLEXIA"}, "Select the pupil's primary type of need"),
        ({"sen_status": "none"}, "Select SEN support or EHC plan"),
        ({"secondary_need": "SPLD"}, "The secondary need must differ from the primary need"),
        ({"placed_on_support-year": str(date.today().year + 1)}, "cannot be in the future"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_what_was_typed_is_kept(
    app, client, changes, message
):
    _, senco, base = staff(app)
    page = senco.post(f"{base}/new", record_form(**changes))
    assert message in error_summary(page)[0]
    assert page.select_one("#year_group option[selected]")["value"] == "4"
    assert page.select_one("#fsm").has_attr("checked")
    assert normalised_text(senco.get(f"{base}/")).count("SEN-") == 0


def test_an_edit_is_kept_in_the_history_and_a_stale_one_is_refused(app, client):
    world, senco, base = staff(app)
    record = sen_support.create_support_record(world.school_a, support_input(), senco.user)
    url = f"{base}/{record.id}"
    senco.post(url, record_form(pupil_ref="SEN-001", version=record.version), status=302)
    page = senco.get(url)
    rows = [normalised_text(r) for r in page.select("table tbody tr")]
    assert any(
        "Primary type of need changed from Speech, language and communication needs (SLCN) to "
        "Specific learning difficulty (SpLD)" in r
        for r in rows
    )
    stale = senco.post(url, record_form(pupil_ref="SEN-001", year_group="6", version="1"))
    assert "Someone else changed this record" in error_summary(stale)[0]
    with pytest.raises(StaleVersion):
        sen_support.update_support_record(record, support_input(year_group="6"), 1, senco.user)


def test_a_second_record_for_the_same_pupil_is_refused(app, client):
    world, senco, _ = staff(app)
    sen_support.create_support_record(world.school_a, support_input(), senco.user)
    with pytest.raises(InvalidInput, match="already has a SEN support record"):
        sen_support.create_support_record(world.school_a, support_input(), senco.user)


def test_the_record_links_the_same_pupils_timetables_and_suspensions(app, client):
    world, senco, base = staff(app)
    # The access world's school A has timetable PTT-001 and suspension EX-001.
    record = sen_support.create_support_record(
        world.school_a, support_input(pupil_ref="PTT-001"), senco.user
    )
    page = senco.get(f"{base}/{record.id}")
    links = [a["href"] for a in page.select("a.govuk-link")]
    assert (
        f"/schools/{world.school_a.urn}/records/part-time-timetables/{world.timetable_id}" in links
    )
    assert not any(f"/exclusions/{world.exclusion_id}" in href for href in links)


def test_a_cycle_page_shows_the_review_and_corrections_and_no_more_edit_forms(app, client):
    world, senco, base = staff(app)
    record, cycle = record_with_cycle(world.school_a, senco.user)
    cycle_url = f"{base}/{record.id}/cycles/{cycle.id}"
    page = senco.post(
        f"{cycle_url}/outcomes",
        {"description": "Reads 40 words a minute", "measure": "", "target_date-day": "1"},
    )
    assert "Say how progress will be measured" in error_summary(page)
    assert page.select_one("#description").get_text() == "Reads 40 words a minute"
    cycles.add_outcome(cycle, outcome_input(), senco.user)
    page = senco.post(
        f"{cycle_url}/review",
        {
            "review_date-day": EARLY.day,
            "review_date-month": EARLY.month,
            "review_date-year": EARLY.year,
            "decision": "continue",
            f"progress-{cycle.outcomes[0].id}": "Met",
            "version": cycle.version,
        },
    )
    assert error_summary(page) == ["The review cannot be before the cycle started"]
    cycles.review_cycle(
        cycle, review_input(cycle, decision="request_assessment"), cycle.version, senco.user
    )
    senco.post(
        f"{cycle_url}/corrections",
        {
            "corrected_on-day": date.today().day,
            "corrected_on-month": date.today().month,
            "corrected_on-year": date.today().year,
            "correction": "The review was with both parents",
        },
        status=302,
    )
    page = senco.get(cycle_url)
    text = normalised_text(page)
    assert "Request an EHC needs assessment" in text
    assert "The review was with both parents" in text
    assert page.select_one(f"form[action$='/cycles/{cycle.id}/outcomes']") is None
    assert page.select_one(f"form[action$='/cycles/{cycle.id}/review']") is None


def test_the_register_takes_the_same_statements_however_many_pupils_and_cycles(app, client):
    world, senco, base = staff(app)
    record_with_cycle(world.school_a, senco.user, pupil_ref="SEN-100")
    senco.get(f"{base}/")
    with counting_queries(app) as one:
        senco.get(f"{base}/")
    for n in range(8):
        record_with_cycle(world.school_a, senco.user, pupil_ref=f"SEN-2{n:02d}")
    with counting_queries(app) as nine:
        page = senco.get(f"{base}/")
    assert len(page.select("tbody tr")) == 9
    assert one.count == nine.count


def test_every_census_code_but_other_and_no_assessment_has_a_broad_area():
    assert set(NEED_CODES) - set(BROAD_AREA) == {"OTH", "NSA"}


def test_the_demo_pupils_are_in_realistic_states_and_seeding_twice_adds_none(app, client):
    from inclusion.demo_sen_support import seed_demo_sen_support

    world, senco, base = staff(app)
    assert seed_demo_sen_support([world.school_a], senco.user, date.today()) == 5
    assert seed_demo_sen_support([world.school_a], senco.user, date.today()) == 0
    rows = {r.pupil_ref: r for r in sen_support.support_register(world.school_a)}
    decisions = {ref: [c.review_decision for c in r.cycles] for ref, r in rows.items()}
    assert decisions["SEN-002"] == ["continue", "request_assessment"]
    assert decisions["PTT-001"] == ["change", ""]
    assert decisions["SEN-005"] == []
    second = rows["SEN-002"].cycles[1]
    assert any(a.source == "ep" for a in second.assessments)
    page = senco.get(f"{base}/{rows['PTT-001'].id}")
    assert "Part-time timetable from" in normalised_text(page)


def test_advisers_leads_administrators_and_officers_see_no_sen_support_record(app, client):
    world, senco, base = staff(app)
    record, cycle = record_with_cycle(world.school_a, senco.user, pupil_ref="SEN-321")
    urls = [f"{base}/", f"{base}/{record.id}", f"{base}/{record.id}/cycles/{cycle.id}"]
    for persona in ("adviser_a", "adviser_b", "lead_a", "admin", "officer", "senco_b"):
        visitor = PageClient(app, world.people[persona])
        for url in urls:
            response = visitor.raw("GET", url)
            assert response.status_code in (403, 404), (persona, url)
            assert "SEN-321" not in response.get_data(as_text=True)
    assert "SEN-321" in normalised_text(PageClient(app, world.people["head_a"]).get(f"{base}/"))


def test_the_history_says_each_cycle_step_in_the_forms_words(app, client):
    world, senco, base = staff(app)
    record, cycle = record_with_cycle(world.school_a, senco.user)
    cycles.add_outcome(cycle, outcome_input(), senco.user)
    cycles.review_cycle(cycle, review_input(cycle, decision="end"), cycle.version, senco.user)
    cycles.add_correction(cycle, date.today(), "Both parents came", senco.user)
    text = normalised_text(senco.get(f"{base}/{record.id}"))
    assert "Cycle 1" in text and "Target date:" in text
    assert "Decision: End SEN support: the outcomes are met" in text
    assert "Correction: “" in text and "Both parents came" in text
