"""The checker's parts on their own: addresses, dates, phones, text extraction, link order."""

from __future__ import annotations

import ipaddress
from datetime import date

import pytest

from inclusion.send_report.checker.addresses import refusal_kind
from inclusion.send_report.checker.classify import DocumentSet
from inclusion.send_report.checker.crawl import link_priority, site_key
from inclusion.send_report.checker.dates import find_dates, labelled_dates, months_before
from inclusion.send_report.checker.extract import html_document, pdf_document
from inclusion.send_report.checker.fetch import content_kind
from inclusion.send_report.checker.offer import is_council_link
from inclusion.send_report.checker.special import has_name, uk_phone
from tests.send_report.checker.pdfwriter import PdfPage, build_pdf


@pytest.mark.parametrize(
    ("address", "allow_loopback", "kind"),
    [
        ("10.0.0.1", False, "private network"),
        ("10.0.0.1", True, "private network"),
        ("192.168.1.1", True, "private network"),
        ("127.0.0.1", False, "loopback"),
        ("127.0.0.1", True, None),
        ("127.8.9.10", True, None),
        ("::1", False, "loopback"),
        ("::1", True, None),
        ("169.254.169.254", True, "link-local"),
        ("fe80::1", True, "link-local"),
        ("224.0.0.1", True, "multicast"),
        ("0.0.0.0", True, "unspecified"),
        ("240.0.0.1", True, "reserved"),
        ("100.64.0.1", True, "non-public"),
        ("fc00::1", True, "private network"),
        ("::ffff:192.168.0.1", True, "private network"),
        ("8.8.8.8", False, None),
        ("2a00:1450:4009:81f::200e", False, None),
    ],
)
def test_address_policy(address: str, allow_loopback: bool, kind: str | None) -> None:
    assert refusal_kind(ipaddress.ip_address(address), allow_loopback) == kind


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("12/09/2025", date(2025, 9, 12), date(2025, 9, 12)),
        ("12.9.25", date(2025, 9, 12), date(2025, 9, 12)),
        ("12 September 2025", date(2025, 9, 12), date(2025, 9, 12)),
        ("12th Sept 2025", date(2025, 9, 12), date(2025, 9, 12)),
        ("September 12, 2025", date(2025, 9, 12), date(2025, 9, 12)),
        ("2025-09-12", date(2025, 9, 12), date(2025, 9, 12)),
        ("September 2025", date(2025, 9, 1), date(2025, 9, 30)),
        ("Feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Autumn 2025", date(2025, 9, 1), date(2025, 12, 31)),
        ("Summer term 2024", date(2024, 4, 1), date(2024, 8, 31)),
    ],
)
def test_date_formats(text: str, earliest: date, latest: date) -> None:
    [found] = find_dates(f"Reviewed: {text}.")
    assert (found.text, found.earliest, found.latest) == (text, earliest, latest)


def test_impossible_dates_are_ignored() -> None:
    assert find_dates("31/02/2025 and 2025-13-01") == []


def test_labels_say_which_dates_are_reviews() -> None:
    text = (
        "Approved: 12/09/2025. Next review date: September 2025\n"
        "Review date: July 2027\nPrinted 1 May 2025"
    )
    found = [(d.found.text, d.label, d.kind) for d in labelled_dates(text, date(2025, 11, 3))]
    assert found == [
        ("12/09/2025", "approved", "last"),
        ("September 2025", "next review", "next"),
        ("July 2027", "review date", "next"),  # a "review date" in the future is the next one
        ("1 May 2025", "", "unlabelled"),
    ]


def test_months_before_clamps_the_day() -> None:
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2025, 11, 3), 36) == date(2022, 11, 3)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Call 01632 960123 today", "01632 960123"),
        ("ring +44 (0)1823 355578.", "+44 (0)1823 355578"),
        ("mobile 07700 900123", "07700 900123"),
        ("Tel: (01823) 355578", "(01823) 355578"),
        ("order 12345 of 2025", None),
    ],
)
def test_uk_phone_numbers(text: str, phone: str | None) -> None:
    assert uk_phone(text) == phone


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Our SENCO is Mrs Sarah Lane.", True),
        ("The SENCO: Dr. A. Jones", True),
        ("Our SENCO is Sarah Lane", True),
        ("Contact the SENCO: Special Educational Needs Office", False),
        ("Contact the SENCO by email", False),
    ],
)
def test_senco_names(text: str, named: bool) -> None:
    assert has_name(text) is named


def test_html_text_keeps_headings_and_drops_scripts_and_menus() -> None:
    body = b"""<html><head><title>SEND | School</title><script>var x = 'hidden';</script></head>
    <body><nav><a href="/send">SEND menu link</a></nav>
    <h2>Our <em>SENCO</em></h2><p>Call  us<br>today.</p><style>p {}</style>
    <noscript>no script</noscript><iframe src="/docs/report.pdf" title="SEND report"></iframe>
    <p>See www.somerset.gov.uk/localoffer.</p></body></html>"""
    document = html_document("http://school.example/a/", body, None, False)
    assert document.title == "SEND | School"
    assert document.headings == ["Our SENCO"]
    assert document.text == "Our SENCO\nCall us\ntoday.\nSee www.somerset.gov.uk/localoffer."
    links = {(link.url, link.text) for link in document.links}
    assert ("http://school.example/send", "SEND menu link") in links
    assert ("http://school.example/docs/report.pdf", "SEND report") in links
    assert ("https://www.somerset.gov.uk/localoffer", "www.somerset.gov.uk/localoffer") in links


def test_pdf_text_keeps_page_numbers_and_links() -> None:
    body = build_pdf(
        [
            PdfPage(["Kinds of need", "Autism (and more)."]),
            PdfPage(["Local Offer"], ["https://lo.example/x"]),
        ],
        title="Report",
    )
    document = pdf_document("http://school.example/r.pdf", body, False, 10)
    assert document.title == "Report"
    assert [(page.number, page.text) for page in document.pages] == [
        (1, "Kinds of need\nAutism (and more)."),
        (2, "Local Offer"),
    ]
    assert [(link.url, link.page) for link in document.links] == [("https://lo.example/x", 2)]


def test_a_damaged_pdf_is_a_document_with_a_problem() -> None:
    document = pdf_document("http://school.example/r.pdf", b"%PDF-1.4 rubbish", True, 10)
    assert document.pages == [] or all(not page.text for page in document.pages)
    assert document.problem.startswith("The PDF could not be read")


def test_send_links_come_first() -> None:
    ranked = sorted(
        [
            ("/news/", "Latest news"),
            ("/policies/", "Policies"),
            ("/send/", "SEND"),
            ("/docs/sen-information-report.pdf", "SEN Information Report"),
            ("/sent-home.html", "Sent home"),
        ],
        key=lambda pair: -link_priority(f"http://s.example{pair[0]}", pair[1]),
    )
    assert [path for path, _ in ranked] == [
        "/docs/sen-information-report.pdf",
        "/send/",
        "/policies/",
        "/news/",
        "/sent-home.html",
    ]
    assert link_priority("http://s.example/sent-home.html", "Sent home") == 0


def test_www_is_the_same_site() -> None:
    assert site_key("https://www.oak.sch.uk/a") == site_key("https://oak.sch.uk/b")
    assert site_key("https://oak.sch.uk/") != site_key("https://oak.sch.uk:8443/")


def test_council_hosts() -> None:
    hosts = ("somerset.gov.uk", "127.0.0.1:8000")
    assert is_council_link("https://www.somerset.gov.uk/children/local-offer", hosts)
    assert is_council_link("https://choices.somerset.gov.uk/", hosts)
    assert not is_council_link("https://notsomerset.gov.uk/", hosts)
    assert is_council_link("http://127.0.0.1:8000/lo", hosts)
    assert not is_council_link("http://127.0.0.1:8001/lo", hosts)


def test_content_kinds() -> None:
    assert content_kind("text/html") == "html"
    assert content_kind("application/pdf") == "pdf"
    assert content_kind("application/octet-stream", b"%PDF-1.7") == "pdf"
    assert content_kind("", b"  <!DOCTYPE html><html>") == "html"
    assert content_kind("image/png", b"%PDF") == "other"


def test_a_combined_policy_and_report_is_both() -> None:
    body = b"<html><title>SEND Policy and Information Report</title><p>Text</p></html>"
    document = html_document("http://s.example/send-policy-and-report/", body, None, False)
    docs = DocumentSet.build([document], {}, {"s.example"})
    assert set(docs.by_kind) == {"report", "policy"}
