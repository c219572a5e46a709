"""Schools keep part-time timetables and suspensions: rules, history, soft delete, privacy."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from inclusion.graduated_response.models import PartTimeTimetable, RecordChange
from tests.access import build_world
from tests.pages import PageClient, error_summary, normalised_text


def timetable_form(**changes) -> dict:
    start = date.today() - timedelta(days=3)
    end = start + timedelta(weeks=6)
    form = {
        "pupil_ref": "ptt-002",
        "year_group": "9",
        "sen_status": "ehc_plan",
        "reason": "semh_pastoral",
        "reason_other": "",
        "hours_per_week": "12.5",
        "linked_plan": "psp",
        "outcome": "",
        "start_date-day": start.day,
        "start_date-month": start.month,
        "start_date-year": start.year,
        "planned_end_date-day": end.day,
        "planned_end_date-month": end.month,
        "planned_end_date-year": end.year,
    }
    return form | changes


def staff(app):
    world = build_world()
    return world, PageClient(app, world.people["senco_a"]), f"/schools/{world.school_a.urn}/records"


def test_a_senco_adds_a_part_time_timetable_and_sees_it_in_the_register(app, client):
    _, senco, base = staff(app)
    senco.post(f"{base}/part-time-timetables/new", timetable_form(), status=302)
    text = normalised_text(senco.get(f"{base}/part-time-timetables"))
    assert "PTT-002" in text and "12.5 of 32.5 (20 missed)" in text and "Council not told" in text


def test_managing_behaviour_is_refused_as_a_reason_with_the_reason_why(app, client):
    _, senco, base = staff(app)
    page = senco.post(f"{base}/part-time-timetables/new", timetable_form(reason="behaviour"))
    assert "Managing behaviour is not one" in error_summary(page)[0]
    page = senco.post(
        f"{base}/part-time-timetables/new",
        timetable_form(reason="other", reason_other="To manage his behaviour at lunchtime"),
    )
    assert error_summary(page)[0].startswith(
        "The guidance says a part-time timetable must not be used to manage behaviour"
    )


def test_the_schools_full_week_and_an_end_before_the_start_are_refused(app, client):
    _, senco, base = staff(app)
    page = senco.post(f"{base}/part-time-timetables/new", timetable_form(hours_per_week="32.5"))
    assert "Enter fewer than 32.5 hours" in error_summary(page)[0]
    page = senco.post(
        f"{base}/part-time-timetables/new", timetable_form(**{"planned_end_date-year": "2001"})
    )
    assert error_summary(page) == ["The planned end date must be after the start date"]


def test_a_name_or_a_upn_is_refused_as_a_pupil_reference(app, client):
    _, senco, base = staff(app)
    page = senco.post(f"{base}/part-time-timetables/new", timetable_form(pupil_ref="Jamie Smith"))
    assert "no spaces or names" in error_summary(page)[0]
    page = senco.post(f"{base}/part-time-timetables/new", timetable_form(pupil_ref="A123456789012"))
    assert "looks like a unique pupil number" in error_summary(page)[0]


def test_an_impossible_date_gets_the_govuk_message_and_links_to_the_day_box(app, client):
    _, senco, base = staff(app)
    page = senco.post(
        f"{base}/part-time-timetables/new", timetable_form(**{"start_date-month": "13"})
    )
    assert error_summary(page) == ["Start date must be a real date, like 27 3 2027"]
    assert page.select_one(".govuk-error-summary a")["href"] == "#start_date-day"


def test_overdue_reviews_come_first_in_the_register(app, client, session):
    _, senco, base = staff(app)
    old = date.today() - timedelta(weeks=5)
    form = timetable_form(
        pupil_ref="OLD-1",
        **{"start_date-day": old.day, "start_date-month": old.month, "start_date-year": old.year},
    )
    senco.post(f"{base}/part-time-timetables/new", form, status=302)
    rows = senco.get(f"{base}/part-time-timetables").select("tbody tr")
    assert rows[0].th.get_text(strip=True) == "OLD-1"
    assert "Review overdue" in rows[0].get_text()


def test_changes_are_kept_in_history_and_a_stale_edit_is_refused(app, client, session):
    world, senco, base = staff(app)
    url = f"{base}/part-time-timetables/{world.timetable_id}"
    form = timetable_form(pupil_ref="PTT-001", hours_per_week="10", version="1")
    senco.post(url, form, status=302)
    page = senco.post(url, form | {"hours_per_week": "11"})
    assert "Someone else changed this record" in error_summary(page)[0]
    changes = session.scalars(
        select(RecordChange).where(
            RecordChange.record_id == world.timetable_id, RecordChange.field == "hours_per_week"
        )
    ).all()
    assert [(c.old_value, c.new_value) for c in changes] == [(None, "15"), ("15", "10")]


def test_a_review_is_recorded_and_clears_the_overdue_warning(app, client):
    world, senco, base = staff(app)
    today = date.today()
    form = {
        "review_date-day": today.day,
        "review_date-month": today.month,
        "review_date-year": today.year,
        "note": "Going well",
    }
    senco.post(f"{base}/part-time-timetables/{world.timetable_id}/reviews", form, status=302)
    assert "Going well" in normalised_text(
        senco.get(f"{base}/part-time-timetables/{world.timetable_id}")
    )


def test_deleting_is_soft_needs_a_reason_and_is_listed_for_administrators(app, client, session):
    world, senco, base = staff(app)
    url = f"{base}/timetable/{world.timetable_id}/delete"
    assert error_summary(senco.post(url, {"reason": ""})) == [
        "Say why you are deleting this record"
    ]
    senco.post(url, {"reason": "Entered twice"}, status=302)
    senco.get(f"{base}/part-time-timetables/{world.timetable_id}", status=404)
    assert session.get(PartTimeTimetable, world.timetable_id).deleted_at is not None
    text = normalised_text(PageClient(app, world.people["admin"]).get("/admin/deleted-records/"))
    assert "Entered twice" in text and world.school_a.name in text


def test_suspensions_give_termly_totals_and_a_governors_review_warning(app, client):
    _, senco, base = staff(app)
    for day, sessions in ((6, 20), (20, 10)):
        form = {
            "pupil_ref": "EX-009",
            "year_group": "8",
            "sen_status": "sen_support",
            "kind": "suspension",
            "start_date-day": day,
            "start_date-month": 10,
            "start_date-year": 2026,
            "sessions": sessions,
            "reasons": ["DB", "VA"],
        }
        senco.post(f"{base}/exclusions/new", form, status=302)
    text = normalised_text(senco.get(f"{base}/exclusions/"))
    assert "EX-009: 15 days of suspension in the Autumn term 2026/27" in text
    row = senco.get(f"{base}/exclusions/").select_one("table tbody tr")
    assert [c.get_text(strip=True) for c in row.select("td")] == ["3", "0", "17", "2", "0"]


def test_more_than_three_reasons_are_refused(app, client):
    _, senco, base = staff(app)
    form = {
        "pupil_ref": "EX-010",
        "year_group": "8",
        "sen_status": "none",
        "kind": "suspension",
        "start_date-day": 1,
        "start_date-month": 10,
        "start_date-year": 2026,
        "sessions": 2,
        "reasons": ["DB", "VA", "PP", "TH"],
    }
    assert error_summary(senco.post(f"{base}/exclusions/new", form)) == [
        "Select between 1 and 3 reasons from the DfE list"
    ]


def test_an_adviser_and_an_administrator_cannot_open_pupil_level_records(app, client):
    world = build_world()
    for persona in ("adviser_a", "admin"):
        visitor = PageClient(app, world.people[persona])
        page = visitor.get(
            f"/schools/{world.school_a.urn}/records/part-time-timetables/{world.timetable_id}",
            status=403,
        )
        assert "PTT-001" not in normalised_text(page)


def test_the_provision_offer_is_saved_per_need_and_level(app, client):
    world, senco, _ = staff(app)
    url = f"/schools/{world.school_a.urn}/provision/semh/sen-support"
    senco.post(url, {"description": "Nurture group twice a week", "version": ""}, status=302)
    text = normalised_text(
        PageClient(app, world.people["adviser_a"]).get(f"/schools/{world.school_a.urn}/provision/")
    )
    assert "Nurture group twice a week" in text
