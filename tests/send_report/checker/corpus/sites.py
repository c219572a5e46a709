"""The corpus's fixture school websites, each described by what is true about it.

The expected verdicts in expected.yaml are written from these descriptions (never from what
the checker says): a section left out is "not_found", a report that cannot be read is
"unsure" for what it would have held, a check that cannot run is "unsure" for everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.send_report.checker.corpus.adversarial import (
    BROKEN_LIST,
    HOSTILE_HOME,
    PARENTS_PAGE,
    POLICIES_PAGE,
    RELATED_POLICIES,
)
from tests.send_report.checker.corpus.content import WORD_ITEMS

CODES = [
    "S1-01", "S1-02", "S1-03a", "S1-03b", "S1-03c", "S1-03d", "S1-03e", "S1-03f", "S1-03g",
    "S1-04", "S1-05", "S1-06", "S1-07", "S1-08", "S1-09", "S1-10", "S1-11", "S1-12", "S1-13",
    "D-01", "D-02", "D-03", "D-04", "AP-1", "AP-2", "AP-3", "R-01", "R-02", "P-01", "P-02",
    "P-03", "LO-01", "LAC-01",
]  # fmt: skip
REPORT_ITEMS = {
    *WORD_ITEMS, "S1-04", "S1-13", "R-01", "R-02",
} - {"D-01", "D-02", "D-03", "LAC-01"}  # fmt: skip


@dataclass(frozen=True)
class Site:
    """One fixture school website and the truth about it."""

    name: str
    school: str
    style: str = "questions"  # questions|nouns|statutory|table|accordion|bold|pdf|pdf_zip|scan
    body: str = "plain"  # plain | formal
    items: tuple[str, ...] = WORD_ITEMS
    senco: bool = True
    offer: str = "ok"  # ok|broken|none|mention|old_address|chain|private|sendias_first...
    reviewed: str = "Last reviewed: 15 September 2025"
    policy: str = "ok"  # ok | old | unsigned | none | dated_labels
    plan: str = "ok"  # ok | old | none
    report_path: str = "send/information-report.html"
    report_link: str = "SEND Information Report"
    extra: dict[str, str] = field(default_factory=dict)  # more files: path -> text
    home_extra: str = ""
    overrides: dict[str, str] = field(default_factory=dict)
    failed: bool = False  # the whole check cannot run (robots.txt asks not to)
    unread: bool = False  # the report is linked but cannot be read (loop, timeout, scan...)
    report: bool = True  # False: the school publishes no report at all
    report_extra: str = ""  # more HTML (or PDF lines) at the end of the report
    padding_after: int = 0  # a megabyte and more of inline image data after this section

    def expected(self) -> dict[str, str]:
        if self.failed:
            return dict.fromkeys(CODES, "unsure")
        verdicts = {code: "found" if code in self.items else "not_found" for code in WORD_ITEMS}
        verdicts["S1-04"] = "found" if self.senco else "not_found"
        verdicts["S1-13"] = {"none": "not_found", "mention": "unsure", "admissions": "not_found",
                             "elsewhere": "unsure"}.get(self.offer, "found")  # fmt: skip
        verdicts["LO-01"] = "found" if self.offer in OFFER_WORKS else "not_found"
        verdicts["R-01"] = "found" if "2025" in self.reviewed else "not_found"
        # The formal wording's share of long words lies between the rule's plain (35%) and
        # poor (45%) bands: readability is then a person's judgement.
        verdicts["R-02"] = "found" if self.body == "plain" else "unsure"
        verdicts["D-04"] = "found" if self.plan == "ok" else "not_found"  # current: 3 years
        for code in ("AP-1", "AP-2", "AP-3"):
            verdicts[code] = "found" if self.plan != "none" else "not_found"
        verdicts["P-01"] = "found" if self.policy != "none" else "not_found"
        verdicts["P-02"] = "found" if self.policy in ("ok", "old", "dated_labels") else "not_found"
        verdicts["P-03"] = (
            "found" if self.policy in ("ok", "unsigned", "dated_labels") else ("not_found")
        )
        if not self.report:
            verdicts.update(dict.fromkeys(NO_REPORT, "not_found"))
        if self.unread:
            verdicts = {code: _unknowable(code, v) for code, v in verdicts.items()}
        verdicts.update(self.overrides)
        return {code: verdicts[code] for code in CODES}


NO_REPORT = (*WORD_ITEMS, "S1-04", "S1-13", "LO-01", "R-01", "R-02")


def _unknowable(code: str, verdict: str) -> str:
    """With the report unreadable, only what other documents show can be known."""
    if code in ("AP-1", "AP-2", "AP-3", "P-02", "P-03"):
        return verdict
    if code in ("D-04", "P-01") and verdict == "found":
        return verdict
    return "unsure"


OFFER_WORKS = {"ok", "old_address", "chain", "sendias_first", "elsewhere"}


HALF_A = WORD_ITEMS[: len(WORD_ITEMS) // 2]
HALF_B = WORD_ITEMS[len(WORD_ITEMS) // 2 :]
WITHOUT = {"S1-09", "S1-12", "LAC-01", "D-01", "D-02"}


def _without(codes: set[str]) -> tuple[str, ...]:
    return tuple(code for code in WORD_ITEMS if code not in codes)


SITES: list[Site] = [
    Site("questions_plain", "Alder Primary School"),
    Site("nouns_plain", "Birchwood Primary School", style="nouns"),
    Site("statutory_formal", "Cedar Park Academy", style="statutory", body="formal"),
    Site("table_plain", "Damson Infant School", style="table"),
    Site("accordion_plain", "Elmhurst Junior School", style="accordion"),
    Site("bold_template", "Fernbrook Primary Academy", style="bold"),
    Site("pdf_numbered_formal", "Gorse Hill High School", style="pdf", body="formal",
         report_path="docs/SEND-Information-Report-2025.pdf"),
    Site("pdf_compressed", "Hazel Lane Primary School", style="pdf_zip",
         report_path="docs/send-information-report.pdf"),
    Site("nouns_formal", "Ivy Bank Secondary School", style="nouns", body="formal"),
    Site("questions_formal", "Juniper Church of England Primary School", body="formal"),
    Site("table_formal", "Kingfisher Academy", style="table", body="formal"),
    Site("accordion_formal", "Larch Community College", style="accordion", body="formal"),
    Site("partly_first_half", "Maple Primary School", items=HALF_A),
    Site("partly_second_half", "Nettle Primary School", style="nouns", items=HALF_B,
         senco=False, offer="none"),
    Site("out_of_date", "Oakley Primary School", reviewed="Last reviewed: 12 September 2023",
         policy="old", plan="old"),
    Site("broken_offer", "Poplar Primary School", offer="broken"),
    Site("sendias_first", "Quince Primary School", offer="sendias_first"),
    Site("sendias_then_broken_offer", "Rowan Primary School", offer="sendias_broken"),
    Site("admissions_link_only", "Sycamore Primary School", offer="admissions"),
    Site("offer_old_address", "Tamarisk Primary School", offer="old_address"),
    Site("offer_chain", "Umber Primary School", offer="chain", style="accordion"),
    Site("offer_to_metadata", "Vetch Primary School", offer="private",
         overrides={"S1-13": "found", "LO-01": "not_found"}),
    Site("offer_mentioned_only", "Walnut Primary School", offer="mention"),
    Site("no_policy_no_plan", "Yew Tree Primary School", policy="none", plan="none"),
    Site("unsigned_policy", "Zelkova Primary School", policy="unsigned"),
    Site("dated_labels", "Acorn Bank Primary School", policy="dated_labels"),
    Site("scanned_report", "Bramble Primary School", style="scan", unread=True,
         report_path="docs/send-information-report.pdf"),
    Site("policy_list", "Clover Primary School", items=_without(WITHOUT),
         report_extra=RELATED_POLICIES, home_extra='<p><a href="/policies/">Policies</a></p>',
         extra={"policies/index.html": POLICIES_PAGE}),
    Site("parents_page", "Dogwood Primary School", items=_without({"S1-07"}),
         home_extra='<p><a href="/parents.html">Parents</a></p>',
         extra={"parents.html": PARENTS_PAGE}),
    Site("pdf_line_breaks", "Eglantine Primary School", style="pdf",
         items=_without({"S1-09", "LAC-01"}), report_path="docs/send-report.pdf",
         report_extra=BROKEN_LIST),
    Site("robots_home", "Foxglove Primary School", failed=True,
         extra={"robots.txt": "User-agent: *\nDisallow: /\n"}),
    Site("robots_report", "Gentian Primary School", unread=True,
         extra={"robots.txt": "User-agent: *\nDisallow: /send/\n"}),
    Site("redirect_loop", "Heather Primary School", unread=True, report_path="loop/a"),
    Site("slow_report", "Iris Primary School", unread=True,
         report_path="drip/send-information-report"),
    Site("huge_report", "Jasmine Primary School", padding_after=10,
         overrides=dict.fromkeys([*WORD_ITEMS[10:], "S1-04", "S1-13", "LO-01"], "unsure")),
    Site("hostile", "Knapweed Primary School", report=False, policy="none", plan="none",
         unread=True, report_path="to-private/169.254.169.254",
         report_link="SEND Information Report (archive)", home_extra=HOSTILE_HOME),
    Site("trust_hosted", "Willow Primary School", items=HALF_A,
         report_path="{{TRUST}}/schools/willow-primary/send-information-report",
         report_link="SEND Information Report (on our trust's website)"),
    Site("trust_listing_only", "Ash Grove Primary School", report=False,
         report_path="{{TRUST}}/send-information-reports"),
    Site("no_send_content", "Lavender Primary School", report=False, report_path="",
         policy="none", plan="none"),
]  # fmt: skip
