"""The provision offer feeds the SEND Information Report: item pages and the report's section."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from inclusion.send_report.checklist_files import ChecklistFileError, load_checklist_file
from tests.access import build_world
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries

NURTURE = "A nurture group meets every morning for pupils who find the start of the day hard."
QUALITY_FIRST = "Every lesson uses visual timetables and pre-taught vocabulary."


def offer(senco: PageClient, world, need: str, level: str, text: str) -> None:
    url = f"/schools/{world.school_a.urn}/provision/{need}/{level}"
    senco.post(url, {"description": text, "version": ""}, status=302)


def test_an_item_written_from_the_offer_shows_what_the_offer_says(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    offer(senco, world, "semh", "sen-support", NURTURE)
    text = normalised_text(senco.get(world.report_url("items/S1-03g")))
    assert "What your provision offer says" in text
    assert NURTURE in text
    assert (
        "Social, emotional and mental health: for every pupil (universal) Not described yet."
        in (text)
    )


def test_an_item_about_universal_teaching_leaves_out_sen_support_provision(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    offer(senco, world, "semh", "sen-support", NURTURE)
    offer(senco, world, "cognition-learning", "universal", QUALITY_FIRST)
    text = normalised_text(senco.get(world.report_url("items/S1-03c")))
    assert QUALITY_FIRST in text
    assert NURTURE not in text


def test_an_item_not_written_from_the_offer_shows_no_offer(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    offer(senco, world, "semh", "sen-support", NURTURE)
    text = normalised_text(senco.get(world.report_url("items/S1-04")))
    assert "What your provision offer says" not in text


def test_the_report_section_lists_every_area_of_need_and_names_the_gaps(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    offer(senco, world, "semh", "sen-support", NURTURE)
    page = senco.get(f"/schools/{world.school_a.urn}/provision/send-information-report")
    text = normalised_text(page)
    assert NURTURE in text
    assert "7 parts are not described yet" in text
    for heading in ("Communication and interaction", "Cognition and learning"):
        assert heading in text
    describe_links = [a for a in page.select("a") if a.get_text(strip=True).startswith("describe")]
    assert len(describe_links) == 7


def test_the_report_section_downloads_as_text_to_paste_into_a_website(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    offer(senco, world, "semh", "universal", QUALITY_FIRST)
    response = senco.raw(
        "GET", f"/schools/{world.school_a.urn}/provision/send-information-report.txt"
    )
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith(f"Ordinarily available provision at {world.school_a.name}\n====")
    assert f"For every pupil (Universal):\n{QUALITY_FIRST}" in body
    assert "<" not in body


def test_an_adviser_reads_the_section_without_links_to_change_it(app, client):
    world = build_world()
    page = PageClient(app, world.people["adviser_a"]).get(
        f"/schools/{world.school_a.urn}/provision/send-information-report"
    )
    assert not [a for a in page.select("a") if "describe it" in a.get_text()]


def test_the_report_section_takes_a_fixed_number_of_statements(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    url = f"/schools/{world.school_a.urn}/provision/send-information-report"
    senco.get(url)
    with counting_queries(app) as empty:
        senco.get(url)
    for need in ("semh", "cognition-learning", "sensory-physical"):
        offer(senco, world, need, "universal", QUALITY_FIRST)
    with counting_queries(app) as filled:
        senco.get(url)
    assert filled.count == empty.count


@pytest.mark.parametrize("parts", [{"levels": ["everything"]}, {"levels": []}, {"needs": ["semh"]}])
def test_a_checklist_file_naming_an_unknown_part_of_the_offer_is_refused(app, session, parts):
    build_world()
    source = Path(__file__).parents[2] / "seeds" / "send_report" / "checklist-2026-27.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["items"][0]["draws_on_offer"] = parts
    broken = Path(app.instance_path) / "broken-checklist-2026-27.yaml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ChecklistFileError, match="draws_on_offer"):
        load_checklist_file(broken)
