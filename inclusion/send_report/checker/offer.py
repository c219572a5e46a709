"""The link to the council's Local Offer: find it, request it, judge S1-13 and LO-01."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from inclusion.send_report.checker.classify import DocumentSet
from inclusion.send_report.checker.crawl import site_key
from inclusion.send_report.checker.extract import Document, Link
from inclusion.send_report.checker.fetch import Outcome, SafeFetcher
from inclusion.send_report.checker.matching import Hit, finding_at, missing_detail, snippet
from inclusion.send_report.checker.results import ItemFinding, LocalOfferLink
from inclusion.send_report.checker.rules import Rule
from inclusion.send_report.checker.settings import CheckerSettings

LOCAL_OFFER = re.compile(r"local[\s_-]*offer", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    document: Document
    link: Link
    council: bool  # the link is the council's Local Offer, not just a link worded so
    rank: int


def is_council_link(url: str, hosts: tuple[str, ...]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    try:
        with_port = f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return False
    for entry in hosts:
        if ":" in entry and with_port == entry:
            return True
        if ":" not in entry and (host == entry or host.endswith("." + entry)):
            return True
    return False


def is_offer_address(url: str, exact: str, prefixes: tuple[str, ...] = ()) -> bool:
    """The link's address is the Local Offer's own, or under one of its known prefixes."""
    bare = _bare(url)
    if exact and bare.split("#")[0].split("?")[0].rstrip("/") == exact:
        return True
    return any(bare == p or bare.startswith((f"{p}/", f"{p}?", f"{p}#")) for p in prefixes)


def _bare(url: str) -> str:
    return url.strip().lower().split("://", 1)[-1].removeprefix("www.").rstrip("/")


def offer_rank(link: Link, own_site: bool, settings: CheckerSettings) -> int:
    """3: the Local Offer's address; 2: worded "Local Offer" on a council host; 1: worded
    "Local Offer" elsewhere off this site; 0: not a Local Offer link (a SENDIAS or admissions
    link on the council's site is not the Local Offer)."""
    if is_offer_address(link.url, settings.offer_address(), settings.offer_prefixes()):
        return 3
    worded = bool(LOCAL_OFFER.search(f"{link.text} {urlsplit(link.url).path}"))
    if worded and is_council_link(link.url, settings.offer_hosts()):
        return 2
    return 1 if worded and not own_site else 0


def candidates(
    docs: DocumentSet, documents: list[Document], settings: CheckerSettings
) -> list[Candidate]:
    """Links that are the Local Offer, best first (by address, then council and wording)."""
    sites = {site_key(f"http://{host}") for host in docs.site_hosts}
    found: list[Candidate] = []
    for document in documents:
        for link in document.links:
            own = site_key(link.url) in sites or site_key(link.url) == site_key(document.url)
            rank = offer_rank(link, own, settings)
            if rank:
                found.append(Candidate(document, link, rank >= 2, rank))
    return sorted(found, key=lambda c: -c.rank)


def assess_local_offer(
    docs: DocumentSet, fetcher: SafeFetcher, settings: CheckerSettings
) -> LocalOfferLink:
    """Choose the Local Offer link (report first) and request it, following redirects (each
    hop checked for safety); record the final status and address."""
    found = candidates(docs, docs.scope(("report", "policy", "any")), settings)
    if not found:
        return LocalOfferLink(url=None, detail="No link to the council's Local Offer was found")
    chosen = found[0]
    result = fetcher.probe(chosen.link.url)
    status = result.status
    ok = result.ok and status is not None and 200 <= status < 300
    final = result.final_url or None
    hosts = settings.offer_hosts()
    council = chosen.council and (not final or not hosts or is_council_link(final, hosts))
    detail = f"HTTP {status}" if status else result.message
    if result.redirects and final:
        detail += f" after redirecting to {final}"
    return LocalOfferLink(
        url=chosen.link.url,
        link_text=chosen.link.text,
        found_on=chosen.document.url,
        on_council_site=council,
        status=status,
        final_url=final,
        outcome=str(result.outcome),
        ok=ok,
        detail=detail,
    )


def local_offer_link(rule: Rule, docs: DocumentSet, settings: CheckerSettings) -> ItemFinding:
    """S1-13: the report says where the Local Offer is published (a link to it)."""
    scope = docs.scope(rule.documents)
    if not scope:
        return ItemFinding(rule.code, "not_found", detail=missing_detail(rule.documents))
    inside = candidates(docs, scope, settings)
    if inside and inside[0].council:
        return _link_finding(rule.code, "found", inside[0], "Links to the Local Offer")
    if inside:
        detail = "Links to a 'Local Offer' that is not on the council's website"
        return _link_finding(rule.code, "unsure", inside[0], detail)
    for document in scope:
        for page in document.pages:
            match = LOCAL_OFFER.search(page.flat)
            if match:
                detail = "Mentions the Local Offer but gives no link to it"
                return finding_at(rule.code, "unsure", document, Hit(page, match.start()), detail)
    elsewhere = candidates(docs, docs.documents, settings)
    if elsewhere:
        detail = "The Local Offer is linked elsewhere on the website, not where expected"
        return _link_finding(rule.code, "unsure", elsewhere[0], detail)
    return ItemFinding(rule.code, "not_found", detail="No mention of or link to the Local Offer")


def _link_finding(code: str, result: str, candidate: Candidate, detail: str) -> ItemFinding:
    document, link = candidate.document, candidate.link
    page = next((p for p in document.pages if p.number == link.page), document.pages[0])
    position = page.flat.find(link.text) if link.text else -1
    if position < 0:
        mention = LOCAL_OFFER.search(page.flat)
        position = mention.start() if mention else -1
    text = snippet(page.flat, position) if position >= 0 else f"{link.text} {link.url}".strip()
    return ItemFinding(code, result, document.url, link.page, text, f"{detail}: {link.url}")  # type: ignore[arg-type]


def local_offer_working(rule: Rule, offer: LocalOfferLink) -> ItemFinding:
    """LO-01: a working link to the council's Local Offer."""
    if offer.url is None:
        return ItemFinding(rule.code, "not_found", detail=offer.detail)
    where = f"The Local Offer link {offer.url}"
    if offer.ok and offer.on_council_site:
        result, detail = "found", f"{where} works ({offer.detail})"
    elif offer.ok:
        result, detail = "unsure", f"{where} works but is not on the council's Local Offer site"
    elif offer.outcome == Outcome.DEADLINE:
        result, detail = "unsure", f"{where} could not be tested: {offer.detail}"
    else:
        result, detail = "not_found", f"{where} does not work: {offer.detail}"
    shown = f"{offer.link_text} ({offer.url})" if offer.link_text else offer.url
    return ItemFinding(rule.code, result, offer.found_on, None, shown, detail)  # type: ignore[arg-type]
