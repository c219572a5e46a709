"""Suspensions and exclusions by the book: types, outcomes, duplicates, references, the limit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from inclusion.graduated_response import incidents, records
from inclusion.graduated_response.models import ExclusionIncident
from inclusion.security.models import SecurityEvent
from tests.access import build_world
from tests.graduated_response.factories import exclusion_input
from tests.pages import PageClient, error_summary, normalised_text


def incident_form(**changes) -> dict:
    form = {
        "pupil_ref": "EX-020",
        "year_group": "9",
        "sen_status": "sen_support",
        "kind": "suspension",
        "start_date-day": 12,
        "start_date-month": 1,
        "start_date-year": 2027,
        "sessions": 2,
        "reasons": ["DB"],
        "permanent_outcome": "pending",
    }
    return form | changes


@pytest.fixture
def school(app, session):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    return world, senco, f"/schools/{world.school_a.urn}/records/exclusions"


def test_a_lunchtime_suspension_is_kept_as_one_session_whatever_was_typed(school, session):
    _world, senco, base = school
    senco.post(f"{base}/new", incident_form(kind="lunchtime", sessions=6), status=302)
    saved = session.scalar(select(ExclusionIncident).where(ExclusionIncident.kind == "lunchtime"))
    assert saved.sessions == 1
    row = senco.get(f"{base}/").select_one("table tbody tr")
    assert [c.get_text(strip=True) for c in row.select("td")][:3] == ["0", "1", "0.5"]


def test_a_permanent_exclusion_records_its_outcome_and_reinstatement_is_not_counted(school):
    _world, senco, base = school
    senco.post(f"{base}/new", incident_form(kind="permanent", sessions=""), status=302)
    senco.post(
        f"{base}/new",
        incident_form(pupil_ref="EX-021", kind="permanent", permanent_outcome="reinstated"),
        status=302,
    )
    text = normalised_text(senco.get(f"{base}/"))
    assert "Reinstated by the governors" in text
    assert "Waiting for the governors' decision" in text
    spring = senco.get(f"{base}/").select("table")[0].select("tbody tr")[0]
    assert [c.get_text(strip=True) for c in spring.select("td")][-1] == "1"


def test_the_same_incident_twice_is_refused_with_a_link_to_the_first(school, session):
    _world, senco, base = school
    senco.post(f"{base}/new", incident_form(), status=302)
    page = senco.post(f"{base}/new", incident_form())
    assert error_summary(page)[0].startswith("This incident is already recorded")
    first = session.scalar(select(ExclusionIncident).where(ExclusionIncident.pupil_ref == "EX-020"))
    assert page.select_one(".govuk-inset-text a")["href"] == f"{base}/{first.id}"
    count = session.scalar(
        select(ExclusionIncident.id).where(ExclusionIncident.pupil_ref == "EX-020").limit(2)
    )
    assert count == first.id


@pytest.mark.parametrize("name", ["JohnSmith", "Muhammad-Ali", "Smith"])
def test_a_reference_shaped_like_a_name_is_refused(school, name):
    _, senco, base = school
    page = senco.post(f"{base}/new", incident_form(pupil_ref=name))
    assert error_summary(page)[0].startswith("This looks like a name")


def test_a_record_past_45_days_is_refused_until_an_administrator_allows_it(app, school, session):
    world, senco, base = school
    for month, sessions in ((10, 60), (11, 28)):
        senco.post(
            f"{base}/new",
            incident_form(
                sessions=sessions, **{"start_date-month": month, "start_date-year": 2026}
            ),
            status=302,
        )
    refused = senco.post(f"{base}/new", incident_form(sessions=4))
    assert error_summary(refused)[0].startswith("This would take EX-020 to 46 days")
    admin = PageClient(app, world.people["admin"])
    allow = {
        "urn": world.school_a.urn,
        "pupil_ref": "ex-020",
        "academic_year": "2026/27",
        "reason": "Two days were counted at the pupil's previous school",
    }
    admin.post("/council/records/suspension-limit", allow, status=302)
    senco.post(f"{base}/new", incident_form(sessions=4), status=302)
    logged = session.scalar(
        select(SecurityEvent).where(SecurityEvent.kind == "suspension_limit_overridden")
    )
    assert logged.detail == {"school": world.school_a.urn, "year": "2026/27"}


def test_a_retired_reason_stays_on_an_old_record_but_cannot_be_chosen_again(app, school, session):
    world, senco, base = school
    old = ExclusionIncident(
        school_id=world.school_a.id,
        pupil_ref="EX-030",
        year_group="8",
        sen_status="none",
        kind="suspension",
        start_date=date(2026, 11, 2),
        sessions=2,
        reasons=["OT"],
    )
    session.add(old)
    session.flush()
    page = senco.get(f"{base}/{old.id}")
    assert "Other (OT, no longer used)" in normalised_text(page)
    kept = incident_form(
        pupil_ref="EX-030", reasons=["OT"], version="1", **{"start_date-month": 11}
    )
    senco.post(
        f"{base}/{old.id}", kept | {"start_date-day": 2, "start_date-year": 2026}, status=302
    )
    fresh = senco.post(f"{base}/new", incident_form(pupil_ref="EX-031", reasons=["OT"]))
    assert error_summary(fresh) == ["Select between 1 and 3 reasons from the DfE list"]


def test_safeguarding_flags_and_a_missed_exam_are_kept_and_name_the_governors_duty(school, session):
    _world, senco, base = school
    form = incident_form(looked_after="y", child_protection="y", misses_public_exam="y")
    senco.post(f"{base}/new", form, status=302)
    saved = session.scalar(select(ExclusionIncident).where(ExclusionIncident.pupil_ref == "EX-020"))
    assert (saved.looked_after, saved.child_in_need, saved.child_protection) == (True, False, True)
    page = normalised_text(senco.get(f"{base}/{saved.id}"))
    assert "public examination or national curriculum test" in page


def test_the_database_refuses_a_second_live_copy_of_an_incident(app, session):
    """Two submissions at the same instant both pass the service's check: the index stops one."""
    world = build_world()
    given = incidents.normalised(exclusion_input(pupil_ref="EX-040"))
    with app.test_request_context():
        incidents.create_exclusion(world.school_a, given, world.people["senco_a"])
    copy = ExclusionIncident(school_id=world.school_a.id, **records.values_of(given))
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(copy)
        session.flush()
