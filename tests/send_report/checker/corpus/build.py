"""Write the corpus of fixture school websites into a folder, one folder per site.

Each site is described by a Site: how its SEND Information Report is written (headings as
questions, nouns or the regulation's words; a table; accordions; bold lines; a numbered PDF,
compressed or not; a scan), which items it covers, and what is wrong with it. The expected
verdicts (expected.yaml) follow from the same descriptions: `python -m
tests.send_report.checker.corpus.build` rewrites that file; the test reads only the file.
"""

from __future__ import annotations

import html
from pathlib import Path

from tests.send_report.checker.corpus.content import SECTIONS
from tests.send_report.checker.corpus.sites import SITES, Site

EXPECTED = Path(__file__).with_name("expected.yaml")


def section_html(style: str, body: str, code: str) -> str:
    section = SECTIONS[code]
    text = html.escape(getattr(section, body))
    if style == "table":
        return f'<tr><th scope="row">{html.escape(section.question)}</th><td>{text}</td></tr>'
    if style == "accordion":
        return f"<details><summary>{html.escape(section.noun)}</summary><p>{text}</p></details>"
    if style == "bold":
        return f"<p><strong>{html.escape(section.question)}</strong></p><p>{text}</p>"
    heading = {"questions": section.question, "nouns": section.noun}.get(style, section.statutory)
    return f"<h2>{html.escape(heading)}</h2><p>{text}</p>"


def senco_text(site: Site) -> str:
    if not site.senco:
        return "Please contact the school office with any questions."
    return (
        "Our SENCO is Mrs Amira Khan. You can contact her by email at "
        f"senco@{site.name.replace('_', '')}.example or call 01632 960123."
    )


OFFER_LINKS: dict[str, str] = {
    "ok": '<a href="{{LOCAL_OFFER}}">Somerset Local Offer</a>',
    "broken": '<a href="{{BROKEN_LOCAL_OFFER}}">Somerset Local Offer</a>',
    "old_address": '<a href="{{OLD_LOCAL_OFFER}}">the Local Offer</a>',
    "chain": '<a href="{{OFFER_SERVER}}/chain/2">Local Offer</a>',
    "private": '<a href="{{OFFER_SERVER}}/to-private/169.254.169.254">Local Offer</a>',
    "sendias_first": '<a href="{{OFFER_SERVER}}/sendias">SENDIAS</a> and the '
    '<a href="{{OFFER_SERVER}}/chain/1">Somerset Local Offer</a>',
    "sendias_broken": '<a href="{{OFFER_SERVER}}/sendias">SENDIAS</a> and the '
    '<a href="{{BROKEN_LOCAL_OFFER}}">Somerset Local Offer</a>',
    "admissions": '<a href="{{OFFER_SERVER}}/admissions">school admissions</a>',
}


def offer_text(site: Site) -> str:
    if site.offer in ("none", "elsewhere"):
        return ""
    if site.offer == "mention":
        return "<p>The council also publishes information for families.</p>" + (
            "<p>Search online for the Somerset Local Offer.</p>"
        )
    return f"<p>Find local services for families: {OFFER_LINKS[site.offer]}.</p>"


PADDING = '<p><img alt="Our school" src="data:image/png;base64,' + "QUJD" * 300_000 + '"></p>'
ROUTED = ("loop/", "drip/", "to-private/", "{{")


def report_html(site: Site) -> str:
    parts = [section_html(site.style, site.body, c) for c in site.items]
    if site.padding_after:
        parts.insert(site.padding_after, PADDING)
    sections = "\n".join(parts)
    if site.style == "table":
        sections = f"<table><tbody>{sections}</tbody></table>"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>SEND Information Report | {site.school}</title></head><body>
<nav><a href="/">Home</a> <a href="/policies/">Policies</a> <a href="/contact">Contact</a></nav>
<main><h1>SEND Information Report</h1>
<p>This report explains how {site.school} supports pupils with special educational needs and
disabilities.</p><p>{site.reviewed}.</p>
{sections}
<h2>Who to contact</h2><p>{senco_text(site)}</p>
{offer_text(site)}{site.report_extra}</main></body></html>"""


def report_pdf(site: Site) -> str:
    flags = {"pdf_zip": "compress: yes\n", "scan": "scanned: yes\n"}.get(site.style, "")
    lines = [f"title: {site.school} SEND Information Report", *flags.splitlines()]
    lines += [site.school, "SEND Information Report", site.reviewed + ".", ""]
    for number, code in enumerate(site.items, start=1):
        if number % 5 == 0:
            lines.append("=== page ===")
        section = SECTIONS[code]
        lines += [f"{number}. {section.noun}", getattr(section, site.body)]
    lines += ["=== page ===", "Who to contact", senco_text(site)]
    if site.offer not in ("none", "mention", "elsewhere", "admissions"):
        lines += ["The Local Offer", "Find local services in the council's Local Offer."]
        lines.append(f"@uri {OFFER_HREF[site.offer]}")
    lines += site.report_extra.splitlines()
    return "\n".join(lines) + "\n"


OFFER_HREF = {
    "ok": "{{LOCAL_OFFER}}",
    "broken": "{{BROKEN_LOCAL_OFFER}}",
    "old_address": "{{OLD_LOCAL_OFFER}}",
    "chain": "{{LOCAL_OFFER}}",
}


def policy_pdf(site: Site) -> str:
    approval = {
        "ok": ["Signed: J. Smith, Chair of Governors", "Date: 10 October 2024",
               "Next review: October 2027"],
        "old": ["Signed: J. Smith, Chair of Governors", "Date: 4 March 2019",
                "Next review: March 2022"],
        "unsigned": ["Last reviewed: 10 October 2024", "Next review: October 2027"],
        "dated_labels": ["Date of policy: 01/09/2024",
                         "Approved by governors on 12 October 2024, signed by the Chair."],
    }[site.policy]  # fmt: skip
    return "\n".join(
        [
            f"title: {site.school} SEND Policy",
            site.school,
            "Special Educational Needs and Disabilities (SEND) Policy",
            "This policy sets out how our school meets the needs of pupils with SEND.",
            "It follows the SEND Code of Practice and the Equality Act 2010.",
            "=== page ===",
            "Approval",
            *approval,
        ]
    )


def plan_html(site: Site) -> str:
    approved = "20 June 2024" if site.plan == "ok" else "12 May 2018"
    return f"""<!DOCTYPE html><html lang="en"><head><title>Accessibility Plan | {site.school}
</title></head><body><h1>Accessibility Plan</h1>
<p>This accessibility plan is written under the Equality Act 2010. Approved: {approved}.</p>
<h2>Increasing access to the curriculum</h2><p>We will increase the extent to which disabled
pupils can participate in the curriculum, with staff training on adapting lessons.</p>
<h2>Improving the physical environment</h2><p>We will improve the physical environment: a ramp
to the library, wider doorways and an accessible toilet in the new building.</p>
<h2>Improving the delivery of information</h2><p>We will improve the delivery of information
to disabled pupils, with large print, easy read versions and symbols.</p></body></html>"""


def home_html(site: Site) -> str:
    href = site.report_path if site.report_path.startswith("{{") else f"/{site.report_path}"
    links = [f'<li><a href="{href}">{site.report_link}</a></li>'] if site.report_path else []
    if site.policy != "none":
        links.append('<li><a href="/policies/send-policy.pdf">SEND Policy</a></li>')
    if site.plan != "none":
        links.append('<li><a href="/policies/accessibility-plan.html">Accessibility Plan</a></li>')
    return f"""<!DOCTYPE html><html lang="en"><head><title>{site.school}</title></head><body>
<nav><a href="/">Home</a> <a href="/news.html">News</a> <a href="/term-dates">Term dates</a></nav>
<main><h1>Welcome to {site.school}</h1>
<p>We are a friendly school at the heart of our community. Our parents and governors work
together so every child can thrive.</p>
<h2>Key information</h2><ul>{"".join(links)}</ul>{site.home_extra}</main></body></html>"""


def site_files(site: Site) -> dict[str, str]:
    files = {"index.html": home_html(site)}
    if not site.report or site.report_path.startswith(ROUTED):
        pass  # no report, or the server answers its address itself (a loop, a trickle)
    elif site.style in ("pdf", "pdf_zip", "scan"):
        files[site.report_path + ".txt"] = report_pdf(site)
    elif site.report_path:
        files[site.report_path] = report_html(site)
    if site.policy != "none":
        files["policies/send-policy.pdf.txt"] = policy_pdf(site)
    if site.plan != "none":
        files["policies/accessibility-plan.html"] = plan_html(site)
    files.update(site.extra)
    return files


def write_site(site: Site, root: Path) -> None:
    for path, text in site_files(site).items():
        target = root / site.name / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def trust_files() -> dict[str, str]:
    """The trust's website: Willow's report (part of the items), another school's complete
    report, and a page listing both."""
    willow = next(site for site in SITES if site.name == "trust_hosted")
    other = Site("beech_hill", "Beech Hill Primary School")
    listing = """<!DOCTYPE html><html lang="en"><head><title>SEND Information Reports | Oak
Learning Trust</title></head><body><h1>SEND Information Reports</h1><ul>
<li><a href="/schools/willow-primary/send-information-report">Willow Primary School SEND
Information Report</a></li><li><a href="/schools/beech-hill/send-information-report">Beech
Hill Primary School SEND Information Report</a></li></ul></body></html>"""
    other_link = (
        '<p>Other schools in our trust: <a href="/schools/beech-hill/send-information-report">'
        "Beech Hill Primary School SEND Information Report</a></p>"
    )
    return {
        "schools/willow-primary/send-information-report.html": report_html(willow).replace(
            "</main>", other_link + "</main>"
        ),
        "schools/beech-hill/send-information-report.html": report_html(other),
        "send-information-reports.html": listing,
    }


def write_corpus(root: Path) -> list[Site]:
    """Every site into root/<name>/, the trust's site into root/_trust/."""
    for site in SITES:
        write_site(site, root)
    for path, text in trust_files().items():
        target = root / "_trust" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return SITES


def expected_yaml(sites: list[Site]) -> str:
    lines = ["# Expected verdict for every checklist item of every corpus site (see build.py)."]
    for site in sites:
        lines.append(f"{site.name}:")
        lines.append(f"  school: {site.school}")
        lines.append("  expected:")
        lines += [f"    {code}: {verdict}" for code, verdict in site.expected().items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    EXPECTED.write_text(expected_yaml(SITES), encoding="utf-8")
