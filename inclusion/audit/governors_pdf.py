"""The governors' report's HTML turned into a PDF by WeasyPrint, fetching nothing.

The HTML is rendered by the portal's own templates (every user string escaped by Jinja); the
stylesheet is read from the package, and the URL fetcher refuses every URL, so a report can
never make the server read a file or call out to the network.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint import CSS, HTML, URLFetcher

STYLESHEET = Path(__file__).parents[1] / "static" / "print" / "governors-report.css"


def refuse_every_url() -> URLFetcher:
    return URLFetcher(allowed_protocols=())


def html_to_pdf(html: str, stylesheet_path: Path = STYLESHEET) -> bytes:
    fetcher = refuse_every_url()
    stylesheet = CSS(string=stylesheet_path.read_text(encoding="utf-8"), url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet])
