"""Answering a section: where you are in it, last year's rating, and back to the task list
when the section is done."""

from __future__ import annotations

from tests.audit.conftest import answer_all, begin
from tests.audit.test_completing_an_audit import answer
from tests.audit.test_results import LAST_YEAR, submit_for
from tests.pages import PageClient, normalised_text

LEADERSHIP = "Leadership and governance"


def test_save_and_continue_on_a_sections_last_standard_returns_to_the_task_list_complete(
    app, world
):
    begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "LG1")
    assert senco.last_response.location.endswith("/standards/LG2")
    answer(senco, world, "LG2")
    assert senco.last_response.location.endswith("/audits/2025-26/")
    banner = senco.get(world.url()).select_one(".govuk-notification-banner")
    assert normalised_text(banner).endswith(f"Section complete: {LEADERSHIP}")


def test_the_end_of_an_unfinished_section_returns_to_the_task_list_saying_what_is_left(app, world):
    begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "LG2")
    assert senco.last_response.location.endswith("/audits/2025-26/")
    text = normalised_text(senco.get(world.url()))
    assert f"You have reached the end of {LEADERSHIP}. 1 of its 2 standards is not" in text
    assert "Section complete" not in text


def test_the_last_section_completing_the_audit_goes_on_to_check_the_answers(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, {"LG1": 2, "LG2": 2, "CI-U1": 2, "CI-U2": 2})
    answer_all(app, audit, world.senco, {"CI-U4": 2, "SD1": 2, "SD2": 2})
    senco = PageClient(app, world.senco)
    answer(senco, world, "SD3")
    assert senco.last_response.location.endswith("/check")


def test_a_standard_says_where_it_is_in_its_section_with_previous_and_next(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url("standards/CI-U2"))
    assert normalised_text(page.select_one(".govuk-caption-l")).startswith(
        "Standard 2 of 3 in Communication and interaction: Universal"
    )
    pagination = page.select_one("nav.govuk-pagination")
    links = {a["rel"][0]: a["href"] for a in pagination.select("a[rel]")}
    assert links["prev"].endswith("/standards/CI-U1")
    assert links["next"].endswith("/standards/CI-U4")


def test_the_first_standard_of_a_section_has_no_previous_link(app, world):
    begin(app, world)
    page = PageClient(app, world.senco).get(world.url("standards/LG1"))
    assert [a["rel"][0] for a in page.select("nav.govuk-pagination a[rel]")] == ["next"]


def test_last_years_rating_is_shown_while_answering(app, world):
    old = begin(app, world, world.last_year)
    answer_all(app, old, world.senco, LAST_YEAR)
    submit_for(app, old, world.senco)
    begin(app, world)
    senco = PageClient(app, world.senco)
    last_year = senco.get(world.url("standards/LG1")).select_one("#last-year-rating")
    assert " ".join(last_year.get_text().split()) == "Last year you rated this: Emerging."
    assert senco.get(world.url("standards/CI-U4")).select_one("#last-year-rating") is None
