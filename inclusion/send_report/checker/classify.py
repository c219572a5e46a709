"""Which fetched document is the SEND Information Report, the SEND policy, the accessibility plan.

Each document is scored on its "label" (title, first headings, the text of links pointing to
it, its address) and the start of its text. The best-scoring document above a threshold wins
each kind; one document may be two kinds ("SEND Policy and Information Report").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from inclusion.send_report.checker.crawl import names_school
from inclusion.send_report.checker.extract import Document

KINDS = ("report", "policy", "accessibility_plan")
KIND_NAMES = {
    "report": "SEND Information Report",
    "policy": "SEND policy",
    "accessibility_plan": "accessibility plan",
}
THRESHOLDS = {"report": 5, "policy": 8, "accessibility_plan": 6}
BODY_START = 4000
SEND = re.compile(r"\b(?:send|sen|sendco|senco|special educational needs)\b")
INFO_REPORT = re.compile(r"\binformation\s+report\b|\bsend?\s+report\b")
POLICY = re.compile(r"\bpolic(?:y|ies)\b")
SEND_POLICY = re.compile(
    r"\b(?:send|sen|special educational needs(?: and disabilit(?:y|ies))?|inclusion|sen and "
    r"disability)\s+(?:and\s+\w+\s+)?policy\b"
)
ACCESS_PLAN = re.compile(r"\baccessibility\s+plan\b")
ACCESS = re.compile(r"\baccessibility\b")
INCLUSION = re.compile(r"\binclusion\b|\badditional (?:educational )?needs\b")


def label_text(document: Document, link_texts: Iterable[str]) -> str:
    path = unquote(urlsplit(document.url).path)
    parts = [document.title, *document.headings[:3], *link_texts, re.sub(r"[\W_]+", " ", path)]
    return " ".join(parts).lower()


def report_score(label: str, body: str) -> int:
    score = 10 if INFO_REPORT.search(label) else 0
    score += 3 if SEND.search(label) else 0
    score += 4 if "local offer" in label else 0
    score += 2 if INCLUSION.search(label) else 0
    if score == 0:
        return 0  # a page called "Parents" or "About us" is never the report
    score += 3 if INFO_REPORT.search(body) else 0
    score += 2 if "senco" in body and "special educational needs" in body else 0
    if POLICY.search(label) and not INFO_REPORT.search(label):
        score -= 8
    if ACCESS.search(label):
        score -= 8
    return score


def policy_score(label: str, body: str) -> int:
    score = 10 if SEND_POLICY.search(label) else 2 if POLICY.search(label) else 0
    score += 2 if "this policy" in body else 0
    score += 1 if "special educational needs" in body else 0
    if INFO_REPORT.search(label) and not POLICY.search(label):
        score -= 4
    if ACCESS.search(label):
        score -= 8
    return score


def plan_score(label: str, body: str) -> int:
    score = 10 if ACCESS_PLAN.search(label) else 4 if ACCESS.search(label) else 0
    score += 3 if "accessibility plan" in body else 0
    score += 1 if "equality act" in body else 0
    return score


SCORERS = {"report": report_score, "policy": policy_score, "accessibility_plan": plan_score}


def kind_scores(document: Document, link_texts: Iterable[str]) -> dict[str, int]:
    label = label_text(document, link_texts)
    body = " ".join(page.passages for page in document.pages)[:BODY_START].lower()
    return {kind: scorer(label, body) for kind, scorer in SCORERS.items()}


def for_this_school(document: Document, school_name: str) -> bool:
    """A document on the trust's site counts only if its title, first heading or address
    names this school: other schools' reports are never evidence."""
    path = unquote(urlsplit(document.url).path)
    named = f"{document.title} {' '.join(document.headings[:1])} {path}"
    return bool(school_name) and names_school(named, school_name)


@dataclass
class DocumentSet:
    """The documents a check read, and which of them are the report, policy and plan."""

    documents: list[Document]
    by_kind: dict[str, Document] = field(default_factory=dict)
    site_hosts: set[str] = field(default_factory=set)
    trust_urls: set[str] = field(default_factory=set)

    @classmethod
    def build(
        cls,
        documents: list[Document],
        link_texts: dict[str, list[str]],
        site_hosts: set[str],
        trust_urls: set[str] | None = None,
        school_name: str = "",
    ) -> DocumentSet:
        trust = trust_urls or set()
        readable = [
            doc
            for doc in documents
            if any(page.text.strip() for page in doc.pages)
            and (doc.url not in trust or for_this_school(doc, school_name))
        ]
        best: dict[str, tuple[int, Document]] = {}
        for document in readable:
            scores = kind_scores(document, link_texts.get(document.url, []))
            for kind, score in scores.items():
                if score >= THRESHOLDS[kind] and score > best.get(kind, (-1, document))[0]:
                    best[kind] = (score, document)
        by_kind = {kind: pair[1] for kind, pair in best.items()}
        return cls(readable, by_kind, site_hosts, {doc.url for doc in readable} & trust)

    def scope(self, names: Iterable[str]) -> list[Document]:
        """The documents named ("report", "policy", "accessibility_plan", "any"), in order."""
        chosen: list[Document] = []
        for name in names:
            found = self.documents if name == "any" else [self.by_kind.get(name)]
            for doc in found:
                if doc is not None and all(doc is not other for other in chosen):
                    chosen.append(doc)
        return chosen

    def urls(self) -> dict[str, str]:
        return {kind: doc.url for kind, doc in self.by_kind.items()}
