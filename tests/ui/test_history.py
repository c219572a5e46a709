"""A record's history says each save once, in the words of the form, never database values."""

from __future__ import annotations

import re

from tests.access import build_world
from tests.pages import PageClient, normalised_text

DATABASE_WORDS = re.compile(r"\b(True|False)\b|\d{4}-\d{2}-\d{2}|\(blank\)|UTC|_")


def history_rows(page) -> list[str]:
    return [normalised_text(row) for row in page.select("main tbody tr")]


def test_a_record_history_shows_form_labels_option_words_and_uk_dates(app, session):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    page = senco.get(world.school_url("records/part-time-timetables/{timetable}"))
    rows = history_rows(page.select_one("main"))
    created = rows[-1]
    assert "SEN status: SEN support" in created or "SEN status: EHC plan" in created
    assert re.search(r"Start date: \d{1,2} [A-Z][a-z]+ \d{4}", created), created
    history_text = " ".join(rows)
    assert not DATABASE_WORDS.search(history_text), history_text
