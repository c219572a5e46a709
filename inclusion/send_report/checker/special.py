"""Checks that need more than counting words: SENCO contact, review dates, signatures,
readability and whether a document exists at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inclusion.send_report.checker.classify import (
    ACCESS_PLAN,
    INFO_REPORT,
    KIND_NAMES,
    SEND_POLICY,
    DocumentSet,
)
from inclusion.send_report.checker.dates import (
    LabelledDate,
    find_dates,
    iso_range,
    labelled_dates,
    months_before,
)
from inclusion.send_report.checker.extract import Document, Page
from inclusion.send_report.checker.matching import Hit, finding_at, missing_detail, snippet
from inclusion.send_report.checker.results import ItemFinding
from inclusion.send_report.checker.rules import Rule

SENCO = re.compile(
    r"\b(?:SENC[Oo]|SENDC[Oo]|SEND?\s+co-?ordinator|special\s+educational\s+needs(?:\s+and\s+"
    r"disabilit(?:y|ies))?\s+co-?ordinator|inclusion\s+(?:lead|manager|co-?ordinator)|"
    r"head\s+of\s+inclusion)\b",
    re.IGNORECASE,
)
TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.?\s*)?[A-Z][A-Za-z'-]+")
PLAIN_NAME = re.compile(r"(?:\bis\b|:|-)\s+([A-Z][a-z'-]+\s+[A-Z][A-Za-z'-]+)")
NOT_NAME_WORDS = {
    "Special", "Educational", "School", "The", "Our", "Contact", "Email", "Telephone", "Phone",
    "Needs", "Local", "Inclusion", "Head", "Deputy", "Assistant", "Office", "Tel", "Call",
}  # fmt: skip
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s()-]{7,13}\d(?!\d)")
SIGNED = re.compile(r"\bsigned(?!\s+up)\b|\bsignature\b", re.IGNORECASE)
SIGNER_ROLE = re.compile(
    r"\bchair\s+of\s+(?:the\s+)?(?:governors|governing\s+(?:body|board)|trustees|the\s+board)\b",
    re.IGNORECASE,
)
MENTIONS = {"report": INFO_REPORT, "policy": SEND_POLICY, "accessibility_plan": ACCESS_PLAN}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def uk_phone(text: str) -> str | None:
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        digits = "0" + digits[2:].lstrip("0") if digits.startswith("44") else digits
        if digits.startswith("0") and len(digits) in (10, 11):
            return match.group(0)
    return None


def has_name(window: str) -> bool:
    if TITLED_NAME.search(window):
        return True
    for match in PLAIN_NAME.finditer(window):
        if not set(match.group(1).split()) & NOT_NAME_WORDS:
            return True
    return False


def senco_contact(rule: Rule, docs: DocumentSet) -> ItemFinding:
    scope = docs.scope(rule.documents)
    if not scope:
        return ItemFinding(rule.code, "not_found", detail=missing_detail(rule.documents))
    partial: tuple[Document, Hit, str] | None = None
    for document in scope:
        for page in document.pages:
            for mention in SENCO.finditer(page.flat):
                window = page.flat[max(0, mention.start() - 150) : mention.end() + 350]
                named = has_name(window)
                contact = EMAIL.search(window) or uk_phone(window)
                hit = Hit(page, mention.start())
                if named and contact:
                    detail = "The SENCO is named with an email address or phone number"
                    return finding_at(rule.code, "found", document, hit, detail)
                if partial is None and (named or contact):
                    missing = "contact details" if named else "a name"
                    partial = (document, hit, f"The SENCO is mentioned without {missing} nearby")
    if partial:
        return finding_at(rule.code, "unsure", *partial)
    return ItemFinding(rule.code, "not_found", detail="No SENCO name and contact details found")


def document_dates(document: Document, today: date) -> list[tuple[Page, LabelledDate]]:
    return [(page, found) for page in document.pages for found in labelled_dates(page.text, today)]


def review_date(rule: Rule, docs: DocumentSet, today: date) -> ItemFinding:
    scope = docs.scope(rule.documents)
    if not scope:
        return ItemFinding(rule.code, "not_found", detail=missing_detail(rule.documents))
    document, months = scope[0], int(rule.params["months"])
    dated = [pair for pair in document_dates(document, today) if pair[1].found.earliest <= today]
    last = [pair for pair in dated if pair[1].kind == "last"]
    unlabelled = [pair for pair in dated if pair[1].kind == "unlabelled"]
    if last or unlabelled:
        page, chosen = max(last or unlabelled, key=lambda pair: pair[1].found.latest)
        return _judge_age(rule.code, document, page, chosen, months, today)
    nexts = [pair for pair in document_dates(document, today) if pair[1].kind == "next"]
    if nexts:
        page, chosen = max(nexts, key=lambda pair: pair[1].found.latest)
        result = "unsure" if chosen.found.latest >= today else "not_found"
        detail = f"Only a next review date was found: {chosen.found.text}"
        return _dated_finding(rule.code, result, document, page, chosen, detail)
    return ItemFinding(
        rule.code, "not_found", document.url, None, "", "No review or update date was found"
    )


def _judge_age(
    code: str, document: Document, page: Page, chosen: LabelledDate, months: int, today: date
) -> ItemFinding:
    cutoff = months_before(today, months)
    label = chosen.label or "dated"
    written = f"{label} {chosen.found.text} ({iso_range(chosen.found)})"
    written = written[:1].upper() + written[1:]
    if chosen.found.latest < cutoff:
        result, detail = "not_found", f"{written}: more than {months} months before {today}"
    elif chosen.found.earliest >= cutoff and chosen.kind == "last":
        result, detail = "found", f"{written}: within {months} months of {today}"
    elif chosen.kind == "unlabelled":
        result, detail = "unsure", f"The only date found is not labelled as a review: {written}"
    else:
        result, detail = "unsure", f"{written}: may be more than {months} months before {today}"
    return _dated_finding(code, result, document, page, chosen, detail)


def _dated_finding(
    code: str, result: str, document: Document, page: Page, chosen: LabelledDate, detail: str
) -> ItemFinding:
    text = snippet(page.text, chosen.found.start, 60)
    return ItemFinding(code, result, document.url, page.number, text, detail)  # type: ignore[arg-type]


def signed_dated(rule: Rule, docs: DocumentSet) -> ItemFinding:
    scope = docs.scope(rule.documents)
    if not scope:
        return ItemFinding(rule.code, "not_found", detail=missing_detail(rule.documents))
    partial: tuple[Document, Hit, str] | None = None
    for document in scope:
        for page in document.pages:
            found, maybe = _signature(page)
            if found:
                detail = "A signature line with a date was found"
                return finding_at(rule.code, "found", document, found, detail)
            if maybe and partial is None:
                partial = (document, maybe[0], maybe[1])
    if partial:
        return finding_at(rule.code, "unsure", *partial)
    return ItemFinding(rule.code, "not_found", detail="No signature line with a date was found")


def _signature(page: Page) -> tuple[Hit | None, tuple[Hit, str] | None]:
    text, maybe = page.flat, None
    for match in SIGNED.finditer(text):
        if find_dates(text[max(0, match.start() - 200) : match.end() + 250]):
            return Hit(page, match.start()), None
        maybe = maybe or (Hit(page, match.start()), "Signed, but no date was found next to it")
    for match in SIGNER_ROLE.finditer(text):
        if maybe is None and find_dates(text[max(0, match.start() - 100) : match.end() + 100]):
            maybe = (Hit(page, match.start()), "A dated approval, but no signature line")
    return None, maybe


def document_present(rule: Rule, docs: DocumentSet, today: date | None = None) -> ItemFinding:
    """The document is published; with params.months, a dated one must also be current (an
    accessibility plan covers three years: older than that, it is not the current plan)."""
    kind = rule.params["kind"]
    name = KIND_NAMES[kind]
    document = docs.by_kind.get(kind)
    months = rule.params.get("months")
    if document and months and today:
        stale = _out_of_date(document, int(months), today)
        if stale:
            page, chosen = stale
            detail = f"The {name} was found, but it is dated {chosen.found.text}: more than "
            detail += f"{months} months before {today}, so it is not the current one"
            return _dated_finding(rule.code, "not_found", document, page, chosen, detail)
    if document:
        return finding_at(rule.code, "found", document, None, f"The {name} was found")
    for other in docs.scope(rule.documents or ("any",)):
        for page in other.pages:
            match = MENTIONS[kind].search(page.flat.lower())
            if match:
                detail = f"The {name} is mentioned, but no {name} document was found"
                return finding_at(rule.code, "unsure", other, Hit(page, match.start()), detail)
    return ItemFinding(rule.code, "not_found", detail=f"No {name} was found on the website")


def _out_of_date(document: Document, months: int, today: date) -> tuple[Page, LabelledDate] | None:
    """The document's latest "last reviewed/approved" date, if it is older than months."""
    dated = [pair for pair in document_dates(document, today) if pair[1].kind == "last"]
    if not dated:
        return None
    page, chosen = max(dated, key=lambda pair: pair[1].found.latest)
    return (page, chosen) if chosen.found.latest < months_before(today, months) else None


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    average_sentence: float
    long_share: float


def readability_of(document: Document) -> Readability:
    if document.kind == "html":
        headings = set(document.headings)
        chunks = [line for line in document.text.splitlines() if line not in headings]
    else:
        chunks = [page.text.replace("\n", " ") for page in document.pages]
    sentences = [s for chunk in chunks for s in re.split(r"(?<=[.!?])\s+", chunk)]
    counted = [WORD.findall(s) for s in sentences]
    counted = [words for words in counted if len(words) >= 4]
    words = [word for sentence in counted for word in sentence]
    long_words = sum(1 for word in words if len(word.strip("'-")) > 6)
    average = len(words) / len(counted) if counted else 0.0
    return Readability(len(words), len(counted), average, long_words / len(words) if words else 0)


def readability(rule: Rule, docs: DocumentSet) -> ItemFinding:
    scope = docs.scope(rule.documents)
    if not scope:
        return ItemFinding(rule.code, "not_found", detail=missing_detail(rule.documents))
    document, params = scope[0], rule.params
    stats = readability_of(document)
    detail = (
        f"Average sentence length {stats.average_sentence:.1f} words; "
        f"{stats.long_share:.0%} of words have 7 or more letters"
    )
    if stats.words < params.get("min_words", 150):
        result, detail = "unsure", f"Too little text to judge ({stats.words} words)"
    elif stats.average_sentence >= params.get("poor_sentence", 28) or stats.long_share >= (
        params.get("poor_long_share", 0.45)
    ):
        result = "not_found"
    elif stats.average_sentence <= params.get("fine_sentence", 20) and stats.long_share <= (
        params.get("fine_long_share", 0.35)
    ):
        result = "found"
    else:
        result = "unsure"
    return ItemFinding(rule.code, result, document.url, None, "", detail)  # type: ignore[arg-type]
