"""Text, headings and links out of HTML (BeautifulSoup) and PDF (pypdf, page by page)."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, CData, NavigableString, PageElement, Tag
from pypdf import PdfReader

# Left out of the text: never shown, or menus that repeat on every page and match every rule.
SKIPPED_TAGS = ("script", "style", "noscript", "template", "svg", "head", "nav")
BLOCK_TAGS = (
    "p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "table", "section", "article",
    "header", "footer", "main", "aside", "blockquote", "dd", "dt", "h1", "h2", "h3", "h4",
    "h5", "h6", "address", "figcaption",
)  # fmt: skip
BREAK = "\x00"  # marks block boundaries while source line breaks are collapsed
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
EMBED_ATTRS = (("iframe", "src"), ("embed", "src"), ("object", "data"))
URL_IN_TEXT = re.compile(r"(?:https?://|\bwww\.)[^\s<>()\"'\]]+", re.IGNORECASE)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u00ad": ""})  # fmt: skip

log = logging.getLogger(__name__)
logging.getLogger("pypdf").setLevel(logging.ERROR)


def flatten(text: str) -> str:
    """Whitespace collapsed to single spaces, curly quotes and dashes made plain."""
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Page:
    """HTML documents have one page numbered None; PDF pages are numbered from 1."""

    number: int | None
    text: str
    headings: tuple[str, ...] = ()

    @cached_property
    def flat(self) -> str:
        return flatten(self.text)


@dataclass
class Document:
    url: str
    kind: str  # "html" | "pdf"
    title: str = ""
    pages: list[Page] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    truncated: bool = False
    problem: str = ""

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def headings(self) -> list[str]:
        return [heading for page in self.pages for heading in page.headings]


def html_document(url: str, body: bytes, encoding: str | None, truncated: bool) -> Document:
    soup = BeautifulSoup(body, "html.parser", from_encoding=encoding)
    title = flatten(soup.title.get_text()) if soup.title else ""
    links = _html_links(soup, _base_url(soup, url))
    headings = tuple(
        text
        for tag in soup.find_all(HEADING_TAGS)
        if not tag.find_parent(SKIPPED_TAGS) and (text := flatten(tag.get_text(" ")))
    )
    text = _tidy_lines(re.sub(r"\s+", " ", _block_text(soup)).replace(BREAK, "\n"))
    links += _text_links(text, {link.url for link in links})
    page = Page(number=None, text=text, headings=headings)
    title = title or (headings[0] if headings else "")
    return Document(url=url, kind="html", title=title, pages=[page], links=links,
                    truncated=truncated)  # fmt: skip


def _block_text(root: Tag) -> str:
    """The visible text, a BREAK around each block element; scripts, styles and menus left out.

    An explicit stack rather than recursion or tree edits: linear time, any nesting depth.
    """
    parts: list[str] = []
    stack: list[PageElement | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, NavigableString):
            if type(item) in (NavigableString, CData):
                parts.append(str(item))
        elif isinstance(item, str):
            parts.append(item)
        elif isinstance(item, Tag) and item.name not in SKIPPED_TAGS:
            block = item.name in BLOCK_TAGS
            if block:
                parts.append(BREAK)
                stack.append(BREAK)
            stack.extend(reversed(item.contents))
    return "".join(parts)


def _base_url(soup: BeautifulSoup, url: str) -> str:
    base = soup.find("base", href=True)
    return urljoin(url, str(base["href"])) if isinstance(base, Tag) else url


def _html_links(soup: BeautifulSoup, base: str) -> list[Link]:
    links: list[Link] = []
    for anchor in soup.find_all("a", href=True):
        text = flatten(anchor.get_text(" ") or "")
        extra = anchor.get("title") or anchor.get("aria-label") or ""
        links.append(Link(urljoin(base, str(anchor["href"]).strip()), flatten(f"{text} {extra}")))
    for name, attr in EMBED_ATTRS:
        for tag in soup.find_all(name, attrs={attr: True}):
            links.append(Link(urljoin(base, str(tag[attr]).strip()), flatten(tag.get("title", ""))))
    return links


def _tidy_lines(text: str) -> str:
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _text_links(text: str, known: set[str], page: int | None = None) -> list[Link]:
    """Web addresses written out in the text (common in PDFs), as links."""
    links = []
    for match in URL_IN_TEXT.finditer(text):
        written = match.group(0).rstrip(".,;:!?")
        url = written if "://" in written else f"https://{written}"
        if url not in known and urlsplit(url).hostname:
            known.add(url)
            links.append(Link(url, written, page))
    return links


def pdf_document(url: str, body: bytes, truncated: bool, max_pages: int) -> Document:
    document = Document(url=url, kind="pdf", truncated=truncated)
    try:
        reader = PdfReader(io.BytesIO(body))
        document.title = _pdf_title(reader)
        for number, pdf_page in enumerate(reader.pages[:max_pages], start=1):
            document.pages.append(_pdf_page(number, pdf_page))
            document.links += _pdf_links(pdf_page, number)
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        log.info("PDF %s could not be read: %s", url, error)
        document.problem = "The PDF could not be read" + (
            " (it was cut short)" if truncated else ""
        )
    known = {link.url for link in document.links}
    for page in document.pages:
        document.links += _text_links(page.text, known, page.number)
    if not document.title and document.pages:
        document.title = next(iter(document.pages[0].headings), "")
    return document


def _pdf_title(reader: PdfReader) -> str:
    try:
        return flatten(str((reader.metadata or {}).get("/Title", "") or ""))
    except Exception:
        return ""


def _pdf_page(number: int, pdf_page: object) -> Page:
    try:
        text = pdf_page.extract_text() or ""  # type: ignore[attr-defined]
    except Exception:
        text = ""
    text = _tidy_lines(text)
    return Page(number=number, text=text, headings=tuple(_pdf_headings(text)))


def _pdf_headings(text: str) -> list[str]:
    """PDFs carry no structure: short lines that do not end a sentence are taken as headings."""
    headings = []
    for line in text.splitlines():
        words = line.split()
        if 1 <= len(words) <= 12 and line[:1].isupper() and not line.endswith((".", ",", ";")):
            headings.append(flatten(line))
    return headings


def _pdf_links(pdf_page: object, number: int) -> list[Link]:
    links = []
    try:
        for ref in pdf_page.get("/Annots") or []:  # type: ignore[attr-defined]
            action = ref.get_object().get("/A") or {}
            uri = action.get_object().get("/URI") if action else None
            if uri:
                links.append(Link(str(uri), "", number))
    except Exception:
        return links
    return links
