"""Word-signal rules: count the headings, phrases and patterns of a rule found in a document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from inclusion.send_report.checker.classify import KIND_NAMES, DocumentSet
from inclusion.send_report.checker.extract import Document, Page
from inclusion.send_report.checker.results import SNIPPET_LIMIT, ItemFinding, Result
from inclusion.send_report.checker.rules import Rule

PHRASE_SIZE = 60


@dataclass(frozen=True)
class Hit:
    page: Page
    start: int  # position in text (page.flat when text is empty)
    heading: bool = False
    text: str = ""
    end: int = -1


@dataclass(frozen=True)
class DocumentMatch:
    document: Document
    signals: int
    first: Hit | None


def snippet(text: str, start: int, before: int = 100) -> str:
    """Up to 300 characters from the start of the sentence holding start (at most `before`
    characters earlier), cut at word boundaries, whitespace collapsed."""
    begin = max(0, start - before)
    if begin < start:
        stop = max(text.rfind(". ", begin, start), text.rfind("? ", begin, start))
        if stop != -1:
            begin = stop + 2
        elif begin:
            space = text.find(" ", begin, start)
            begin = space + 1 if space != -1 else begin
    piece = re.sub(r"\s+", " ", text[begin : begin + SNIPPET_LIMIT]).strip()
    if len(piece) == SNIPPET_LIMIT and " " in piece[200:]:
        piece = piece[: piece.rfind(" ")]
    return piece[:SNIPPET_LIMIT]


def scope_names(names: Iterable[str]) -> str:
    named = ["the website's pages" if n == "any" else f"the {KIND_NAMES[n]}" for n in names]
    return " or ".join(named)


def finding_at(
    code: str, result: Result, document: Document, hit: Hit | None, detail: str
) -> ItemFinding:
    if hit is None:
        text = snippet(document.pages[0].flat, 0, 0) if document.pages else ""
        return ItemFinding(code, result, document.url, None, text, detail)
    before = 0 if hit.heading else 100
    text = snippet(hit.text or hit.page.flat, hit.start, before)
    return ItemFinding(code, result, document.url, hit.page.number, text, detail)


def _heading_hit(pattern: re.Pattern[str], page: Page, heading: str) -> Hit | None:
    if heading and pattern.search(heading):
        return Hit(page, max(page.flat.find(heading), 0), heading=True)
    return None


def _text_hits(pattern: re.Pattern[str], page: Page, body: str) -> list[Hit]:
    """Every match in a section's passages (never in headings, menus or link lists)."""
    return [Hit(page, m.start(), text=body, end=m.end()) for m in pattern.finditer(body)]


def section_signals(rule: Rule, page: Page, heading: str, body: str) -> list[Hit]:
    """The distinct signals of one section: its heading, and the words under it."""
    options = [[hit] for p in rule.headings if (hit := _heading_hit(p, page, heading))]
    options += [_text_hits(p, page, body) for p in (*rule.phrases, *rule.patterns)]
    return distinct_signals([hits for hits in options if hits])


def distinct_signals(options: list[list[Hit]]) -> list[Hit]:
    """One hit per signal, choosing hits that do not overlap a hit already counted: "complaints
    procedure" and "complaint*" on the same words are one piece of evidence, not two."""
    taken: list[Hit] = []
    for hits in sorted(options, key=len):
        for hit in hits:
            if not any(_overlap(hit, other) for other in taken):
                taken.append(hit)
                break
    return taken


def _overlap(one: Hit, other: Hit) -> bool:
    """Phrase-sized matches on the same words (long pattern matches absorb nothing)."""
    if one.heading or other.heading or one.page is not other.page:
        return False
    short = max(one.end - one.start, other.end - other.start) <= PHRASE_SIZE
    return short and one.start < other.end and other.start < one.end


def match_document(rule: Rule, document: Document) -> DocumentMatch:
    """The best single section: signals scattered over unrelated sections (a "reasonable
    adjustments" under Equality, a "parents" under Transition) do not add up to evidence."""
    best = DocumentMatch(document, 0, None)
    for page in document.pages:
        for heading, body in page.sections:
            found = section_signals(rule, page, heading, body)
            if len(found) > best.signals:
                first = min(found, key=lambda hit: not hit.heading)
                best = DocumentMatch(document, len(found), first)
    return best


def evaluate_words(rule: Rule, docs: DocumentSet) -> ItemFinding:
    """Found: enough signals in one section of a document. Unsure: a heading about the item,
    or some signals, in the document the item belongs in (other documents must have enough).
    A single passing mention without a heading is not evidence."""
    scope = docs.scope(rule.documents)
    if not scope:
        return ItemFinding(rule.code, "not_found", detail=missing_detail(rule.documents))
    primary = docs.by_kind.get(rule.documents[0])
    best: DocumentMatch | None = None
    for document in scope:
        match = match_document(rule, document)
        if match.signals >= rule.min_matches:
            detail = f"{match.signals} matching signals (at least {rule.min_matches} needed)"
            return finding_at(rule.code, "found", document, match.first, detail)
        if document is primary and (best is None or match.signals > best.signals):
            best = match
    if best and best.first and (best.first.heading or best.signals > 1 or rule.min_matches == 1):
        detail = (
            f"Only {best.signals} of the {rule.min_matches} signals needed were found: "
            "check the wording yourself"
        )
        return finding_at(rule.code, "unsure", best.document, best.first, detail)
    if best and best.first:
        detail = "Only a passing mention was found, not a passage about this"
        return finding_at(rule.code, "not_found", best.document, best.first, detail)
    return ItemFinding(
        rule.code,
        "not_found",
        detail=f"Nothing about this was found in {scope_names(rule.documents)}",
    )


def missing_detail(names: Iterable[str]) -> str:
    kinds = [KIND_NAMES[name] for name in names if name in KIND_NAMES]
    if not kinds:
        return "No pages could be read"
    return f"No {' or '.join(kinds)} was found on the website, so this could not be checked"
