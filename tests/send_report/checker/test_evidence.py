"""What counts as evidence: a passage about the item under its heading, in the report; never
a list of policy names, a menu, a broken PDF line or words scattered over other sections."""

from __future__ import annotations

from datetime import date

import pytest

from inclusion.send_report.checker import CheckerSettings, load_rules
from inclusion.send_report.checker.classify import DocumentSet
from inclusion.send_report.checker.crawl import names_school
from inclusion.send_report.checker.dates import labelled_dates
from inclusion.send_report.checker.extract import (
    Document,
    document_name,
    html_document,
    pdf_document,
)
from inclusion.send_report.checker.matching import evaluate_words
from inclusion.send_report.checker.offer import is_offer_address
from inclusion.send_report.checker.results import ItemFinding
from tests.send_report.checker.pdfwriter import PdfPage, build_pdf

RULES = {rule.code: rule for rule in load_rules(CheckerSettings().rules_path)}
REPORT = "http://school.example/send-information-report"


def report(body: str) -> Document:
    page = f"<html><title>SEND Information Report</title><h1>SEND Information Report</h1>{body}"
    return html_document(REPORT, page.encode(), None, False)


def judged(code: str, document: Document) -> ItemFinding:
    docs = DocumentSet.build([document], {}, {"school.example"})
    assert docs.by_kind["report"] is document
    return evaluate_words(RULES[code], docs)


def test_the_regulations_own_words_for_consulting_pupils_are_found() -> None:
    document = report(
        "<h2>Consulting young people</h2><p>Our arrangements for consulting young people with "
        "SEN about, and involving them in, their education: each pupil helps to write a "
        "one-page profile.</p>"
    )
    assert judged("S1-08", document).result == "found"


@pytest.mark.parametrize(
    "body",
    [
        "<details><summary>Pupil voice</summary><p>Children write their one-page profile and "
        "talk about their own targets.</p></details>",
        "<table><tr><th>How will my child have a say?</th><td>Children write their one-page "
        "profile and talk about their own targets.</td></tr></table>",
        "<p><strong>Pupil voice</strong></p><p>Children write their one-page profile and set "
        "their own targets.</p>",
    ],
    ids=["accordion", "table-row", "bold-line"],
)
def test_accordions_table_rows_and_bold_lines_head_their_passages(body: str) -> None:
    assert judged("S1-08", report(body)).result == "found"


def test_a_list_of_policy_names_is_not_evidence() -> None:
    document = report(
        "<h2>Transition</h2><p>We plan each move to secondary school with transition visits."
        "</p><h2>Related policies</h2><ul><li>Complaints Procedure</li><li>Complaints Policy "
        "(2024)</li><li><a href='/c.pdf'>Complaints and concerns</a></li></ul>"
    )
    assert judged("S1-09", document).result == "not_found"


def test_words_scattered_over_other_sections_do_not_add_up() -> None:
    document = report(
        "<h2>Equality</h2><p>We make reasonable adjustments for disabled pupils.</p>"
        "<h2>Equipment</h2><p>We buy writing slopes when a child needs them.</p>"
    )
    finding = judged("S1-03d", document)  # "reasonable adjustments" + "writing slopes"
    assert finding.result == "not_found"


def test_a_single_passing_mention_is_not_found_but_shown() -> None:
    document = report("<h2>Who else helps</h2><p>The speech and language therapist visits.</p>")
    finding = judged("S1-01", document)
    assert finding.result == "not_found"
    assert "passing mention" in finding.detail and "speech and language" in finding.snippet


def test_a_pdf_sentence_broken_across_lines_is_not_a_heading() -> None:
    body = build_pdf(
        [
            PdfPage(
                [
                    "Types of need",
                    "Provision is made for pupils across the four broad areas of need set out in",
                    "Practice: communication and interaction; cognition and learning, and more",
                    "Related documents",
                    "Complaints",
                    "Procedure",
                ]
            )
        ]
    )
    document = pdf_document("http://school.example/r.pdf", body, False, 10)
    assert document.headings == ["Types of need"]


def test_a_scanned_pdf_says_so() -> None:
    scan = build_pdf([PdfPage([])], scanned=True)
    document = pdf_document("http://school.example/scan.pdf", scan, False, 10)
    assert document.problem == "The PDF is scanned images without text: we could not read it"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Willow Primary School SEND Information Report", True),
        ("/schools/willow-primary/send-information-report", True),
        ("Beech Hill Primary School SEND Information Report", False),
        ("Primary School SEND reports", False),
    ],
)
def test_a_trust_page_is_this_schools_only_if_it_names_it(text: str, named: bool) -> None:
    assert names_school(text, "Willow Primary School") is named


@pytest.mark.parametrize(
    ("url", "offer"),
    [
        ("https://www.somerset.gov.uk/children/", True),
        ("https://somerset.gov.uk/children?from=school#top", True),
        ("https://www.somerset.gov.uk/children/school-admissions", False),  # below: not it
        ("https://www.somerset.gov.uk/localoffer/send-services", True),  # a configured prefix
        ("https://www.somerset.gov.uk/localofferings", False),
        ("https://www.somerset.gov.uk/sendias", False),
    ],
)
def test_the_local_offer_is_known_by_its_address(url: str, offer: bool) -> None:
    exact, prefixes = "somerset.gov.uk/children", ("somerset.gov.uk/localoffer",)
    assert is_offer_address(url, exact, prefixes) is offer


@pytest.mark.parametrize(
    "text",
    ["Date of policy: 01/09/2024", "Date: 1 September 2024", "Approved by governors on 1/9/2024"],
)
def test_policy_date_labels_count_as_review_dates(text: str) -> None:
    (found,) = labelled_dates(text, date(2025, 11, 3))
    assert found.kind == "last" and found.found.earliest == date(2024, 9, 1)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Looked After Children Policy", True),
        ("Complaints Procedure (2024)", True),
        ("Each child has a transition plan", False),
        ("Our SEND policy explains how we help.", False),
    ],
)
def test_only_a_bare_document_title_is_a_document_name(line: str, name: bool) -> None:
    assert document_name(line) is name


def test_a_page_called_inclusion_can_be_the_report_but_one_called_parents_cannot() -> None:
    body = (
        "<p>This is our SEND information report. Our SENCO leads special educational needs "
        "support.</p>"
    )
    inclusion = html_document(
        "http://school.example/inclusion", f"<title>Inclusion</title>{body}".encode(), None, False
    )
    parents = html_document(
        "http://school.example/parents", f"<title>Parents</title>{body}".encode(), None, False
    )
    assert DocumentSet.build([parents], {}, set()).by_kind == {}
    assert DocumentSet.build([inclusion], {}, set()).by_kind["report"] is inclusion
