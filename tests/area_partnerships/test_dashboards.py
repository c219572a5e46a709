"""Partnership and council dashboards: figures against independent counts, suppression, access."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from zipfile import ZipFile

import pytest

from inclusion.area_partnerships.audit_figures import Heatmap
from inclusion.area_partnerships.prompts import triangulation_prompts
from inclusion.area_partnerships.record_figures import ExclusionLine
from inclusion.graduated_response import incidents
from tests.access import build_world
from tests.graduated_response.factories import exclusion_input
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries
from tests.schools.factories import MembershipFactory, SchoolFactory


def dashboard(app, world, persona: str, partnership=None, status: int = 200):
    code = (partnership or world.partnership_a).code
    return PageClient(app, world.people[persona]).get(
        f"/partnerships/{code}/dashboard", status=status
    )


def cells_of(page, heading: str) -> list[str]:
    for row in page.select("tr"):
        if row.th and row.th.get_text(strip=True) == heading:
            return [cell.get_text(strip=True) for cell in row.select("td")]
    raise AssertionError(f"no row {heading!r}")


def suspend(app, world, school, pupils: int) -> None:
    with app.test_request_context():
        for n in range(pupils):
            given = exclusion_input(
                pupil_ref=f"EX-{n:03d}", start_date=date(2026, 10, 5), sessions=2
            )
            incidents.create_exclusion(school, given, world.people["senco_a"])


def test_participation_counts_each_school_once_by_its_audit_status(app, client):
    world = build_world()
    page = PageClient(app, world.people["admin"]).get("/council/dashboard")
    assert cells_of(page, "In progress") == ["1"]
    assert cells_of(page, "Not started") == ["1"]
    assert "0 of 2 schools (0%) have submitted" in normalised_text(page)


def test_small_suspension_counts_are_shown_as_c_and_their_rates_too(app, client):
    world = build_world()  # school A has one suspension
    page = dashboard(app, world, "adviser_a")
    assert cells_of(page, world.school_a.name)[1:3] == ["c", "c"]


def test_counts_of_five_or_more_are_shown_with_their_rate_per_hundred(app, client):
    world = build_world()
    suspend(app, world, world.school_a, 6)  # 7 suspensions of 6 pupils (EX-001 twice), 200 on roll
    row = cells_of(dashboard(app, world, "adviser_a"), world.school_a.name)
    assert row[:5] == ["200", "7", "3.50", "6", "3.00"]


def test_a_single_small_school_is_not_recoverable_from_the_partnership_total(app, client):
    world = build_world()
    other = MembershipFactory(
        partnership=world.partnership_a, academic_year=world.audit.academic_year
    )
    suspend(app, world, other.school, 6)
    page = dashboard(app, world, "adviser_a")
    small = cells_of(page, world.school_a.name)[1]
    large = cells_of(page, other.school.name)[1]
    assert small == "c" and large == "c"  # 1 and 6: the 6 goes too, or 7 - 6 reveals the 1


def test_a_partnership_lead_sees_aggregates_but_no_school(app, client):
    world = build_world()
    text = normalised_text(dashboard(app, world, "lead_a"))
    assert world.school_a.name not in text
    assert "Prompts for a conversation" not in text


def test_a_lead_cannot_open_another_partnerships_dashboard(app, client):
    world = build_world()
    dashboard(app, world, "lead_a", world.partnership_b, status=404)
    dashboard(app, world, "senco_a", status=404)


def test_only_administrators_see_the_council_dashboard(app, client):
    world = build_world()
    PageClient(app, world.people["adviser_a"]).get("/council/dashboard", status=403)


def test_the_dashboard_issues_the_same_number_of_queries_however_many_schools(app, client):
    world = build_world()
    url = f"/partnerships/{world.partnership_a.code}/dashboard"
    adviser = PageClient(app, world.people["adviser_a"])
    counts = []
    for extra in (0, 5):
        for _ in range(extra):
            MembershipFactory(
                partnership=world.partnership_a, academic_year=world.audit.academic_year
            )
        with counting_queries(app) as counter:
            adviser.get(url)
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_a_prompt_is_raised_for_strong_self_ratings_beside_a_top_quarter_suspension_rate():
    schools = [SchoolFactory.build(id=n, name=f"School {n}") for n in range(1, 6)]
    heatmap = Heatmap([("PW", "Pastoral and wellbeing")], [(schools[0], {"PW": (2.5, "green")})])
    lines = [
        ExclusionLine(s.name, 100, suspensions=count, school=s)
        for s, count in zip(schools, (12, 1, 2, 3, 0), strict=True)
    ]
    prompts = triangulation_prompts(heatmap, lines, {})
    assert [(p.school.name, p.measure) for p in prompts] == [("School 1", "suspension rate")]
    assert "Worth a conversation" in prompts[0].text


def test_the_export_matches_the_page_and_hides_schools_from_a_lead(app, client):
    import openpyxl

    world = build_world()
    suspend(app, world, world.school_a, 6)
    url = f"/partnerships/{world.partnership_a.code}/dashboard.xlsx"
    adviser = PageClient(app, world.people["adviser_a"])
    book = openpyxl.load_workbook(BytesIO(adviser.raw("GET", url).data))
    assert "Audit results" in book.sheetnames and "Notes" in book.sheetnames
    rows = {r[0]: r for r in book["Suspensions"].iter_rows(min_row=2, values_only=True)}
    page_row = cells_of(dashboard(app, world, "adviser_a"), world.school_a.name)
    assert [float(v) for v in rows[world.school_a.name][1:6]] == [float(v) for v in page_row[:5]]
    with ZipFile(BytesIO(adviser.raw("GET", url).data)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 2  # participation and area medians
    lead_book = openpyxl.load_workbook(
        BytesIO(PageClient(app, world.people["lead_a"]).raw("GET", url).data)
    )
    assert "Audit results" not in lead_book.sheetnames
    names = [r[0] for r in lead_book["Suspensions"].iter_rows(min_row=2, values_only=True)]
    assert names == [world.partnership_a.name]
    assert not any(c.data_type == "f" for s in lead_book for row in s.iter_rows() for c in row)


def test_topics_three_schools_need_get_a_session_and_the_rest_are_combined():
    from inclusion.area_partnerships.audit_figures import TrainingNeedLine, suggested_sessions

    schools = [SchoolFactory.build(id=n, name=f"S{n}") for n in range(1, 5)]
    lines = [
        TrainingNeedLine("a", "Autism", schools[:3], 0, 3),
        TrainingNeedLine("b", "Dyslexia", schools[:1], 1, 0),
        TrainingNeedLine("c", "Hearing", schools[1:3], 0, 2),
    ]
    sessions = suggested_sessions(lines)
    assert [(s.topics, len(s.schools)) for s in sessions] == [
        (["Autism"], 3),
        (["Dyslexia", "Hearing"], 3),
    ]


def test_the_trend_counts_each_academic_year_from_dfes_first_of_august(app, client):
    from inclusion.area_partnerships.record_figures import exclusion_trend
    from inclusion.area_partnerships.scope import Scope

    world = build_world()  # one suspension on 6 October 2026
    with app.test_request_context():
        for pupil, day in (("EX-900", date(2026, 7, 31)), ("EX-901", date(2026, 8, 1))):
            given = exclusion_input(pupil_ref=pupil, start_date=day)
            incidents.create_exclusion(world.school_a, given, world.people["senco_a"])
        trend = exclusion_trend(Scope(world.audit.academic_year, world.partnership_a))
    assert trend == [("2025/26", 1, 0), ("2026/27", 2, 0)]


def test_a_council_too_big_to_list_shows_totals_and_points_to_the_spreadsheet(app, client):
    world = build_world()
    app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] = 1  # the world has two schools
    try:
        page = PageClient(app, world.people["admin"]).get("/council/dashboard")
    finally:
        app.config["DASHBOARD_SCHOOL_LIST_LIMIT"] = 1000

    text = normalised_text(page)
    assert "This view covers 2 schools, too many to list on one page" in text
    assert world.school_a.name not in text and world.school_b.name not in text
    assert cells_of(page, "Whole council")[0] == str(
        world.school_a.pupils_on_roll + world.school_b.pupils_on_roll
    )


def test_each_school_behind_a_training_need_links_to_its_results_for_an_adviser(
    app, client, session
):
    from sqlalchemy import select

    from inclusion.audit.models import TrainingNeed, TrainingTopic

    world = build_world()
    topic = session.scalar(
        select(TrainingTopic).where(TrainingTopic.framework_id == world.audit.framework_id)
    )
    session.add(TrainingNeed(audit_id=world.audit.id, topic_code=topic.code, source="requested"))
    session.commit()  # the dashboard's figures are kept up to date as the transaction commits

    page = dashboard(app, world, "adviser_a")

    row = next(
        r
        for r in page.select("#training-caption")[0].find_parent("table").select("tbody tr")
        if r.th.get_text() == topic.title
    )
    link = row.select_one("a")
    assert link.get_text() == world.school_a.name
    assert link["href"] == world.audit_url("results").rstrip("/")


def add_scored_audits(world, partnership, scores: list[float]) -> None:
    """Schools of `partnership` whose latest snapshot scores area LG as given."""
    from inclusion.audit.models import Audit, ScoreSnapshot, SnapshotAreaScore
    from inclusion.extensions import db

    year, framework = world.audit.academic_year, world.audit.framework
    for score in scores:
        member = MembershipFactory(partnership=partnership, academic_year=year)
        audit = Audit(school_id=member.school.id, academic_year=year, framework=framework)
        audit.status = "submitted"
        db.session.add(audit)
        db.session.flush()
        snapshot = ScoreSnapshot(
            audit_id=audit.id,
            stage="submitted",
            framework_id=framework.id,
            framework_version=framework.version,
            results={},
        )
        snapshot.area_scores.append(
            SnapshotAreaScore(area_code="LG", title="Leadership", position=1, score=score)
        )
        db.session.add(snapshot)
        db.session.flush()
        audit.latest_snapshot_id = snapshot.id
    db.session.flush()


@pytest.mark.parametrize(
    "scores",
    [
        [1.0, 2.0, 3.0, 2.5, 0.5],
        [0.5, 1.0, 1.0, 2.0, 2.5, 3.0],
        [2.25, 2.25, 2.25, 1.75, 1.5, 3.0, 0.0],
        [1.0, 2.0, 3.0, 2.5],
    ],
)
def test_the_councils_median_from_the_database_is_the_median_of_its_scores(scores, app, client):
    from statistics import median

    from inclusion.area_partnerships.audit_figures import medians_by_area
    from inclusion.area_partnerships.scope import Scope

    world = build_world()
    add_scored_audits(world, world.partnership_b, scores)

    with app.test_request_context():
        found = medians_by_area(Scope(world.audit.academic_year, None))

    expected = round(median(scores), 2) if len(scores) >= 5 else None
    assert found.get("LG") == expected
