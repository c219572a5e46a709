"""No dead ends: every person, following every link they are shown, never meets 403, 404 or 5xx.

Each persona of the access tests signs in over the demo's data and follows every same-host
link (GET only) on every page reachable from their dashboard; downloads are fetched but not
read. A link or button shown to someone who may not use it fails here.
"""

from __future__ import annotations

from tests.access import PERSONAS
from tests.crawl import Crawl, demo_personas, seed_demo


def test_every_persona_of_the_access_tests_is_crawled():
    from tests.crawl import DEMO_EMAILS

    assert set(PERSONAS) == set(DEMO_EMAILS) | {"anonymous", "no_role", "adviser_b"}


def test_no_link_shown_to_anyone_leads_to_a_403_404_or_server_error(app, session):
    seed_demo(app)
    people = demo_personas()
    findings: dict[str, list[str]] = {}
    reached: dict[str, int] = {}
    for name in PERSONAS:
        crawl = Crawl(app, people[name])
        dead_ends = crawl.run("/dashboard" if people[name] else "/")
        reached[name] = len(crawl.visited)
        found = [str(d) for d in dead_ends] + crawl.shared_titles + crawl.database_values
        if found:
            findings[name] = found
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in findings.items())
    assert not findings, f"dead ends (pages reached {reached}):\n{report}"
    # The crawl really went somewhere: the school roles and the council reach many pages.
    assert min(reached[name] for name in ("senco_a", "head_a", "adviser_a", "admin")) > 40
