"""Whole checks of fixture school websites served over real HTTP: item-level results."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

from inclusion.send_report.checker import CheckerSettings, CheckResult, check_website, load_rules
from tests.send_report.checker.siteserver import SiteHTTPServer

Site = Callable[[str], SiteHTTPServer]
CODES = [
    "S1-01", "S1-02", "S1-03a", "S1-03b", "S1-03c", "S1-03d", "S1-03e", "S1-03f", "S1-03g",
    "S1-04", "S1-05", "S1-06", "S1-07", "S1-08", "S1-09", "S1-10", "S1-11", "S1-12", "S1-13",
    "D-01", "D-02", "D-03", "D-04", "AP-1", "AP-2", "AP-3", "R-01", "R-02", "P-01", "P-02",
    "P-03", "LO-01", "LAC-01",
]  # fmt: skip


@pytest.fixture(scope="module")
def checked(site: Site, settings: CheckerSettings) -> Callable[[str], CheckResult]:
    """check_website on a fixture site, once per site for the whole module."""
    done: dict[str, CheckResult] = {}

    def run(name: str) -> CheckResult:
        if name not in done:
            done[name] = check_website(f"{site(name).base_url}/", settings)
        return done[name]

    return run


def results(result: CheckResult) -> dict[str, str]:
    return {finding.code: finding.result for finding in result.findings}


def test_every_rule_gives_one_finding(checked: Callable[[str], CheckResult]) -> None:
    result = checked("compliant")
    assert [finding.code for finding in result.findings] == CODES
    assert [rule.code for rule in load_rules(CheckerSettings().rules_path)] == CODES
    json.dumps(result.to_dict())  # storable as JSON


def test_a_compliant_site_meets_every_item(
    checked: Callable[[str], CheckResult], site: Site
) -> None:
    result = checked("compliant")
    base = site("compliant").base_url
    assert result.status == "completed", result.reason
    assert results(result) == dict.fromkeys(CODES, "found")
    assert result.documents == {
        "report": f"{base}/send/",
        "policy": f"{base}/policies/send-policy.pdf",
        "accessibility_plan": f"{base}/policies/accessibility-plan.html",
    }
    assert result.reason == (
        "Read 9 pages; found the SEND Information Report, SEND policy and accessibility plan"
    )
    assert result.local_offer_status == 200
    assert result.report_date == date(2025, 9, 15)


def test_compliant_evidence_points_at_the_words(checked: Callable[[str], CheckResult]) -> None:
    result = checked("compliant")
    senco = result.finding("S1-04")
    assert "Mrs Sarah Lane" in senco.snippet and senco.evidence_url.endswith("/send/")
    signed = result.finding("P-02")
    assert signed.evidence_url.endswith("/send-policy.pdf") and signed.pdf_page == 3
    assert "Signed: A. Patel" in signed.snippet
    assert "10 October 2024" in result.finding("P-03").detail
    assert result.finding("S1-03f").snippet.startswith("Joining in activities")
    for finding in result.findings:
        assert len(finding.snippet) <= 300 and "  " not in finding.snippet
        assert "Scripts are never run" not in finding.snippet
        assert "noscript" not in finding.snippet


def test_the_crawl_is_polite_and_survives_broken_links(
    checked: Callable[[str], CheckResult], site: Site
) -> None:
    result = checked("compliant")
    hits = site("compliant").hits
    assert hits["/private/staff-send-notes.html"] == 0  # robots.txt
    assert hits["/news/newsletter-october.pdf"] == 0  # not a SEND-looking link
    assert hits["/policies/charging.docx"] == 0
    assert hits["/robots.txt"] == 1
    outcomes = {page.url.rsplit("/", 1)[-1]: page.outcome for page in result.visited}
    assert outcomes["missing.html"] == "http_status"
    assert outcomes["photo"] == "unsupported_content"
    assert result.pages_fetched == 9
    order = [page.url.split("/", 3)[-1] for page in result.visited]
    assert order[:2] == ["", "send/"]  # the SEND link is followed first
    assert any("robots.txt" in note for note in result.notes)


PARTLY = {
    **dict.fromkeys(CODES, "found"),
    "S1-03f": "not_found",
    "S1-04": "unsure",
    "S1-08": "not_found",
    "S1-11": "not_found",
    "S1-12": "not_found",
    "S1-13": "not_found",
    "D-01": "not_found",
    "D-02": "not_found",
    "D-03": "not_found",
    "D-04": "not_found",
    "AP-1": "not_found",
    "AP-2": "not_found",
    "AP-3": "not_found",
    "R-02": "not_found",
    "P-02": "not_found",
    "P-03": "not_found",
    "LO-01": "not_found",
    "LAC-01": "not_found",
}


def test_a_partly_compliant_site(checked: Callable[[str], CheckResult]) -> None:
    result = checked("partly")
    assert result.status == "completed"
    assert results(result) == PARTLY
    assert set(result.documents) == {"report", "policy"}
    assert "without contact details" in result.finding("S1-04").detail
    assert "March 2021" in result.finding("P-03").detail
    assert result.finding("R-02").detail.startswith("Average sentence length 44")
    assert result.local_offer is not None and result.local_offer.url is None
    assert "No accessibility plan was found" in result.finding("AP-1").detail


def test_a_report_published_only_as_a_pdf(
    checked: Callable[[str], CheckResult], site: Site
) -> None:
    result = checked("pdf_report")
    report = f"{site('pdf_report').base_url}/docs/Hillcrest-SEND-Information-Report-2025.pdf"
    assert result.documents["report"] == report
    assert result.documents["policy"].endswith("/docs/HA-POL-017.pdf")
    assert result.documents["accessibility_plan"].endswith("/docs/HA-PLAN-2024.pdf")
    pages = {"S1-01": 1, "S1-04": 2, "S1-03f": 2, "S1-09": 3, "S1-11": 3, "S1-13": 3,
             "S1-12": 4, "LAC-01": 4, "D-01": 4, "R-01": 1}  # fmt: skip
    for code, page in pages.items():
        finding = result.finding(code)
        assert (finding.result, finding.evidence_url, finding.pdf_page) == ("found", report, page)
    assert "Mr David Okafor" in result.finding("S1-04").snippet
    assert result.finding("LO-01").result == "found"  # a link annotation inside the PDF
    assert result.report_date == date(2025, 9, 1)
    assert result.finding("P-02").pdf_page == 2


def test_a_broken_local_offer_link(checked: Callable[[str], CheckResult]) -> None:
    result = checked("broken_offer")
    assert result.finding("S1-13").result == "found"  # the report says where it is ...
    offer = result.finding("LO-01")  # ... but the link does not work
    assert offer.result == "not_found"
    assert offer.detail.endswith("does not work: HTTP 404")
    assert result.local_offer_status == 404
    assert result.finding("S1-04").result == "found"


def test_an_out_of_date_report(checked: Callable[[str], CheckResult]) -> None:
    result = checked("out_of_date")
    finding = result.finding("R-01")
    assert finding.result == "not_found"
    assert "12 September 2023" in finding.detail and "more than 12 months" in finding.detail
    assert result.report_date == date(2023, 9, 12)
    found = {(d.kind, d.text) for d in result.detected_dates if d.document == "report"}
    assert found == {("last", "12 September 2023"), ("next", "September 2024")}
    assert result.finding("LO-01").result == "found"
