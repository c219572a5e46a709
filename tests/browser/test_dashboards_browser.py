"""The council and partnership dashboards in a real browser: accessible with their charts,
a table sorted from the keyboard, no sideways scroll at 320 px, and screenshots at 1280 and
320 px saved to test-artifacts/ (gitignored) for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.test_partnership_journey import heading, sign_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "dashboards"
ADVISER_EMAIL = "adviser@demo.example.org"
ADMIN_EMAIL = "admin@demo.example.org"
WIDTHS = (1280, 320)
# The council's page had 648 tab stops before its lists were cut to ten (issue 19).
MAX_TAB_STOPS = 120  # 66 on the council page and 75 on a partnership's, with the demo data
TAB_STOPS = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, summary, [tabindex="0"]'
)].filter(el => el.offsetParent !== null || el.tagName === 'SUMMARY').length"""


def open_dashboard(page: Page, who: str) -> None:
    if who == "council":
        sign_in(page, ADMIN_EMAIL)
        page.goto("/council/dashboard")
        expect(heading(page)).to_have_text("Council dashboard")
    else:
        sign_in(page, ADVISER_EMAIL)
        page.get_by_role("link", name="dashboard").first.click()
        expect(heading(page)).to_contain_text(": dashboard")


@pytest.mark.parametrize("who", ["council", "partnership"])
def test_a_dashboard_with_its_charts_is_accessible_and_fits_each_width(page: Page, who: str):
    open_dashboard(page, who)
    expect(page.locator("main svg[role=img]").first).to_be_visible()
    stops = page.evaluate(TAB_STOPS)
    assert 10 < stops <= MAX_TAB_STOPS, f"{stops} tab stops"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        sideways = page.evaluate("document.documentElement.scrollWidth")
        assert sideways <= width, f"the page scrolls sideways at {width} px ({sideways} px wide)"
        path = ARTIFACTS / f"{who}-dashboard-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0


def test_a_table_is_sorted_from_the_keyboard_and_says_how(page: Page):
    open_dashboard(page, "partnership")
    table = page.locator("table:has(#exclusions-caption)")
    button = table.get_by_role("button", name="Pupils on roll")
    button.focus()
    page.keyboard.press("Enter")
    header = table.locator("thead th").nth(1)
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = rolls(table)
    assert ascending == sorted(ascending)
    page.keyboard.press("Enter")  # the focus stays on the heading's button
    expect(header).to_have_attribute("aria-sort", "descending")
    assert rolls(table) == sorted(ascending, reverse=True)
    expect(page.locator(".app-sort-status")).to_have_text("Sorted by Pupils on roll, descending.")
    assert_accessible(page)


def rolls(table) -> list[int]:
    texts = table.locator("tbody tr td:nth-of-type(1)").all_inner_texts()
    return [int(text.replace(",", "")) for text in texts]
