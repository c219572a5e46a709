"""The dashboards as pages to look at (issue 19): a contents list whose links land, long school
lists cut to ten with a way to see them all, headings in words, and every chart beside a table
of its figures with a summary, a hidden figure a gap, in a fixed number of statements."""

from __future__ import annotations

from collections import Counter

import pytest

from inclusion.area_partnerships.dashboard_lists import SHORT_LIST
from inclusion.extensions import db
from tests.access import build_world
from tests.area_partnerships.test_dashboards import add_scored_audits
from tests.pages import PageClient, normalised_text
from tests.queries import counting_queries

MANY = SHORT_LIST + 4


@pytest.fixture
def world(app, session):
    return build_world()


def partnership_url(world) -> str:
    return f"/partnerships/{world.partnership_a.code}/dashboard"


def adviser_page(app, world, query: str = ""):
    return PageClient(app, world.people["adviser_a"]).get(partnership_url(world) + query)


def council_page(app, world):
    return PageClient(app, world.people["admin"]).get("/council/dashboard")


def heatmap_schools(page) -> list[str]:
    table = page.select_one("#heatmap-caption").find_parent("table")
    return [row.th.get_text(strip=True) for row in table.select("tbody tr")]


def grow(world, schools: int) -> None:
    add_scored_audits(world, world.partnership_a, [1.0 + n % 3 for n in range(schools)])
    db.session.commit()


@pytest.mark.parametrize("who", ["adviser", "council"])
def test_every_contents_link_lands_on_a_heading_of_the_page(app, world, who):
    page = adviser_page(app, world) if who == "adviser" else council_page(app, world)
    links = [a["href"] for a in page.select("nav.app-dashboard-contents a")]
    assert len(links) >= 6
    for href in links:
        target = page.select_one(href)
        assert target is not None and target.name == "h2", href


@pytest.mark.parametrize("who", ["adviser", "council"])
def test_a_dashboard_has_one_h1_and_no_id_twice(app, world, who):
    page = adviser_page(app, world) if who == "adviser" else council_page(app, world)
    assert len(page.select("h1")) == 1
    ids = Counter(tag["id"] for tag in page.select("[id]"))
    assert [name for name, n in ids.items() if n > 1] == []


def test_a_long_school_list_shows_ten_and_a_link_to_show_them_all(app, world):
    grow(world, MANY)
    page = adviser_page(app, world)
    assert len(heatmap_schools(page)) == SHORT_LIST
    link = page.select_one("[data-show-all=results] a")
    assert link.get_text(strip=True) == f"Show all {MANY} schools"  # those with scores
    assert link["href"].endswith("show=results#results")
    everything = PageClient(app, world.people["adviser_a"]).get(link["href"])
    assert len(heatmap_schools(everything)) == MANY
    assert everything.select_one("[data-show-all=results]") is None


def test_a_short_school_list_is_shown_whole_with_no_show_all_link(app, world):
    grow(world, SHORT_LIST)
    page = adviser_page(app, world)
    assert len(heatmap_schools(page)) == SHORT_LIST
    assert page.select("[data-show-all=results]") == []


def test_the_suspensions_table_lists_the_most_suspended_first_and_keeps_the_total_apart(app, world):
    grow(world, MANY)
    page = adviser_page(app, world)
    table = page.select_one("#exclusions-caption").find_parent("table")
    assert len(table.select("tbody tr")) == SHORT_LIST
    assert table.select_one("tfoot th").get_text(strip=True) == world.partnership_a.name


def test_column_headings_say_what_they_count_and_none_is_repeated(app, world):
    page = adviser_page(app, world)
    table = page.select_one("#exclusions-caption").find_parent("table")
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert "Suspensions per 100 pupils" in headings
    assert "Pupils suspended per 100 pupils" in headings
    assert "Rate" not in headings and len(set(headings)) == len(headings)


def test_heatmap_codes_are_abbreviations_with_their_names_in_a_visible_key(app, world):
    grow(world, 1)
    page = adviser_page(app, world)
    table = page.select_one("#heatmap-caption").find_parent("table")
    abbrs = table.select("thead abbr")
    assert abbrs and all(abbr.get("title") for abbr in abbrs)
    key = page.select_one("[data-key=areas]")
    for abbr in abbrs:
        assert f"{abbr.get_text()} {abbr['title']}" in normalised_text(key)
    legend = normalised_text(page.select_one("[data-key=colours]"))
    assert "Red band" in legend and "Green band" in legend and "No score yet" in legend


def test_with_no_school_scored_there_is_no_empty_heatmap_but_a_sentence(app, world):
    page = adviser_page(app, world)
    assert page.select_one("#heatmap-caption") is None
    assert "No school has area scores yet" in normalised_text(page)


@pytest.mark.parametrize("who", ["adviser", "council"])
def test_every_chart_has_its_figures_in_a_table_beside_it_and_a_summary(app, world, who):
    page = adviser_page(app, world) if who == "adviser" else council_page(app, world)
    charts = page.select("main svg[role=img]")
    assert len(charts) >= 4
    for svg in charts:
        pair = svg.find_parent(class_="app-chart-pair")
        assert pair is not None and pair.select_one("table caption")
        assert pair.select_one("[data-chart-summary]").get_text(strip=True)
        assert svg.select_one("title") and svg.select_one("desc")
    assert "style=" not in str(page.select_one("main"))


def test_a_hidden_figure_is_a_gap_in_its_chart_and_the_summary_says_so(app, world):
    page = adviser_page(app, world)  # school A's one suspension, in the autumn term: hidden
    pair = page.select_one("[data-chart-id=chart-by-term]")
    assert [td.get_text(strip=True) for td in pair.select("tbody td")] == ["c", "0", "0"]
    autumn = pair.select_one("svg [data-gap]")
    assert autumn.contents[0].strip() == "c"
    assert [rect.title.get_text() for rect in pair.select("svg rect[data-series]")] == [
        "Suspensions, Spring: 0",
        "Suspensions, Summer: 0",
    ]
    summary = pair.select_one("[data-chart-summary]").get_text(" ", strip=True)
    assert "not shown (hidden to protect pupils, or not held) for Autumn" in summary


def test_the_compliance_chart_reads_the_maintained_figures_year_by_year(app, world):
    page = council_page(app, world)
    pair = page.select_one("[data-chart-id=chart-compliance]")
    years = [row.th.get_text(strip=True) for row in pair.select("tbody tr")]
    assert world.audit.academic_year.label in years


def test_showing_every_school_reads_no_more_statements_than_the_first_ten(app, world):
    grow(world, MANY)
    adviser_page(app, world)  # the first request after a change brings the figures up to date
    counts = []
    for query in ("", "?show=results", "?show=exclusions"):
        with counting_queries(app) as counter:
            adviser_page(app, world, query)
        counts.append(counter.count)
    assert len(set(counts)) == 1, counts
