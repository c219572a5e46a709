"""A crawler for the crawl test: the demo's data, one person per persona, every link followed.

The world is the demo (`flask seed --demo`: 267 schools, 48 audits in every state, records,
checklists) with the access tests' personas (`tests/access.py`) standing in it, so every page
has rows and every row its links.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select

from inclusion import seeding
from inclusion.audit.framework_store import load_framework_file
from inclusion.auth.models import RoleAssignment, User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.send_report.checklist_files import checklist_files, load_checklist_file
from tests.auth.factories import UserFactory

# Each persona of tests/access.py, as a demo user (or a person added beside them).
DEMO_EMAILS = {
    "senco_a": "senco@demo.example.org",
    "head_a": "head@demo.example.org",
    "senco_b": "senco2@demo.example.org",
    "adviser_a": "adviser@demo.example.org",
    "lead_a": "lead@demo.example.org",
    "admin": "admin@demo.example.org",
    "officer": "officer@demo.example.org",
}
# Addresses never followed: signing out ends the crawl; static files are not pages.
SKIPPED_PATHS = ("/sign-out", "/static/")
# Of URLs that differ only in their numbers (school URNs, record ids), the first few are
# enough: the same template drew every one of their links.
VISITS_PER_SHAPE = 3
BAD_STATUSES = (403, 404)
# Values as the database keeps them, never as people read them.
DATABASE_VALUES = re.compile(
    r"\b(?:True|False)\b|\b\d{4}-\d{2}-\d{2}\b|\bUTC\b|\(blank\)|\b[a-z]+_[a-z_]+\b"
)


def seed_demo(app: Flask) -> None:
    """What `flask seed --demo` loads, in the test's transaction."""
    with app.test_request_context():
        seeding.seed_reference_data()
        for path in seeding.framework_files():
            load_framework_file(path)
        for path in checklist_files(seeding.SEEDS_DIR):
            load_checklist_file(path)
        seeding.seed_demo_users()
        seeding.seed_demo_audits()


def demo_personas() -> dict[str, User | None]:
    """Every persona of tests/access.py over the demo's data."""
    people: dict[str, User | None] = {
        name: db.session.scalar(select(User).where(User.email == email))
        for name, email in DEMO_EMAILS.items()
    }
    people["anonymous"] = None
    people["no_role"] = UserFactory()
    people["adviser_b"] = _adviser_of_another_partnership(people["adviser_a"])
    return people


def _adviser_of_another_partnership(adviser_a: User) -> User:
    taken = adviser_a.partnership_ids()
    other = db.session.scalars(
        select(AreaInclusionPartnership).order_by(AreaInclusionPartnership.code)
    ).all()
    partnership = next(p for p in other if p.id not in taken)
    person = UserFactory()
    person.roles.append(RoleAssignment(role=Role.ADVISER.value, partnership=partnership))
    db.session.flush()
    return person


@dataclass(frozen=True)
class DeadEnd:
    url: str
    status: int
    linked_from: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.status} {self.url} (linked from {self.linked_from}){self.detail}"


@dataclass
class Crawl:
    """Breadth-first over the pages one person can reach from where they start."""

    app: Flask
    user: User | None
    visited: set[str] = field(default_factory=set)
    shapes: dict[str, int] = field(default_factory=dict)
    dead_ends: list[DeadEnd] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    shared_titles: list[str] = field(default_factory=list)
    database_values: list[str] = field(default_factory=list)

    def run(self, start: str) -> list[DeadEnd]:
        client = self.app.test_client(user=self.user) if self.user else self.app.test_client()
        queue: deque[tuple[str, str]] = deque([(start, "(start)")])
        while queue:
            url, referrer = queue.popleft()
            if not self._should_visit(url):
                continue
            for link in self._visit(client, url, referrer):
                queue.append((link, url))
        return self.dead_ends

    def _should_visit(self, url: str) -> bool:
        if url in self.visited or url.startswith(SKIPPED_PATHS):
            return False
        shape = url_shape(url)
        if self.shapes.get(shape, 0) >= VISITS_PER_SHAPE:
            return False
        self.visited.add(url)
        self.shapes[shape] = self.shapes.get(shape, 0) + 1
        return True

    def _visit(self, client, url: str, referrer: str) -> list[str]:
        try:
            with self.app.app_context():
                response = client.get(url)
        except Exception as error:  # an unhandled error is a finding too
            self.dead_ends.append(DeadEnd(url, 500, referrer, f": {error!r}"))
            return []
        status = response.status_code
        if status in BAD_STATUSES or status >= 500:
            self.dead_ends.append(DeadEnd(url, status, referrer))
            return []
        if status in (301, 302, 303):
            return internal_links(url, [response.headers["Location"]])
        if response.mimetype != "text/html":
            return []
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        self._read(url, page)
        return internal_links(url, [a["href"] for a in page.select("a[href]")])

    def _read(self, url: str, page: BeautifulSoup) -> None:
        """Note a title another page already has, and database values shown as text."""
        path = url.partition("?")[0]
        title = page.title.get_text(strip=True) if page.title else ""
        first = self.titles.setdefault(title, path)
        if first != path:
            self.shared_titles.append(f"{title!r}: {first} and {path}")
        main = page.select_one("main")
        for code in main.select("code") if main else []:
            code.decompose()  # column names and API fields, shown as such on purpose
        found = DATABASE_VALUES.findall(main.get_text(" ") if main else "")
        if found:
            self.database_values.append(f"{url}: {sorted(set(found))}")


def internal_links(base: str, hrefs: list[str]) -> list[str]:
    """Same-host addresses, made absolute paths, fragments dropped."""
    links = []
    for href in hrefs:
        absolute, _ = urldefrag(urljoin(f"http://localhost{base}", href))
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != "localhost":
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


_NUMBER = re.compile(r"\d+")


def url_shape(url: str) -> str:
    """The URL with its numbers replaced and its query values dropped (names kept)."""
    path, _, query = url.partition("?")
    names = sorted({pair.partition("=")[0] for pair in query.split("&") if pair})
    return _NUMBER.sub("#", path) + ("?" + "&".join(names) if names else "")
