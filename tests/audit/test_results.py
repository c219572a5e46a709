"""Results: sections, extremes, change since last year, medians only from five schools."""

from __future__ import annotations

from inclusion.audit.answers import start_audit
from inclusion.audit.lifecycle import submit
from inclusion.auth.roles import Role
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries
from tests.schools.factories import MembershipFactory

LAST_YEAR = {"LG1": 1, "LG2": 1, "CI-U1": 2, "CI-U2": 3, "CI-U3": 0}


def submit_for(app, audit, user) -> None:
    with app.test_request_context():
        submit(audit, user)


def peer_audit(app, world, ratings: dict) -> None:
    """Another school of the same partnership submits an audit."""
    member = MembershipFactory(partnership=world.partnership, academic_year=world.year)
    senco = UserFactory.with_role(Role.SENCO, school=member.school)
    with app.test_request_context():
        audit = start_audit(member.school, world.year, senco)
    answer_all(app, audit, senco, ratings)
    submit_for(app, audit, senco)


def row_cells(page, heading: str) -> list[str]:
    row = next(
        r for r in page.select("tbody tr") if r.th and r.th.get_text(strip=True).startswith(heading)
    )
    return [cell.get_text(" ", strip=True) for cell in row.select("td")]


def test_results_show_each_section_with_its_level_and_score(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"LG1": 0, "LG2": 3, "CI-U2": 3})
    submit_for(app, audit, world.senco)
    page = PageClient(app, world.head).get(world.url("results"))
    lg = row_cells(page, "Leadership and governance")
    assert lg[0].startswith("Emerging") and "Capped" in lg[0]
    assert lg[1] == "1.00"
    assert row_cells(page, "Communication and interaction")[1] == "2.33"


def test_medians_are_hidden_until_five_schools_contribute(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    submit_for(app, audit, world.senco)
    for _ in range(3):
        peer_audit(app, world, {code: 3 for code in ALL_ESTABLISHED})
    page = PageClient(app, world.senco).get(world.url("results"))
    assert row_cells(page, "Leadership and governance")[2:4] == ["Not shown", "Not shown"]
    peer_audit(app, world, {code: 3 for code in ALL_ESTABLISHED})
    page = PageClient(app, world.senco).get(world.url("results"))
    assert row_cells(page, "Leadership and governance")[2:4] == ["3.00", "3.00"]


def test_change_since_last_year_uses_the_mapped_standards(app, world):
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    submit_for(app, audit, world.senco)
    page = PageClient(app, world.senco).get(world.url("results"))
    assert row_cells(page, "LG1")[1:] == ["Emerging", "Up 1"]
    assert row_cells(page, "CI-U2")[1:] == ["Embedded", "Down 1"]
    assert row_cells(page, "CI-U4")[1:] == ["New, not comparable", "-"]


def test_results_before_submission_are_marked_provisional(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, {"LG1": 3})
    text = normalised_text(PageClient(app, world.senco).get(world.url("results")))
    assert "provisional" in text


def test_section_pages_issue_the_same_number_of_queries_whatever_their_size(app, world):
    begin(app, world)
    senco = PageClient(app, world.senco)
    counts = []
    for url in (world.url("sections/LG"), world.url("sections/CI-U")):  # 2 standards, then 3
        with counting_queries(app) as counter:
            senco.get(url)
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_the_results_page_issues_the_same_number_of_queries_whatever_the_framework_size(app, world):
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    submit_for(app, audit, world.senco)
    senco = PageClient(app, world.senco)
    counts = []
    # Five standards last year, eight this year.
    small, large = world.url("results", year=world.last_year), world.url("results")
    for url in (small, large):
        with counting_queries(app) as counter:
            senco.get(url)
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_the_council_median_counts_open_schools_in_a_partnership_only_f1(app, world):
    from sqlalchemy import select

    from inclusion.extensions import db
    from inclusion.schools.models import School

    audit = begin(app, world)
    answer_all(app, audit, world.senco, {code: 3 for code in ALL_ESTABLISHED})
    submit_for(app, audit, world.senco)
    for _ in range(4):
        peer_audit(app, world, {code: 3 for code in ALL_ESTABLISHED})
    page = PageClient(app, world.senco).get(world.url("results"))
    assert row_cells(page, "Leadership and governance")[3] == "3.00"
    peer = db.session.scalar(select(School).where(School.id != world.school.id).limit(1))
    peer.is_open = False
    db.session.commit()
    page = PageClient(app, world.senco).get(world.url("results"))
    assert row_cells(page, "Leadership and governance")[2:4] == ["Not shown", "Not shown"]
