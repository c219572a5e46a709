"""What a check returns: plain dataclasses, easy to store or turn into JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Result = Literal["found", "not_found", "unsure"]
RESULTS = ("found", "not_found", "unsure")
SNIPPET_LIMIT = 300


@dataclass(frozen=True)
class ItemFinding:
    """The checker's proposal for one checklist item, with the evidence it relied on."""

    code: str
    result: Result
    evidence_url: str | None = None
    pdf_page: int | None = None
    snippet: str = ""
    detail: str = ""


@dataclass(frozen=True)
class LocalOfferLink:
    """The Local Offer link chosen from the website, and what requesting it gave."""

    url: str | None
    link_text: str = ""
    found_on: str | None = None
    on_council_site: bool = False
    status: int | None = None
    final_url: str | None = None
    outcome: str = ""
    ok: bool = False
    detail: str = ""


@dataclass(frozen=True)
class DetectedDate:
    """A date found in a document, with the words that label it ("last reviewed", "next review")."""

    document: str
    url: str
    pdf_page: int | None
    label: str
    kind: Literal["last", "next", "unlabelled"]
    text: str
    earliest: date
    latest: date


@dataclass(frozen=True)
class VisitedPage:
    """One request made for a document during the crawl (robots.txt and Local Offer excluded)."""

    url: str
    outcome: str
    status: int | None = None
    final_url: str | None = None
    content_type: str = ""
    truncated: bool = False
    message: str = ""


@dataclass
class CheckResult:
    """The whole check. status is "completed" or "failed"; reason says why in plain words.

    findings has one ItemFinding per rule when completed, and is empty when failed: a failed
    check says nothing about the items.
    """

    url: str
    status: Literal["completed", "failed"]
    reason: str
    pages_fetched: int = 0
    documents: dict[str, str] = field(default_factory=dict)
    local_offer: LocalOfferLink | None = None
    detected_dates: list[DetectedDate] = field(default_factory=list)
    findings: list[ItemFinding] = field(default_factory=list)
    duration_seconds: float = 0.0
    visited: list[VisitedPage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def local_offer_status(self) -> int | None:
        """The HTTP status the Local Offer link gave, or None when none was found or tried."""
        return self.local_offer.status if self.local_offer else None

    @property
    def report_date(self) -> date | None:
        """The latest "last reviewed/updated" date found in the SEND Information Report."""
        dates = [d for d in self.detected_dates if d.document == "report" and d.kind == "last"]
        return max((d.earliest for d in dates), default=None)

    def finding(self, code: str) -> ItemFinding | None:
        return next((f for f in self.findings if f.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly (dates as ISO strings)."""
        data = asdict(self)
        for item in data["detected_dates"]:
            item["earliest"] = item["earliest"].isoformat()
            item["latest"] = item["latest"].isoformat()
        data["local_offer_status"] = self.local_offer_status
        report_date = self.report_date
        data["report_date"] = report_date.isoformat() if report_date else None
        return data
