"""Working through the checklist: "Save and next item" in checklist order, "item 3 of 33",
the print view with every answer, and the checklist's standing on the dashboard."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.send_report import progress
from inclusion.send_report.checklists import ItemAnswer, open_checklist, save_answer
from inclusion.send_report.models import ChecklistItem, WebsiteCheck, WebsiteFinding
from tests.access import build_world
from tests.pages import PageClient, normalised_text, page_title
from tests.queries import counting_queries


def setup(app):
    world = build_world()
    return world, PageClient(app, world.people["senco_a"])


def save(client, world, code: str, then: str, **fields):
    data = {"status": "met", "note": "", "then": then} | fields
    client.post(world.report_url(f"items/{code}"), data, 302)
    return client.last_response.location


def binding_codes(app, world) -> list[str]:
    with app.test_request_context():
        checklist = open_checklist(world.school_a, world.audit.academic_year)
        return [item.code for item in progress.binding_items(checklist)]


def answer_directly(app, world, codes: list[str], status: str = "met") -> None:
    with app.test_request_context():
        checklist = open_checklist(world.school_a, world.audit.academic_year)
        items = {i.code: i for i in progress.binding_items(checklist)}
        for code in codes:
            given = ItemAnswer(status=status, note="" if status != "not_applicable" else "n/a")
            save_answer(checklist, items[code], given, None, world.people["senco_a"])


def banner(client, world) -> str:
    return normalised_text(
        client.get(world.report_url("")).select_one(".govuk-notification-banner")
    )


def test_save_and_next_item_opens_the_next_item_in_checklist_order(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    assert save(senco, world, codes[0], "next").endswith(f"/items/{codes[1]}")
    assert save(senco, world, codes[1], "next").endswith(f"/items/{codes[2]}")


def test_an_item_says_where_it_is_with_previous_and_next_links(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    page = senco.get(world.report_url(f"items/{codes[2]}"))
    caption = normalised_text(page.select_one("#item-place"))
    assert caption.startswith(f"Item 3 of {len(codes)}: {codes[2]}")
    links = {a["rel"][0]: a["href"] for a in page.select("nav.govuk-pagination a[rel]")}
    assert links["prev"].endswith(f"/items/{codes[1]}")
    assert links["next"].endswith(f"/items/{codes[3]}")
    buttons = [b.get_text(strip=True) for b in page.select("main form button")]
    assert buttons == ["Save and next item", "Save and return to the checklist"]


def test_the_last_item_returns_to_the_checklist_saying_how_many_are_left(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    last = senco.get(world.report_url(f"items/{codes[-1]}"))
    assert [a["rel"][0] for a in last.select("nav.govuk-pagination a[rel]")] == ["prev"]
    assert save(senco, world, codes[-1], "next").endswith(world.report_url(""))
    left = len(codes) - 1
    assert banner(senco, world) == f"Success {codes[-1]} saved. {left} items still to answer."


def test_the_last_answer_says_the_checklist_is_complete(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    answer_directly(app, world, codes[:-1])
    save(senco, world, codes[-1], "next")
    assert banner(senco, world).endswith("Checklist complete: every item has an answer.")


def test_save_and_return_goes_back_to_the_checklist(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    assert save(senco, world, codes[4], "return").endswith(world.report_url(""))
    assert banner(senco, world) == f"Success {codes[4]} saved"


def test_the_print_view_lists_every_item_with_its_answer_evidence_and_note(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    save(
        senco,
        world,
        codes[0],
        "return",
        status="partly_met",
        evidence_url="https://school.example/send",
        note="Needs the new SENCO's name",
    )
    page = PageClient(app, world.people["adviser_a"]).get(world.report_url("print"))
    assert page_title(page) == (
        f"SEND Information Report checklist - SEND Information Report "
        f"{world.audit.academic_year.label}: {world.school_a.name}"
    )
    rows = page.select("#checklist-answers tbody tr")
    assert len(rows) == len(progress_items(app, world))
    first = normalised_text(page.select_one(f"#item-{codes[0]}"))
    assert "Partly met" in first
    assert "https://school.example/send" in first
    assert "Needs the new SENCO's name" in first
    assert "Not answered" in normalised_text(page.select_one(f"#item-{codes[1]}"))
    assert "has not been checked yet" in normalised_text(page.select_one("#website-check"))


def progress_items(app, world) -> list[ChecklistItem]:
    with app.test_request_context():
        checklist = open_checklist(world.school_a, world.audit.academic_year)
        query = select(ChecklistItem).where(ChecklistItem.version_id == checklist.version_id)
        return list(app.extensions["sqlalchemy"].session.scalars(query))


def test_the_print_view_issues_the_same_queries_however_many_answers(app, client):
    world, senco = setup(app)
    codes = binding_codes(app, world)
    url = world.report_url("print")
    senco.get(url)
    with counting_queries(app) as none_answered:
        senco.get(url)
    answer_directly(app, world, codes[:10])
    answer_directly(app, world, codes[10:12], status="not_met")
    with counting_queries(app) as twelve_answered:
        senco.get(url)
    assert twelve_answered.count == none_answered.count


def test_the_dashboard_shows_met_not_met_and_not_answered_with_a_link_to_the_gaps(
    app, client, session
):
    world, _ = setup(app)
    codes = binding_codes(app, world)
    answer_directly(app, world, codes[:5])
    answer_directly(app, world, codes[5:7], status="not_met")
    answer_directly(app, world, codes[7:8], status="partly_met")
    check = WebsiteCheck(school_id=world.school_a.id, url="https://s.example", status="completed")
    check.findings = [
        WebsiteFinding(code=codes[0], result="found"),
        WebsiteFinding(code=codes[1], result="found"),
        WebsiteFinding(code=codes[2], result="not_found"),
    ]
    session.add(check)
    session.flush()
    check.finished_at = check.requested_at
    session.flush()
    page = PageClient(app, world.people["head_a"]).get("/dashboard")
    standing = normalised_text(page.select_one(".app-checklist-standing"))
    left = len(codes) - 8
    assert f"5 met, 3 not met, {left} not answered." in standing
    assert "2 found, 1 not found, 0 unsure" in standing
    link = page.select_one(".app-checklist-standing a")
    assert normalised_text(link).startswith("See the 3 items not met")
    gaps = PageClient(app, world.people["head_a"]).get(link["href"].split("#")[0])
    shown = [normalised_text(r.th).split(":")[0] for r in gaps.select("main table tbody tr")]
    assert shown == codes[5:8]


def test_the_dashboard_says_when_the_website_has_not_been_checked(app, client):
    world, _ = setup(app)
    page = PageClient(app, world.people["senco_a"]).get("/dashboard")
    standing = normalised_text(page.select_one(".app-checklist-standing"))
    assert "0 met, 0 not met" in standing
    assert "Website check: not run yet." in standing
    assert page.select_one(".app-checklist-standing a") is None
