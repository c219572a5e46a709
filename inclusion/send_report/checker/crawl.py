"""A polite same-site crawl from the home page, most SEND-looking links first.

Obeys robots.txt (fetched through the same safe fetcher), a page limit, a delay between
requests and the check's deadline. Pages that fail (404 half-way through, not HTML or PDF)
are recorded and skipped; only a failing home page ends the crawl.
"""

from __future__ import annotations

import heapq
import itertools
import re
import time
from dataclasses import dataclass, field
from posixpath import splitext
from urllib.parse import unquote, urldefrag, urlsplit
from urllib.robotparser import RobotFileParser

from inclusion.send_report.checker.extract import Document, Link, html_document, pdf_document
from inclusion.send_report.checker.fetch import FetchResult, Outcome, SafeFetcher
from inclusion.send_report.checker.results import VisitedPage
from inclusion.send_report.checker.settings import CheckerSettings

HOME_PRIORITY = 1_000_000
TRUST_PRIORITY = 30
MAX_TRUST_SITES = 1
REPORT_WORDS = re.compile(r"information\s+report|\bsend?\s+report", re.IGNORECASE)
COMMON_NAME_WORDS = {
    "the", "of", "and", "school", "primary", "secondary", "academy", "infant", "infants",
    "junior", "juniors", "nursery", "church", "england", "ce", "c", "e", "cofe", "catholic",
    "rc", "voluntary", "aided", "controlled", "community", "federation", "high", "college",
    "first", "middle", "upper", "lower", "st", "saint", "free", "trust", "mat",
}  # fmt: skip
MAX_LINK_TEXTS = 10
SKIPPED_EXTENSIONS = {
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".bmp", ".tif", ".tiff",
    ".css", ".js", ".json", ".xml", ".rss", ".zip", ".rar", ".7z", ".gz", ".mp3", ".mp4",
    ".mov", ".avi", ".wav", ".m4a", ".webm", ".ics", ".xls", ".xlsx", ".ppt", ".pptx",
    ".csv", ".exe", ".dmg", ".woff", ".woff2", ".ttf", ".eot",
}  # fmt: skip
WORD_EXTENSIONS = {".doc", ".docx", ".odt", ".rtf"}
KEYWORDS = [
    (re.compile(r"information report"), 12),
    (re.compile(r"\bsend?\b|\bsend?d?co\b"), 8),
    (re.compile(r"special educational needs|additional needs"), 8),
    (re.compile(r"local offer"), 6),
    (re.compile(r"accessibility"), 6),
    (re.compile(r"inclusion"), 5),
    (re.compile(r"\bpolic(?:y|ies)\b"), 4),
    (re.compile(r"disabilit|equality"), 3),
    (re.compile(r"statutory|key information|school information|about us|\bparents\b"), 2),
]


def link_priority(url: str, text: str) -> int:
    """How likely a link leads to a SEND document, from its text and address words."""
    words = re.sub(r"[\W_]+", " ", unquote(urlsplit(url).path)).lower()
    haystack = f"{text.lower()} {words}"
    return sum(weight for pattern, weight in KEYWORDS if pattern.search(haystack))


def site_key(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = -1
    return host, port


def normalise(url: str) -> str | None:
    url = urldefrag(url.strip())[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


@dataclass
class CrawlResult:
    documents: list[Document] = field(default_factory=list)
    link_texts: dict[str, list[str]] = field(default_factory=dict)
    visited: list[VisitedPage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    site_hosts: set[str] = field(default_factory=set)
    trust_urls: set[str] = field(default_factory=set)
    unread: dict[str, str] = field(default_factory=dict)  # address -> why it was not read
    failure: str | None = None

    def note_unread(self, url: str, why: str) -> None:
        self.unread.setdefault(url, why)
        self.notes.append(f"{why}: {url}")


class Crawler:
    def __init__(self, fetcher: SafeFetcher, settings: CheckerSettings) -> None:
        self.fetcher = fetcher
        self.settings = settings
        self.result = CrawlResult()
        self._queue: list[tuple[int, int, str]] = []
        self._order = itertools.count()
        self._priority: dict[str, int] = {}
        self._sites: set[tuple[str, int]] = set()
        self._robots: dict[str, RobotFileParser] = {}
        self._fetched_finals: set[str] = set()
        self._trust_sites: set[tuple[str, int]] = set()

    def run(self, start_url: str) -> CrawlResult:
        self._add_site(start_url)
        self._push(start_url, HOME_PRIORITY)
        self._priority[start_url] = 0  # links on the home page inherit nothing
        while self._queue and not self.result.failure:
            if len(self.result.visited) >= self.settings.max_pages:
                self.result.notes.append(
                    f"Stopped after {self.settings.max_pages} pages (the page limit)"
                )
                break
            if self.fetcher.deadline.expired:
                self.result.notes.append("Stopped early: the check ran out of time")
                break
            url = heapq.heappop(self._queue)[2]
            if self._permitted(url, first=not self.result.visited):
                self._pause(url)
                self._visit(url)
        return self.result

    def _add_site(self, url: str) -> None:
        self._sites.add(site_key(url))
        self.result.site_hosts.add(urlsplit(url).netloc.lower())

    def _push(self, url: str, priority: int) -> None:
        self._priority[url] = priority
        heapq.heappush(self._queue, (-priority, next(self._order), url))

    def _permitted(self, url: str, first: bool) -> bool:
        if self._robots_for(url).can_fetch(self.settings.user_agent, url):
            return True
        if first:
            self.result.failure = (
                "The website's robots.txt asks automated checkers not to read the home page, "
                "so it was not checked"
            )
        else:
            self.result.note_unread(url, "Not read, as the website's robots.txt asks")
        return False

    def _robots_for(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser(f"{origin}/robots.txt")
        fetched = self.fetcher.get(f"{origin}/robots.txt", accept={"text", "html"})
        if fetched.ok:
            parser.parse(fetched.body.decode(fetched.encoding or "utf-8", "replace").splitlines())
        elif fetched.status in (401, 403):
            parser.disallow_all = True
        else:
            parser.allow_all = True  # missing or unreadable robots.txt: no restrictions
        return parser

    def _pause(self, url: str) -> None:
        if not self.result.visited:
            return
        asked = self._robots_for(url).crawl_delay(self.settings.user_agent)
        delay = max(
            self.settings.delay_seconds,
            min(float(asked or 0), self.settings.max_crawl_delay_seconds),
        )
        time.sleep(min(delay, self.fetcher.deadline.remaining()))

    def _visit(self, url: str) -> None:
        fetched = self.fetcher.get(url)
        first = not self.result.visited
        self.result.visited.append(_visited(fetched))
        if first and not fetched.ok:
            self.result.failure = home_failure(fetched)
            return
        if not fetched.ok and fetched.outcome in UNREAD_OUTCOMES:
            self.result.note_unread(url, f"Could not be read ({_lower_first(fetched.message)})")
        if not fetched.ok or fetched.final_url in self._fetched_finals:
            return
        if first:
            self._add_site(fetched.final_url)
        self._fetched_finals.add(fetched.final_url)
        if fetched.final_url != url:
            self.result.link_texts[fetched.final_url] = self.result.link_texts.get(url, [])
        document = self._parse(fetched)
        self.result.documents.append(document)
        trust = site_key(fetched.final_url) in self._trust_sites
        if trust:
            self.result.trust_urls.add(fetched.final_url)
        for link in document.links:
            self._consider(link, self._priority.get(url, 0), trust)

    def _parse(self, fetched: FetchResult) -> Document:
        if fetched.truncated:
            limit = self.settings.max_bytes / 1_000_000
            self.result.notes.append(
                f"{fetched.final_url} is larger than {limit:g} MB; only the first {limit:g} MB "
                "was read"
            )
        if fetched.kind == "pdf":
            document = pdf_document(
                fetched.final_url,
                fetched.body,
                fetched.truncated,
                self.settings.max_pdf_pages,
                min(self.settings.max_pdf_seconds, self.fetcher.deadline.remaining()),
            )
            if document.problem:
                self.result.note_unread(fetched.final_url, document.problem)
            return document
        return html_document(fetched.final_url, fetched.body, fetched.encoding, fetched.truncated)

    def _consider(self, link: Link, parent_priority: int, from_trust: bool = False) -> None:
        url = normalise(link.url)
        if url is None:
            return
        texts = self.result.link_texts.setdefault(url, [])
        if link.text and link.text not in texts and len(texts) < MAX_LINK_TEXTS:
            texts.append(link.text)
        if url in self._priority:
            return
        if from_trust or site_key(url) not in self._sites:
            self._consider_trust(url, link, from_trust)
            return
        extension = splitext(urlsplit(url).path.lower())[1]
        own = link_priority(url, link.text)
        if extension in WORD_EXTENSIONS and own >= 8:
            self.result.notes.append(f"A Word document could not be read: {url} ({link.text})")
        if extension in SKIPPED_EXTENSIONS | WORD_EXTENSIONS:
            return
        priority = own + parent_priority // 2
        if extension == ".pdf" and priority == 0:
            return  # newsletters and menus: not worth a page of the budget
        self._push(url, priority)

    def _consider_trust(self, url: str, link: Link, from_trust: bool) -> None:
        """The school's report on its trust's website: one link from the school's own site
        worded as the SEND report, then, on the trust's site, only links naming this school."""
        if not self.settings.school_name or link_priority(url, link.text) < 8:
            return
        if from_trust:
            if site_key(url) in self._trust_sites and names_school(
                f"{link.text} {unquote(urlsplit(url).path)}", self.settings.school_name
            ):
                self._push(url, TRUST_PRIORITY)
            return
        if len(self._trust_sites) < MAX_TRUST_SITES and REPORT_WORDS.search(link.text):
            self._trust_sites.add(site_key(url))
            self._push(url, TRUST_PRIORITY)


def names_school(text: str, school_name: str) -> bool:
    """Every distinctive word of the school's name ("Oakfield" of "Oakfield Primary School")
    appears in the text."""
    words = distinctive_words(school_name)
    lowered = re.sub(r"[\W_]+", " ", text.lower())
    return bool(words) and all(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)


def distinctive_words(school_name: str) -> list[str]:
    words = re.findall(r"[a-z0-9']+", school_name.lower())
    kept = [word for word in words if word not in COMMON_NAME_WORDS]
    return kept or words


UNREAD_OUTCOMES = {
    Outcome.TIMEOUT, Outcome.DEADLINE, Outcome.REDIRECT_LOOP, Outcome.TOO_MANY_REDIRECTS,
    Outcome.REFUSED_ADDRESS, Outcome.REFUSED_SCHEME, Outcome.TLS_ERROR, Outcome.CONNECTION_ERROR,
    Outcome.DNS_ERROR,
}  # fmt: skip


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _visited(fetched: FetchResult) -> VisitedPage:
    return VisitedPage(
        url=fetched.url,
        outcome=str(fetched.outcome),
        status=fetched.status,
        final_url=fetched.final_url or None,
        content_type=fetched.content_type,
        truncated=fetched.truncated,
        message=fetched.message,
    )


def home_failure(fetched: FetchResult) -> str:
    if fetched.outcome is Outcome.HTTP_STATUS:
        return f"The home page returned HTTP {fetched.status}"
    if fetched.outcome is Outcome.UNSUPPORTED_CONTENT:
        return f"The home page is not a web page ({fetched.content_type or 'unknown type'})"
    return fetched.message
