"""The statutory route to the council: notifications, the officer's view, half-termly returns."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from inclusion.graduated_response import council_notices
from inclusion.graduated_response.models import CouncilNotification, TimetableReturn
from inclusion.graduated_response.terms import half_terms_ended
from tests.access import build_world
from tests.graduated_response.test_records import timetable_form
from tests.pages import PageClient, error_summary, normalised_text


@pytest.fixture
def world(app, session):
    return build_world()


def notify_url(world, record_type: str, record_id: int) -> str:
    return f"/schools/{world.school_a.urn}/records/{record_type}/{record_id}/notify"


def test_a_school_tells_the_council_and_an_officer_sees_and_acknowledges_it(app, world, session):
    senco = PageClient(app, world.people["senco_a"])
    url = notify_url(world, "exclusion", world.exclusion_id)
    senco.post(url, {"change": "new", "note": "Parents informed"}, status=302)
    officer = PageClient(app, world.people["officer"])
    text = normalised_text(officer.get("/council/records/"))
    assert "EX-001" in text and world.school_a.name in text
    assert "Persistent disruptive behaviour (DB)" in text and "Parents informed" in text
    notice = session.scalar(select(CouncilNotification))
    officer.post(f"/council/records/{notice.id}/acknowledge", {}, status=302)
    page = senco.get(f"/schools/{world.school_a.urn}/records/exclusions/{world.exclusion_id}")
    assert "Acknowledged" in normalised_text(page.select_one("#council").find_next("table"))


def test_the_council_keeps_what_it_was_told_until_the_school_sends_an_amendment(app, world):
    senco = PageClient(app, world.people["senco_a"])
    url = notify_url(world, "timetable", world.timetable_id)
    senco.post(url, {"change": "new"}, status=302)
    record_url = f"/schools/{world.school_a.urn}/records/part-time-timetables/{world.timetable_id}"
    # Nothing changed: a second "new" and an amendment are both refused.
    senco.post(url, {"change": "amendment"}, status=302)
    assert len(council_notices.notifications_of("timetable", world.timetable_id)) == 1
    _change_hours(senco, record_url, "10")
    officer = PageClient(app, world.people["officer"])
    assert "15 hours a week" in normalised_text(officer.get("/council/records/"))
    senco.post(url, {"change": "amendment"}, status=302)
    text = normalised_text(officer.get("/council/records/"))
    assert "10 hours a week" in text and "Amendment" in text


def _change_hours(senco: PageClient, url: str, hours: str) -> None:
    start = date.today() - timedelta(days=7)
    form = timetable_form(
        pupil_ref="PTT-001",
        year_group="4",
        sen_status="sen_support",
        reason="sen_gradual",
        hours_per_week=hours,
        version="1",
        **{f"start_date-{k}": v for k, v in _parts(start).items()},
        **{f"parental_agreement_date-{k}": v for k, v in _parts(start).items()},
    )
    senco.post(url, form, status=302)


def _parts(day: date) -> dict[str, int]:
    return {"day": day.day, "month": day.month, "year": day.year}


def test_an_unknown_kind_of_notification_is_refused_and_nothing_is_sent(app, world):
    senco = PageClient(app, world.people["senco_a"])
    senco.post(notify_url(world, "exclusion", world.exclusion_id), {"change": "x"}, status=302)
    page = senco.get(f"/schools/{world.school_a.urn}/records/exclusions/{world.exclusion_id}")
    assert "Choose what to tell the council: new, amendment or cancellation" in normalised_text(
        page
    )
    assert council_notices.notifications_of("exclusion", world.exclusion_id) == []


def test_a_cancellation_is_sent_once_and_nothing_follows_it(app, world):
    senco = PageClient(app, world.people["senco_a"])
    url = notify_url(world, "exclusion", world.exclusion_id)
    senco.post(url, {"change": "cancellation"}, status=302)
    assert council_notices.notifications_of("exclusion", world.exclusion_id) == []
    senco.post(url, {"change": "new"}, status=302)
    senco.post(url, {"change": "cancellation"}, status=302)
    senco.post(url, {"change": "cancellation"}, status=302)
    told = council_notices.notifications_of("exclusion", world.exclusion_id)
    assert [n.change for n in told] == ["new", "cancellation"]


def test_an_adviser_a_lead_and_an_administrator_never_see_the_notified_pupils(app, world):
    PageClient(app, world.people["senco_a"]).post(
        notify_url(world, "exclusion", world.exclusion_id), {"change": "new"}, status=302
    )
    for persona in ("adviser_a", "lead_a", "admin"):
        page = PageClient(app, world.people[persona]).get("/council/records/", status=403)
        assert "EX-001" not in normalised_text(page)


def test_a_nil_return_is_a_return_and_a_second_one_is_refused(app, world, session):
    ended = half_terms_ended(date.today())
    senco = PageClient(app, world.people["senco_a"])
    url = f"/schools/{world.school_a.urn}/records/returns"
    senco.post(url, {"half_term": ended[0].number}, status=302)
    made = session.scalar(select(TimetableReturn))
    # The world's only timetable started a week ago, after the first half term ended.
    assert made.timetables == 0 and made.is_nil
    senco.post(url, {"half_term": ended[0].number}, status=302)
    assert len(session.scalars(select(TimetableReturn)).all()) == 1
    assert "Nil return" in normalised_text(senco.get(url))


def test_the_officer_sees_each_schools_returns_with_the_overdue_ones_marked(app, world):
    ended = half_terms_ended(date.today())
    PageClient(app, world.people["senco_a"]).post(
        f"/schools/{world.school_a.urn}/records/returns",
        {"half_term": ended[0].number},
        status=302,
    )
    page = PageClient(app, world.people["officer"]).get("/council/records/returns")
    rows = {
        r.th.get_text(strip=True): [c.get_text(strip=True) for c in r.select("td")]
        for r in page.select("tbody tr")
    }
    assert rows[world.school_a.name][0] == "Nil return"
    assert rows[world.school_b.name][0] == "Overdue"


def test_the_school_week_is_edited_by_its_staff_and_judges_part_time(app, world):
    senco = PageClient(app, world.people["senco_a"])
    url = f"/schools/{world.school_a.urn}/school-week"
    assert error_summary(senco.post(url, {"weekly_hours": "60"})) == [
        "Enter the hours in the school's week, from 10 to 50"
    ]
    senco.post(url, {"weekly_hours": "30"}, status=302)
    page = senco.get(f"/schools/{world.school_a.urn}/records/part-time-timetables")
    assert "15 of 30 (15 missed)" in normalised_text(page)
