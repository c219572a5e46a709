"""What a website check may do: limits, the council's Local Offer, the date to judge by."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_RULES_PATH = (
    Path(__file__).resolve().parents[3] / "seeds" / "send_report" / "checker-rules.yaml"
)
PRODUCT = "InclusionPortal-SENDWebsiteChecker/1.0"


@dataclass(frozen=True)
class CheckerSettings:
    """Everything a check needs from the outside world; safe defaults for production.

    local_offer_hosts: hosts (optionally host:port) of the council's sites; when empty, the
    host of local_offer_url. A link to local_offer_url itself is the Local Offer, and so is a
    link to any address under local_offer_prefixes (its old addresses that now redirect, the
    Local Offer's own section).
    school_name: used only to tell this school's report from other schools' on a trust's
    site. allow_loopback is for tests only: it lets 127.0.0.0/8 and ::1 through, never other
    private ranges. The check runs in a child process killed after deadline_seconds plus
    hard_margin_seconds, its memory capped at max_memory_bytes (0: no cap).
    """

    local_offer_url: str = ""
    local_offer_hosts: tuple[str, ...] = ()
    local_offer_prefixes: tuple[str, ...] = ()
    school_name: str = ""
    council_contact_url: str = ""
    today: date = field(default_factory=date.today)
    rules_path: Path = DEFAULT_RULES_PATH
    timeout_seconds: float = 10.0
    deadline_seconds: float = 180.0
    max_redirects: int = 3
    max_bytes: int = 5 * 1024 * 1024
    max_pages: int = 40
    max_pdf_pages: int = 100
    max_pdf_seconds: float = 20.0
    hard_margin_seconds: float = 15.0
    max_memory_bytes: int = 1536 * 1024 * 1024
    delay_seconds: float = 1.0
    max_crawl_delay_seconds: float = 5.0
    allow_loopback: bool = False

    @property
    def user_agent(self) -> str:
        if self.council_contact_url:
            return f"{PRODUCT} (+{self.council_contact_url})"
        return PRODUCT

    def offer_hosts(self) -> tuple[str, ...]:
        hosts = self.local_offer_hosts
        if not hosts and self.local_offer_url:
            hosts = (urlsplit(self.local_offer_url).netloc,)
        return tuple(host.lower().removeprefix("www.") for host in hosts if host)

    def offer_address(self) -> str:
        """local_offer_url without scheme, "www." or trailing slash, lower case; a link to it
        exactly is the Local Offer (not every page below it: the configured address may be a
        broad section of the council's site)."""
        return _bare(self.local_offer_url) if self.local_offer_url else ""

    def offer_prefixes(self) -> tuple[str, ...]:
        """Addresses under which every page is the Local Offer (its old addresses, say)."""
        return tuple(_bare(prefix) for prefix in self.local_offer_prefixes if prefix)


def _bare(url: str) -> str:
    url = url.strip().lower().split("://", 1)[-1].removeprefix("www.")
    return url.rstrip("/")
