"""Jargon is explained in plain words where a page first uses it: URN, the levels Universal
and SEN Support, and "c" for a suppressed figure."""

from __future__ import annotations

from tests.access import build_world
from tests.pages import PageClient, normalised_text


def test_the_school_search_explains_urn_in_a_hint_its_box_is_described_by(app, client):
    world = build_world()
    page = PageClient(app, world.people["admin"]).get("/schools/")
    hint = page.select_one("#q-hint")
    assert "unique reference number" in hint.get_text()
    assert "Department for Education" in hint.get_text()
    assert page.select_one("#q")["aria-describedby"] == "q-hint"
    # The first URN on the page, in the label, comes before the hint that explains it.
    assert page.select_one("label[for=q] abbr")["title"] == "unique reference number"


def test_a_partnership_page_explains_urn_before_its_table_of_schools(app, client):
    world = build_world()
    page = PageClient(app, world.people["admin"]).get(f"/partnerships/{world.partnership_a.code}")
    text = normalised_text(page)
    assert text.index("unique reference number") < text.index(world.school_a.urn)
    assert page.select_one("thead abbr")["title"] == "unique reference number"


def test_the_provision_offer_says_what_universal_and_sen_support_mean(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    page = senco.get(f"/schools/{world.school_a.urn}/provision/")
    terms, definitions = page.select("dl.app-terms dt"), page.select("dl.app-terms dd")
    assert [t.get_text() for t in terms] == ["Universal", "SEN Support"]
    assert "every pupil" in definitions[0].get_text()
    assert "education, health and care (EHC) plan" in definitions[1].get_text()


def test_the_area_sen_support_figures_carry_a_visible_key_to_c(app, client):
    world = build_world()
    lead = PageClient(app, world.people["lead_a"])
    page = lead.get(f"/partnerships/{world.partnership_a.code}/sen-support")
    threshold = app.config["SUPPRESSION_THRESHOLD"]
    key = " ".join(page.select_one(".app-suppression-key").get_text().split())
    assert key.startswith(f"c: fewer than {threshold} pupils, hidden to protect pupils")
