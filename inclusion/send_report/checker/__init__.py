"""The SEND website checker: crawl a school's website and propose a result for each item of
the SEND Information Report checklist. A pure library (no database, no Flask)."""

from inclusion.send_report.checker.check import check_website
from inclusion.send_report.checker.results import (
    CheckResult,
    DetectedDate,
    ItemFinding,
    LocalOfferLink,
    VisitedPage,
)
from inclusion.send_report.checker.rules import RulesFileError, load_rules
from inclusion.send_report.checker.settings import DEFAULT_RULES_PATH, CheckerSettings

__all__ = [
    "DEFAULT_RULES_PATH",
    "CheckResult",
    "CheckerSettings",
    "DetectedDate",
    "ItemFinding",
    "LocalOfferLink",
    "RulesFileError",
    "VisitedPage",
    "check_website",
    "load_rules",
]
