"""A test client that asserts the status, parses the HTML and checks every page's structure."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from werkzeug.test import TestResponse

TITLE_SEPARATOR = " - "


class PageClient:
    def __init__(self, app: Flask, user: Any = None) -> None:
        self.app = app
        self.user = user
        self._client = app.test_client(user=user) if user else app.test_client()
        self.last_response: TestResponse | None = None

    def as_user(self, user: Any) -> PageClient:
        return PageClient(self.app, user)

    def get(self, url: str, status: int = 200, **kwargs: Any) -> BeautifulSoup:
        return self._checked(self.raw("GET", url, **kwargs), status)

    def post(
        self, url: str, data: dict | None = None, status: int = 200, **kw: Any
    ) -> BeautifulSoup:
        return self._checked(self.raw("POST", url, data=data or {}, **kw), status)

    def raw(self, method: str, url: str, **kwargs: Any) -> TestResponse:
        # A fresh app context per request, as in production: nothing cached in `g`
        # (the signed-in user, the current year) leaks from one request to the next.
        with self.app.app_context():
            return self._client.open(url, method=method, **kwargs)

    def _checked(self, response: TestResponse, status: int) -> BeautifulSoup:
        self.last_response = response
        body = response.get_data(as_text=True)
        assert response.status_code == status, (
            f"expected {status}, got {response.status_code}: {body[:500]}"
        )
        page = BeautifulSoup(body, "html.parser")
        if response.mimetype == "text/html" and response.status_code != 302:
            assert_well_formed_page(page)
        return page


def assert_well_formed_page(page: BeautifulSoup) -> None:
    """One h1; the title begins with it (after 'Error: ' on invalid forms); no duplicate ids.

    The title may say more than the heading ("Inclusion Audit 2026/27: St Peter's First School"
    for the heading "Inclusion Audit"), so that no two pages share a title."""
    headings = page.find_all("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    title = page.title.get_text(strip=True).removeprefix("Error: ")
    heading = headings[0].get_text(" ", strip=True)
    assert title.split(TITLE_SEPARATOR)[0].startswith(heading), f"title {title!r} vs h1 {heading!r}"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"


def error_summary(page: BeautifulSoup) -> list[str]:
    summary = page.select_one(".govuk-error-summary")
    return [item.get_text(strip=True) for item in summary.select("li")] if summary else []


def normalised_text(page: BeautifulSoup) -> str:
    return " ".join(page.get_text(" ").split())


def page_title(page: BeautifulSoup) -> str:
    """The title without the service and council names that end every title."""
    return TITLE_SEPARATOR.join(page.title.get_text(strip=True).split(TITLE_SEPARATOR)[:-2])
