"""A form that creates a record, sent twice (a double click, a resend), makes one record."""

from __future__ import annotations

from sqlalchemy import func, select

from inclusion.graduated_response.models import ExclusionIncident, PartTimeTimetable
from inclusion.ui.once import new_token
from tests.access import build_world
from tests.graduated_response.test_incidents import incident_form
from tests.graduated_response.test_records import timetable_form
from tests.pages import PageClient


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def sent_twice(client: PageClient, url: str, form: dict) -> tuple[str, str]:
    """Post the same form, with the same token, two times; returns both redirects."""
    form = form | {"once": new_token()}
    first = client.raw("POST", url, data=form)
    second = client.raw("POST", url, data=form)
    assert (first.status_code, second.status_code) == (302, 302), second.get_data(as_text=True)
    return first.headers["Location"], second.headers["Location"]


def senco_records(app):
    world = build_world()
    return PageClient(app, world.people["senco_a"]), f"/schools/{world.school_a.urn}/records"


def test_a_suspension_sent_twice_is_recorded_once_and_both_land_on_it(app, client, session):
    senco, base = senco_records(app)
    before = count(session, ExclusionIncident)
    first, second = sent_twice(senco, f"{base}/exclusions/new", incident_form())
    assert first == second
    assert count(session, ExclusionIncident) == before + 1


def test_a_part_time_timetable_sent_twice_is_recorded_once(app, client, session):
    senco, base = senco_records(app)
    before = count(session, PartTimeTimetable)
    first, second = sent_twice(senco, f"{base}/part-time-timetables/new", timetable_form())
    assert first == second
    assert count(session, PartTimeTimetable) == before + 1


def test_two_forms_opened_separately_make_two_records(app, client, session):
    senco, base = senco_records(app)
    before = count(session, PartTimeTimetable)
    sent_twice(senco, f"{base}/part-time-timetables/new", timetable_form(pupil_ref="PTT-1"))
    sent_twice(senco, f"{base}/part-time-timetables/new", timetable_form(pupil_ref="PTT-2"))
    assert count(session, PartTimeTimetable) == before + 2


def test_every_create_form_carries_its_token_and_the_button_blocks_a_double_click(app, client):
    senco, base = senco_records(app)
    for path in ("exclusions/new", "part-time-timetables/new"):
        page = senco.get(f"{base}/{path}")
        assert len(page.select_one("input[name=once]")["value"]) >= 16
        assert page.select_one("form button[data-prevent-double-click=true]") is not None
