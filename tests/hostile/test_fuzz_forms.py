"""Every form in the portal, filled with hostile values, answers with a message, never a 5xx.

The forms are found, not listed: each GET page of the access matrix is opened as someone who
may see it, and every POST form on it is sent back with each hostile filling in turn."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from tests.access import PERSONAS, build_world
from tests.pages import PageClient
from tests.test_access import MATRIX

SKIPPED_ACTIONS = ("/sign-out",)  # it would end the session the rest of the page needs
FILLINGS = {
    "nul byte": lambda field: "before\x00after",
    "huge numbers": lambda field: "9" * 40,
    "not a number": lambda field: "NaN",
    "overflowing float": lambda field: "-1e309",
    "very long text": lambda field: "x" * 100_000,
}
GET_PAGES = sorted(
    endpoint
    for endpoint, (method, _, expected) in MATRIX.items()
    if method == "GET" and any(status == 200 for status in expected.values())
)


def first_allowed(expected: dict[str, int]) -> str | None:
    """Someone signed in who may open the page, or None when only visitors may (sign-in)."""
    return next((p for p in PERSONAS if expected.get(p) == 200 and p != "anonymous"), None)


def post_forms(page: BeautifulSoup) -> list[Tag]:
    return [
        form
        for form in page.select("form")
        if (form.get("method") or "get").lower() == "post"
        and not (form.get("action") or "").endswith(SKIPPED_ACTIONS)
    ]


def hostile_data(form: Tag, fill) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if name == "csrf_token" or field.get("type") in ("submit", "file"):
            continue
        if field.get("type") in ("radio", "checkbox") or field.name == "select":
            data.setdefault(name, [fill(field)])
        else:
            data.setdefault(name, []).append(fill(field))
    return data


@pytest.mark.parametrize("endpoint", GET_PAGES)
def test_no_form_on_the_page_breaks_with_hostile_values(endpoint, app, client):
    _, build_url, expected = MATRIX[endpoint]
    world = build_world()
    persona = first_allowed(expected)
    person = world.people[persona] if persona else None
    visitor = PageClient(app, person) if person else client
    url = build_url(world)
    response = visitor.raw("GET", url)
    if response.status_code != 200 or "html" not in response.content_type:
        return
    failures = []
    for form in post_forms(BeautifulSoup(response.get_data(as_text=True), "html.parser")):
        target = urljoin(url, form.get("action") or url)
        for label, fill in FILLINGS.items():
            sent = visitor.raw("POST", target, data=hostile_data(form, fill))
            if sent.status_code >= 500:
                failures.append((target, label, sent.status_code))
    assert failures == []
