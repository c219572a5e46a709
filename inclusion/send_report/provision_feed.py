"""The school's provision offer, fed into its SEND Information Report.

The provision offer says what the school ordinarily provides for each broad area of need, for
every pupil (Universal) and at SEN support. The SEND Information Report must describe that
provision (SEND Regulations 2014, Schedule 1, paragraphs 1 and 3), so the checklist items
written from it show what the offer already says, and the offer can be read (and downloaded
as text to paste into the school's website) as the report's "ordinarily available provision"
section. One source, so the report and the offer cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from inclusion.graduated_response.provision import OfferCell, offers_of
from inclusion.graduated_response.vocab import Need
from inclusion.schools.models import School
from inclusion.send_report.models import ChecklistItem

NOT_DESCRIBED = "Not described yet."


@dataclass(frozen=True)
class NeedSection:
    """One broad area of need with what is provided at each level."""

    need: Need
    cells: list[OfferCell]


def offer_for_item(item: ChecklistItem, school: School) -> list[OfferCell]:
    """The parts of the school's offer this checklist item is written from (maybe none)."""
    parts = item.draws_on_offer
    if not parts:
        return []
    return [
        cell
        for cell in offers_of(school)
        if cell.level.value in parts["levels"] and cell.need.value in parts["needs"]
    ]


def report_section(school: School) -> list[NeedSection]:
    cells = offers_of(school)
    return [NeedSection(need, [c for c in cells if c.need == need]) for need in Need]


def undescribed(sections: list[NeedSection]) -> list[OfferCell]:
    """The parts still to describe: the published section would be silent about them."""
    return [cell for section in sections for cell in section.cells if not cell.description]


def as_text(school: School, sections: list[NeedSection]) -> str:
    """Plain text to paste into a website editor: headings underlined, no markup to clean up."""
    lines = _underlined(f"Ordinarily available provision at {school.name}", "=")
    for section in sections:
        lines += ["", *_underlined(section.need.label, "-")]
        for cell in section.cells:
            lines += ["", f"{level_heading(cell)}:", cell.description or NOT_DESCRIBED]
    return "\n".join(lines) + "\n"


def level_heading(cell: OfferCell) -> str:
    return {
        "universal": "For every pupil (Universal)",
        "sen-support": "For pupils at SEN support",
    }[cell.level.value]


def _underlined(heading: str, mark: str) -> list[str]:
    return [heading, mark * len(heading)]
