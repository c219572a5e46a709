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
    failure: str | None = None


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
            self.result.notes.append(f"Not read, as robots.txt asks: {url}")
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
        if not fetched.ok or fetched.final_url in self._fetched_finals:
            return
        if first:
            self._add_site(fetched.final_url)
        self._fetched_finals.add(fetched.final_url)
        if fetched.final_url != url:
            self.result.link_texts[fetched.final_url] = self.result.link_texts.get(url, [])
        document = self._parse(fetched)
        self.result.documents.append(document)
        for link in document.links:
            self._consider(link, self._priority.get(url, 0))

    def _parse(self, fetched: FetchResult) -> Document:
        if fetched.truncated:
            limit = self.settings.max_bytes / 1_000_000
            self.result.notes.append(
                f"{fetched.final_url} is larger than {limit:g} MB; only the first {limit:g} MB "
                "was read"
            )
        if fetched.kind == "pdf":
            return pdf_document(
                fetched.final_url, fetched.body, fetched.truncated, self.settings.max_pdf_pages
            )
        return html_document(fetched.final_url, fetched.body, fetched.encoding, fetched.truncated)

    def _consider(self, link: Link, parent_priority: int) -> None:
        url = normalise(link.url)
        if url is None:
            return
        texts = self.result.link_texts.setdefault(url, [])
        if link.text and link.text not in texts and len(texts) < MAX_LINK_TEXTS:
            texts.append(link.text)
        if site_key(url) not in self._sites or url in self._priority:
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
