"""Serve the corpus over real local HTTP servers, check every site, and score the verdicts
against expected.yaml: a confusion matrix per item and overall. Used by the corpus test and
by bench/checker_corpus.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

from inclusion.send_report.checker import CheckerSettings, CheckResult, check_website
from tests.send_report.checker.corpus.build import EXPECTED, write_corpus
from tests.send_report.checker.pdfwriter import pdf_from_source
from tests.send_report.checker.siteserver import SiteHTTPServer, start_server

OFFER_SITE = Path(__file__).parents[1] / "offer-site"
TODAY = date(2025, 11, 3)
RESULTS = ("found", "not_found", "unsure")


@dataclass
class Score:
    """Counts of (expected, got) pairs, and the cells that went wrong."""

    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_item: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)  # site, code, exp, got

    def add(self, site: str, code: str, expected: str, got: str) -> None:
        self.pairs[(expected, got)] += 1
        self.by_item.setdefault(code, Counter())[(expected, got)] += 1
        if expected != got:
            self.wrong.append((site, code, expected, got))

    @property
    def total(self) -> int:
        return sum(self.pairs.values())

    @property
    def right(self) -> int:
        return sum(n for (expected, got), n in self.pairs.items() if expected == got)

    @property
    def false_found(self) -> list[tuple[str, str, str, str]]:
        return [cell for cell in self.wrong if cell[3] == "found"]

    def report(self) -> str:
        lines = [f"Verdicts right: {self.right} of {self.total} ({self.right / self.total:.1%})"]
        lines.append("expected \\ got   " + "".join(f"{r:>11}" for r in RESULTS))
        for expected in RESULTS:
            row = "".join(f"{self.pairs[(expected, got)]:>11}" for got in RESULTS)
            lines.append(f"{expected:<16} {row}")
        lines.append("item     false found  false not found  unsure (expected otherwise)  right")
        for code, pairs in self.by_item.items():
            lines.append(_item_line(code, pairs))
        lines += [
            f"  wrong: {site} {code} expected {e}, got {g}" for site, code, e, g in self.wrong
        ]
        return "\n".join(lines)


def _item_line(code: str, pairs: Counter[tuple[str, str]]) -> str:
    false_found = sum(n for (e, g), n in pairs.items() if g == "found" and e != "found")
    false_not = sum(n for (e, g), n in pairs.items() if g == "not_found" and e != "not_found")
    unsure = sum(n for (e, g), n in pairs.items() if g == "unsure" and e != "unsure")
    right = sum(n for (e, g), n in pairs.items() if e == g)
    return f"{code:<9}{false_found:>11}{false_not:>17}{unsure:>29}{right:>7}"


def expected_verdicts() -> dict[str, dict]:
    return yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


@contextmanager
def served_corpus(root: Path) -> Iterator[tuple[dict[str, SiteHTTPServer], CheckerSettings]]:
    """Build the corpus in root, start its servers, yield them with the checker settings."""
    sites = write_corpus(root)
    offer = start_server(OFFER_SITE)
    trust = start_server(root / "_trust")
    substitutions: dict[str, str] = trust.substitutions
    substitutions.update(
        {
            "{{LOCAL_OFFER}}": f"{offer.base_url}/local-offer",
            "{{BROKEN_LOCAL_OFFER}}": f"{offer.base_url}/broken-local-offer",
            "{{OLD_LOCAL_OFFER}}": f"{offer.base_url}/old-local-offer",
            "{{OFFER_SERVER}}": offer.base_url,
            "{{TRUST}}": trust.base_url,
        }
    )
    for source in root.rglob("*.pdf.txt"):
        pdf = source.with_name(source.name.removesuffix(".txt"))
        pdf.write_bytes(pdf_from_source(source.read_text(encoding="utf-8"), substitutions))
    servers = {site.name: start_server(root / site.name, substitutions) for site in sites}
    settings = CheckerSettings(
        local_offer_url=f"{offer.base_url}/local-offer",
        local_offer_hosts=(offer.netloc,),
        local_offer_prefixes=(f"{offer.base_url}/old-local-offer",),
        today=TODAY,
        timeout_seconds=1.0,
        deadline_seconds=30.0,
        max_bytes=1_000_000,
        delay_seconds=0.0,
        allow_loopback=True,
    )
    try:
        yield servers, settings
    finally:
        for server in [offer, trust, *servers.values()]:
            server.shutdown()
            server.server_close()


def check_corpus(root: Path) -> tuple[Score, dict[str, CheckResult]]:
    expected = expected_verdicts()
    score, results = Score(), {}
    with served_corpus(root) as (servers, settings):
        for name, server in servers.items():
            school = replace(settings, school_name=expected[name]["school"])
            results[name] = check_website(f"{server.base_url}/", school)
    for name, result in results.items():
        got = {finding.code: finding.result for finding in result.findings}
        for code, verdict in expected[name]["expected"].items():
            score.add(name, code, verdict, got.get(code, "unsure"))
    return score, results
