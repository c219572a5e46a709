"""The answer history says each save once, in the words of the standard page's form."""

from __future__ import annotations

from tests.audit.conftest import begin
from tests.audit.test_completing_an_audit import answer
from tests.pages import PageClient
from tests.ui.test_history import DATABASE_WORDS, history_rows


def test_each_saved_answer_is_one_line_in_the_forms_words(app, world, session):
    begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "LG2", rating="1", evidence="Seen in lessons")
    answer(senco, world, "LG2", rating="3", evidence="Seen in lessons", version="1")
    rows = history_rows(PageClient(app, world.adviser).get(world.url("history")))
    assert len(rows) == 2
    newest, first = rows
    assert "Rating changed from Emerging to Embedded" in newest
    assert "Evidence" not in newest  # unchanged, so not mentioned
    assert "Rating: Emerging" in first and "Evidence: \u201cSeen in lessons\u201d" in first
    assert not DATABASE_WORDS.search(" ".join(rows)), rows


def test_choosing_not_applicable_reads_as_the_rating_the_form_offered(app, world, session):
    begin(app, world)
    senco = PageClient(app, world.senco)
    answer(senco, world, "CI-U1", rating="2")
    answer(
        senco,
        world,
        "CI-U1",
        rating="na",
        not_applicable_reason="No pupils with that need",
        version="1",
    )
    newest = history_rows(PageClient(app, world.senco).get(world.url("history")))[0]
    assert "Rating changed from Established to Not applicable" in newest
    assert "Not applicable: " not in newest
