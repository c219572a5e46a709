"""The checker against the corpus of fixture school websites (tests/.../corpus): never a
false "found", at least 98% of verdicts right, reasons recorded in words."""

from __future__ import annotations

import pytest

from inclusion.send_report.checker import CheckResult
from tests.send_report.checker.corpus.build import EXPECTED, expected_yaml
from tests.send_report.checker.corpus.run import Score, check_corpus
from tests.send_report.checker.corpus.sites import CODES, SITES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Score, dict[str, CheckResult]]:
    return check_corpus(tmp_path_factory.mktemp("corpus"))


def test_the_expected_verdicts_file_covers_every_item_of_every_site() -> None:
    assert len(SITES) >= 30
    assert EXPECTED.read_text(encoding="utf-8") == expected_yaml(SITES)
    assert all(list(site.expected()) == CODES for site in SITES)


def test_no_false_found_and_at_least_98_percent_right(
    corpus: tuple[Score, dict[str, CheckResult]],
) -> None:
    score, _ = corpus
    print(score.report())  # the confusion matrix, shown with pytest -s
    assert score.false_found == []
    assert score.total == len(SITES) * len(CODES)
    assert score.right / score.total >= 0.98, score.report()


def reasons(results: dict[str, CheckResult], name: str) -> str:
    return "\n".join(results[name].notes)


def test_every_reason_is_recorded_in_words(corpus: tuple[Score, dict[str, CheckResult]]) -> None:
    _, results = corpus
    assert "The report is a scanned PDF without text: we could not read it" in reasons(
        results, "scanned_report"
    )
    assert "robots.txt" in reasons(results, "robots_report")
    assert "robots.txt" in results["robots_home"].reason
    assert "redirects in a loop" in reasons(results, "redirect_loop")
    assert "timed out after 1 second: the page arrived too slowly" in reasons(
        results, "slow_report"
    )
    assert "larger than 1 MB; only the first 1 MB was read" in reasons(results, "huge_report")
    assert "The SEND Information Report is on the trust's website" in reasons(
        results, "trust_hosted"
    )
    hostile = reasons(results, "hostile")
    assert "link-local address and was not checked" in hostile
    assert "Stopped after 40 pages" in hostile


def test_unreadable_reports_make_items_unsure_and_say_why(
    corpus: tuple[Score, dict[str, CheckResult]],
) -> None:
    _, results = corpus
    finding = results["scanned_report"].finding("S1-01")
    assert finding.result == "unsure"
    assert "scanned" in finding.detail


def test_the_local_offer_link_is_the_one_tested(
    corpus: tuple[Score, dict[str, CheckResult]],
) -> None:
    _, results = corpus
    first = results["sendias_first"].local_offer  # the SENDIAS link comes first on the page
    assert first.link_text == "Somerset Local Offer" and first.ok
    assert first.final_url.endswith("/chain/0") and "after redirecting" in first.detail
    broken = results["sendias_then_broken_offer"].local_offer
    assert (broken.link_text, broken.status, broken.ok) == ("Somerset Local Offer", 404, False)
    assert results["admissions_link_only"].local_offer.url is None
    old = results["offer_old_address"].local_offer  # a known old address, redirected
    assert old.ok and old.final_url.endswith("/local-offer")
    metadata = results["offer_to_metadata"].local_offer
    assert not metadata.ok and "link-local" in metadata.detail


def test_other_schools_reports_on_the_trust_site_are_never_evidence(
    corpus: tuple[Score, dict[str, CheckResult]],
) -> None:
    _, results = corpus
    read = [page.url for page in results["trust_hosted"].visited]
    assert not any("beech-hill" in url for url in read)
    listing = results["trust_listing_only"]
    assert "report" not in listing.documents
    assert not any("beech-hill" in page.url for page in listing.visited)
