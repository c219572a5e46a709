"""Text, headings and links out of HTML (BeautifulSoup) and PDF (pypdf, page by page)."""

from __future__ import annotations

import io
import logging
import re
import time
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
    "h5", "h6", "address", "figcaption", "details", "summary", "caption", "dl",
)  # fmt: skip
# Elements that head the passage after them: real headings, accordion summaries, table row
# headers (a question in a <th>, its answer in the <td>), definition terms, bold-only lines.
HEADING_LIKE = ("summary", "th", "dt", "caption", "legend")
BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u2023\u2043\u2219*>o-]\s")
NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Za-z]\)|\(?[ivx]{1,4}\))\s+")
# A line that only names a document ("Complaints Procedure", "Behaviour Policy (2024)"):
# part of a list of documents, never evidence that the item's content is there.
DOCUMENT_NAME = re.compile(
    r"^[\W\d]*(?:[\w'&,-]+\s+){0,7}(?:polic(?:y|ies)|procedures?|plans?|statements?|"
    r"reports?|guidance|charters?|protocols?)\b[^.!?]{0,30}$",
    re.IGNORECASE,
)
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
    """HTML documents have one page numbered None; PDF pages are numbered from 1.

    link_texts: the visible words of the page's links; a line that is mostly link text (a
    menu, a list of policies) is not a passage about anything.
    """

    number: int | None
    text: str
    headings: tuple[str, ...] = ()
    link_texts: tuple[str, ...] = ()

    @cached_property
    def flat(self) -> str:
        return flatten(self.text)

    @cached_property
    def passages(self) -> str:
        """The flat text of the lines that can be evidence: not headings, not link lists,
        not bare document names."""
        return " \n ".join(body for _, body in self.sections if body)

    @cached_property
    def sections(self) -> tuple[tuple[str, str], ...]:
        """(heading, passage text under it) in order; the text before any heading has ""."""
        headings, links = set(self.headings), tuple(t for t in set(self.link_texts) if t)
        found: list[tuple[str, list[str]]] = [("", [])]
        for line in self.text.splitlines():
            whole = flatten(line)
            flat = NUMBERING.sub("", whole)
            if flat in headings:
                found.append((flat, []))
            elif flat and not document_name(flat) and not _mostly_links(flat, links):
                found[-1][1].append(whole)
        return tuple((heading, " \n ".join(lines)) for heading, lines in found)


SMALL_WORDS = {"and", "of", "for", "the", "with", "in", "on", "to", "a", "&", "at", "by"}


def document_name(line: str) -> bool:
    """A bare document title in title case ("Looked After Children Policy"), not a sentence
    that ends with one ("each child has a transition plan")."""
    if not DOCUMENT_NAME.match(line):
        return False
    words = [w for w in re.findall(r"[\w'&-]+", line) if w.lower() not in SMALL_WORDS]
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    return bool(words) and capitalised / len(words) >= 0.7


def _mostly_links(line: str, link_texts: tuple[str, ...]) -> bool:
    """At least 60% of a shortish line is the text of links on the page."""
    if not link_texts or len(line.split()) >= 30:
        return False
    covered = sum(len(text) for text in link_texts if text in line)
    return covered >= 0.6 * len(line)


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
    headings = _html_headings(soup)
    text = _tidy_lines(re.sub(r"\s+", " ", _block_text(soup)).replace(BREAK, "\n"))
    links += _text_links(text, {link.url for link in links})
    texts = tuple(flatten(anchor.get_text(" ")) for anchor in soup.find_all("a", href=True))
    page = Page(number=None, text=text, headings=headings, link_texts=texts)
    title = title or (headings[0] if headings else "")
    return Document(url=url, kind="html", title=title, pages=[page], links=links,
                    truncated=truncated)  # fmt: skip


def _html_headings(soup: BeautifulSoup) -> tuple[str, ...]:
    """h1-h6, then the other heading-like elements, in document order."""
    found = []
    for tag in soup.find_all([*HEADING_TAGS, *HEADING_LIKE, "p"]):
        if tag.name == "p" and not _bold_only(tag):
            continue  # checked first: pages have thousands of paragraphs
        if any(parent.name in SKIPPED_TAGS for parent in tag.parents):
            continue
        text = flatten(tag.get_text(" "))
        if text and len(text.split()) <= 20:
            found.append(NUMBERING.sub("", text))
    return tuple(found)


def _bold_only(tag: Tag) -> bool:
    """<p><strong>How we consult pupils</strong></p>: a heading in all but name."""
    children = [c for c in tag.contents if not (isinstance(c, str) and not c.strip())]
    return (
        len(children) == 1
        and isinstance(children[0], Tag)
        and children[0].name
        in (
            "strong",
            "b",
        )
    )


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


SCANNED = "The PDF is scanned images without text: we could not read it"


def pdf_document(
    url: str, body: bytes, truncated: bool, max_pages: int, max_seconds: float = 20.0
) -> Document:
    """Pages up to max_pages and max_seconds of extraction; problems said in words."""
    document = Document(url=url, kind="pdf", truncated=truncated)
    stop_at = time.monotonic() + max_seconds
    try:
        reader = PdfReader(io.BytesIO(body))
        document.title = _pdf_title(reader)
        total = len(reader.pages)
        for number, pdf_page in enumerate(reader.pages[:max_pages], start=1):
            if time.monotonic() > stop_at:
                document.problem = f"Only the first {number - 1} of {total} PDF pages were read "
                document.problem += f"(the time limit for reading a PDF is {max_seconds:g} s)"
                break
            document.pages.append(_pdf_page(number, pdf_page))
            document.links += _pdf_links(pdf_page, number)
        if total > max_pages and not document.problem:
            document.problem = f"Only the first {max_pages} of {total} PDF pages were read"
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        log.info("PDF %s could not be read: %s", url, error)
        document.problem = "The PDF could not be read" + (
            " (it was cut short)" if truncated else ""
        )
    if document.pages and not any(page.text.strip() for page in document.pages):
        document.problem = SCANNED
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
    """PDFs carry no structure: a short line that does not end a sentence and is followed by
    body text is taken as a heading. Runs of short lines (lists), bullets and the second
    half of a sentence broken across lines (the line before it runs on) are not."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headings = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        previous = lines[index - 1] if index else ""
        continues = len(previous) >= 50 and not previous.endswith((".", "?", "!", ":"))
        listed = _short(following) or _short(previous, line)
        if _heading_shape(line) and not continues and not listed and ";" not in line:
            headings.append(NUMBERING.sub("", flatten(line)))
    return headings


def _heading_shape(line: str) -> bool:
    words = line.split()
    bare = NUMBERING.sub("", line)
    return (
        1 <= len(words) <= 12
        and bare[:1].isupper()
        and not BULLET.match(line)
        and not line.endswith((".", ",", ";", ":"))
        and not re.search(r"[a-z][.!?]\s", bare)  # a sentence ends inside it: body text
        and not document_name(bare)
    )


def _short(line: str, current: str = "") -> bool:
    """A neighbouring line that makes this one part of a list of short lines."""
    if not line:
        return False
    if current and line.endswith((".", "?", "!", ":")):
        return False  # the previous sentence ended: this line starts something new
    return _heading_shape(line) and not NUMBERING.match(line) and len(line.split()) <= 6


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
