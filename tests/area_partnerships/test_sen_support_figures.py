"""SEN support figures for partnerships: right counts, always suppressed, no pupil named, and
a fixed number of statements however many schools."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_figures import (
    LATE,
    ON_TIME,
    OVERDUE,
    band_of,
    sen_support_figures,
    spend_bands,
)
from inclusion.graduated_response import cycles
from inclusion.graduated_response.sen_vocab import need_label
from tests.access import build_world
from tests.graduated_response.sen_factories import (
    CYCLE_START,
    outcome_input,
    provision_input,
    record_with_cycle,
    review_input,
)
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries
from tests.schools.factories import MembershipFactory

SIX_THOUSAND = Decimal(6000)
SLCN, SPLD = need_label("SLCN"), need_label("SPLD")


def _pupils(world, count: int, prefix: str, need: str = "SLCN") -> list:
    senco = world.people["senco_a"]
    made = []
    for n in range(count):
        made.append(
            record_with_cycle(
                world.school_a, senco, pupil_ref=f"{prefix}-{n:03d}", primary_need=need
            )
        )
    return made


def _scope(world) -> Scope:
    """The partnership's scope this year, its rows loaded (a commit expires them)."""
    scope = Scope(world.audit.academic_year, world.partnership_a)
    assert scope.year.start_date and scope.partnership.id
    return scope


def test_pupils_are_counted_by_primary_need_and_a_small_count_is_hidden_on_the_page(app, client):
    world = build_world()
    _pupils(world, 6, "LANG")
    _pupils(world, 2, "READ", "SPLD")
    figures = sen_support_figures(_scope(world), date.today(), SIX_THOUSAND)
    assert figures.by_need[SLCN] == 6 and figures.by_need[SPLD] == 2
    lead = PageClient(app, world.people["lead_a"])
    page = lead.get(f"/partnerships/{world.partnership_a.code}/sen-support")
    cells = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in page.select("table")[0].select("tbody tr")
    }
    # 2 is small; 6 is hidden beside it so that the total (8) does not give the 2 away.
    assert cells[SPLD] == "c" and cells[SLCN] == "c" and cells["Total"] == "8"
    assert cells[need_label("HI")] == "0"
    text = normalised_text(page)
    assert "LANG-" not in text and "READ-" not in text and world.school_a.name not in text


def test_reviews_are_on_time_late_or_overdue_against_the_outcomes_target_date(app, client):
    world = build_world()
    senco = world.people["senco_a"]
    (_, on_time), (_, late), (_, overdue) = _pupils(world, 3, "REV")
    target = CYCLE_START + timedelta(weeks=2)
    for cycle in (on_time, late, overdue):
        cycles.add_outcome(cycle, outcome_input(target_date=target), senco)
    cycles.review_cycle(on_time, review_input(on_time, review_date=target), on_time.version, senco)
    later = review_input(
        late, review_date=target + timedelta(days=1), decision="request_assessment"
    )
    cycles.review_cycle(late, later, late.version, senco)
    figures = sen_support_figures(_scope(world), date.today(), SIX_THOUSAND)
    assert figures.reviews == {ON_TIME: 1, LATE: 1, OVERDUE: 1}
    assert figures.decisions["Request an EHC needs assessment"] == 1
    assert figures.decisions["Continue the support as it is"] == 1


def test_spend_is_each_pupils_current_provision_over_38_weeks_banded_around_the_threshold(
    app, client
):
    world = build_world()
    senco = world.people["senco_a"]
    (_, costly), (_, modest), (_, ended), _ = _pupils(world, 4, "SPEND")
    cycles.add_provision(costly, provision_input(weekly_cost="120"), senco)
    cycles.add_provision(costly, provision_input(weekly_cost="40"), senco)
    cycles.add_provision(modest, provision_input(weekly_cost="12.50"), senco)
    gone = provision_input(weekly_cost="500", end_date=date.today() - timedelta(days=1))
    cycles.add_provision(ended, gone, senco)
    figures = sen_support_figures(_scope(world), date.today(), SIX_THOUSAND)
    none, under_1000, middle, over = spend_bands(SIX_THOUSAND)
    # 160 x 38 = 6,080 (at or over 6,000); 12.50 x 38 = 475; ended provision is not current.
    assert figures.spend == {none: 2, under_1000: 1, middle: 0, over: 1}
    assert band_of(Decimal("5999.99"), SIX_THOUSAND) == middle
    assert band_of(Decimal("6000"), SIX_THOUSAND) == over


def test_the_figures_take_five_statements_however_many_schools(app, client):
    world = build_world()
    _pupils(world, 2, "ONE")
    scope = _scope(world)
    with counting_queries(app) as few:
        sen_support_figures(scope, date.today(), SIX_THOUSAND)
    for _ in range(5):
        MembershipFactory(academic_year=world.audit.academic_year, partnership=world.partnership_a)
    _pupils(world, 6, "TWO")
    scope = _scope(world)
    with counting_queries(app) as many:
        sen_support_figures(scope, date.today(), SIX_THOUSAND)
    assert few.count == many.count == 5
