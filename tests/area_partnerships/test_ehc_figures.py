"""Requests for an EHC needs assessment in the partnership figures, and the KPI "EHC needs
assessments refused" by school and by partnership: right counts, always suppressed."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_figures import (
    WAITING,
    refused_by_area,
    sen_support_figures,
)
from inclusion.extensions import db
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.graduated_response.sen_support_models import SenSupportRecord
from tests.access import build_world
from tests.graduated_response.sen_factories import record_with_cycle
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries

TODAY = date.today()


def _requests(world, *decisions: str, school=None) -> None:
    """One pupil and one request for each decision ("" waiting), produced and decided today."""
    school = school or world.school_a
    senco = world.people["senco_a" if school == world.school_a else "senco_b"]
    for n, decision in enumerate(decisions):
        record, _ = record_with_cycle(school, senco, pupil_ref=f"EHC{school.id}-{n:03d}")
        db.session.add(
            EhcRequest(
                number=f"EHC-{school.id:04d}-{n:04d}",
                school_id=school.id,
                record_id=record.id,
                produced_on=TODAY,
                criteria_met=True,
                decision=decision,
                decided_on=TODAY if decision else None,
            )
        )
    db.session.commit()


def _table(page, caption: str) -> dict[str, str]:
    table = next(t for t in page.select("table") if caption in t.caption.get_text())
    return {r.th.get_text(strip=True): r.td.get_text(strip=True) for r in table.select("tbody tr")}


def test_requests_are_counted_by_the_councils_decision(app, client):
    world = build_world()
    _requests(world, "agreed", "refused", "refused", "")
    scope = Scope(world.audit.academic_year, world.partnership_a)
    figures = sen_support_figures(scope, TODAY, 6000)
    assert figures.requests == {WAITING: 1, "Agreed to assess": 1, "Refused to assess": 2}
    assert refused_by_area(scope) == {world.school_a.name: 2}
    council = refused_by_area(scope.council())
    assert council == {world.partnership_a.name: 2, world.partnership_b.name: 0}


def test_a_deleted_record_or_a_refusal_dated_another_year_is_not_counted(app, client):
    world = build_world()
    _requests(world, "refused", "refused")
    first, second = db.session.scalars(select(EhcRequest).order_by(EhcRequest.id)).all()
    db.session.get(SenSupportRecord, first.record_id).deleted_at = db.func.now()
    second.decided_on = world.audit.academic_year.start_date - timedelta(days=1)
    db.session.commit()
    scope = Scope(world.audit.academic_year, world.partnership_a)
    assert refused_by_area(scope) == {world.school_a.name: 0}


def test_refusals_by_school_are_suppressed_and_shown_only_to_who_sees_each_school(app, client):
    world = build_world()
    _requests(world, "refused", "refused", "agreed")
    url = f"/partnerships/{world.partnership_a.code}/sen-support"
    adviser = PageClient(app, world.people["adviser_a"]).get(url)
    refused = _table(adviser, "EHC needs assessments refused")
    assert refused[world.school_a.name] == "c" and refused["Total"] == "c"
    requests = _table(adviser, "Requests for an EHC needs assessment")
    assert set(requests.values()) == {"c", "0"}
    lead = PageClient(app, world.people["lead_a"]).get(url)
    assert "EHC needs assessments refused" not in normalised_text(lead)
    assert world.school_a.name not in normalised_text(lead)
    assert "EHC" + str(world.school_a.id) not in normalised_text(adviser)  # no pupil reference


def test_five_refusals_are_shown_and_the_council_sees_them_by_partnership(app, client):
    world = build_world()
    _requests(world, *["refused"] * 5)
    adviser = PageClient(app, world.people["adviser_a"])
    page = adviser.get(f"/partnerships/{world.partnership_a.code}/sen-support")
    assert _table(page, "EHC needs assessments refused")[world.school_a.name] == "5"
    officer = PageClient(app, world.people["officer"]).get("/council/sen-support")
    by_partnership = _table(officer, "EHC needs assessments refused")
    assert by_partnership[world.partnership_a.name] == "5"
    assert by_partnership[world.partnership_b.name] == "0"


def test_the_refusals_take_one_statement_however_many_schools(app, client):
    world = build_world()
    scope = Scope(world.audit.academic_year, None)
    assert scope.year.start_date
    with counting_queries(app) as one:
        refused_by_area(scope)
    _requests(world, "refused", "refused")
    _requests(world, "refused", school=world.school_b)
    assert scope.year.start_date  # loaded again after the commits, outside the count
    with counting_queries(app) as more:
        assert sum(refused_by_area(scope).values()) == 3
    assert one.count == more.count == 1
