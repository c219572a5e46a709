"""check_website: crawl a school's website and judge every item in the rules file.

A pure library: no database, no Flask. It never raises; problems come back as a failed
CheckResult with a plain-English reason.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from inclusion.send_report.checker.classify import INFO_REPORT, KIND_NAMES, DocumentSet
from inclusion.send_report.checker.crawl import Crawler, CrawlResult
from inclusion.send_report.checker.extract import SCANNED
from inclusion.send_report.checker.fetch import Deadline, SafeFetcher
from inclusion.send_report.checker.matching import evaluate_words
from inclusion.send_report.checker.offer import (
    assess_local_offer,
    local_offer_link,
    local_offer_working,
)
from inclusion.send_report.checker.results import (
    CheckResult,
    DetectedDate,
    ItemFinding,
    LocalOfferLink,
)
from inclusion.send_report.checker.rules import Rule, RulesFileError, load_rules
from inclusion.send_report.checker.settings import CheckerSettings
from inclusion.send_report.checker.special import (
    document_dates,
    document_present,
    readability,
    review_date,
    senco_contact,
    signed_dated,
)

log = logging.getLogger(__name__)


def check_website(url: str, settings: CheckerSettings) -> CheckResult:
    """Check one school website. Always returns; never raises."""
    started = time.monotonic()
    try:
        result = _check(url.strip() if isinstance(url, str) else "", settings)
    except MemoryError:
        reason = "The check needed too much memory and was stopped (a very large page or PDF)"
        result = CheckResult(url=url, status="failed", reason=reason)
    except Exception:
        log.exception("Website check of %r stopped", url)
        result = CheckResult(url=url, status="failed", reason="The check stopped unexpectedly")
    result.duration_seconds = round(time.monotonic() - started, 3)
    return result


def normalise_start(url: str) -> str:
    """Add https:// to a bare address ("www.school.sch.uk"); other schemes are kept (refused)."""
    if "://" not in url and not url.lower().startswith(("mailto:", "file:", "javascript:")):
        url = f"https://{url}"
    parts = urlsplit(url)
    return url if parts.path else f"{url}/"


def _check(url: str, settings: CheckerSettings) -> CheckResult:
    if not url:
        return CheckResult(
            url=url, status="failed", reason="No website is recorded for this school"
        )
    try:
        rules = load_rules(settings.rules_path)
    except RulesFileError as error:
        reason = f"The checker's rules file has problems: {'; '.join(error.problems[:3])}"
        return CheckResult(url=url, status="failed", reason=reason)
    start = normalise_start(url)
    with SafeFetcher(settings, Deadline(settings.deadline_seconds)) as fetcher:
        crawl = Crawler(fetcher, settings).run(start)
        if crawl.failure:
            return _failed(start, crawl)
        docs = DocumentSet.build(
            crawl.documents,
            crawl.link_texts,
            crawl.site_hosts,
            crawl.trust_urls,
            settings.school_name,
        )
        offer = assess_local_offer(docs, fetcher, settings)
    unread = unread_report(crawl, docs)
    findings = [
        soften(rule, confine(rule, judge(rule, docs, offer, settings), docs), unread)
        for rule in rules
    ]
    return CheckResult(
        url=start,
        status="completed",
        reason=summary(crawl, docs),
        pages_fetched=sum(1 for page in crawl.visited if page.outcome == "ok"),
        documents=docs.urls(),
        local_offer=offer,
        detected_dates=detected_dates(docs, settings),
        findings=findings,
        visited=crawl.visited,
        notes=explained(crawl, docs, offer, unread),
    )


def _failed(start: str, crawl: CrawlResult) -> CheckResult:
    return CheckResult(
        url=start,
        status="failed",
        reason=crawl.failure or "The website could not be checked",
        visited=crawl.visited,
        notes=crawl.notes,
    )


def judge(
    rule: Rule, docs: DocumentSet, offer: LocalOfferLink, settings: CheckerSettings
) -> ItemFinding:
    match rule.check:
        case "senco_contact":
            return senco_contact(rule, docs)
        case "local_offer_link":
            return local_offer_link(rule, docs, settings)
        case "local_offer_working":
            return local_offer_working(rule, offer)
        case "review_date":
            return review_date(rule, docs, settings.today)
        case "signed_dated":
            return signed_dated(rule, docs)
        case "readability":
            return readability(rule, docs)
        case "document_present":
            return document_present(rule, docs, settings.today)
    return evaluate_words(rule, docs)


def _looks_like_report(url: str, link_texts: list[str]) -> bool:
    label = f"{' '.join(link_texts)} {unquote(urlsplit(url).path)}".lower()
    return bool(INFO_REPORT.search(re.sub(r"[\W_]+", " ", label)))


def unread_report(crawl: CrawlResult, docs: DocumentSet) -> str | None:
    """Why the SEND Information Report could not be (fully) read, or None if it was read."""
    report = docs.by_kind.get("report")
    if report is not None:
        if report.truncated:
            return "the report is larger than the size limit and only its start was read"
        return _lower(report.problem) if report.problem else None
    for url, why in crawl.unread.items():
        if _looks_like_report(url, crawl.link_texts.get(url, [])):
            return f"{_lower(why)} ({url})"
    return None


CONFINED_CHECKS = (None, "senco_contact")


def confine(rule: Rule, finding: ItemFinding, docs: DocumentSet) -> ItemFinding:
    """Content items are "found" only in the document they belong in (the report) or in a
    document it links to; words found anywhere else make them "unsure"."""
    primary = rule.documents[0]
    if finding.result != "found" or rule.check not in CONFINED_CHECKS or primary == "any":
        return finding
    home = docs.by_kind.get(primary)
    allowed = {home.url, *(link.url for link in home.links)} if home else set()
    if finding.evidence_url in allowed:
        return finding
    where = KIND_NAMES.get(primary, primary)
    detail = f"Found on {finding.evidence_url}, not in the {where} or a document it links to"
    return replace(finding, result="unsure", detail=detail)


def soften(rule: Rule, finding: ItemFinding, unread: str | None) -> ItemFinding:
    """Not found in a report that could not be read is really "we could not tell"."""
    scoped = {"report", "any"} & set(rule.documents)
    if unread is None or finding.result != "not_found" or not scoped:
        return finding
    detail = f"The SEND Information Report could not be read, so this is unknown: {unread}"
    return replace(finding, result="unsure", detail=detail)


def explained(
    crawl: CrawlResult, docs: DocumentSet, offer: LocalOfferLink, unread: str | None
) -> list[str]:
    """Everything the school and adviser should know about what was and was not read."""
    notes = list(crawl.notes)
    for url, why in crawl.unread.items():
        if why == SCANNED and _looks_like_report(url, crawl.link_texts.get(url, [])):
            notes.insert(
                0, f"The report is a scanned PDF without text: we could not read it ({url})"
            )
    report = docs.by_kind.get("report")
    if report is not None and report.url in docs.trust_urls:
        notes.append(f"The SEND Information Report is on the trust's website: {report.url}")
    if offer.url:
        notes.append(f"The Local Offer link {offer.url} {offer_words(offer)}")
    return notes


def offer_words(offer: LocalOfferLink) -> str:
    if offer.ok:
        return f"works ({offer.detail})"
    return f"does not work ({offer.detail})"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def detected_dates(docs: DocumentSet, settings: CheckerSettings) -> list[DetectedDate]:
    dates = []
    for kind, document in docs.by_kind.items():
        for page, found in document_dates(document, settings.today):
            dates.append(
                DetectedDate(
                    document=kind,
                    url=document.url,
                    pdf_page=page.number,
                    label=found.label,
                    kind=found.kind,  # type: ignore[arg-type]
                    text=found.found.text,
                    earliest=found.found.earliest,
                    latest=found.found.latest,
                )
            )
    return dates


def summary(crawl: CrawlResult, docs: DocumentSet) -> str:
    pages = sum(1 for page in crawl.visited if page.outcome == "ok")
    found = [KIND_NAMES[kind] for kind in KIND_NAMES if kind in docs.by_kind]
    missing = [KIND_NAMES[kind] for kind in KIND_NAMES if kind not in docs.by_kind]
    text = f"Read {pages} page{'s' if pages != 1 else ''}"
    if found:
        text += f"; found the {_join(found)}"
    if missing:
        text += f"; did not find the {_join(missing)}"
    return text


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
