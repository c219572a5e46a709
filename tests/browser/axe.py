"""Run axe-core's WCAG 2.2 AA rules on the page in the browser: no violation is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"""


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now (empty when there are none)."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run npm ci")
    # Evaluated through the DevTools protocol rather than as a <script> element: the portal's
    # Content-Security-Policy rightly refuses inline scripts without its nonce.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, WCAG_TAGS)["violations"]


def describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}; "
            f"targets: {' | '.join(targets)}"
        )
    return "\n".join(lines)
