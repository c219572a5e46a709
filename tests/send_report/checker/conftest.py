"""Fixture websites served by real local HTTP servers, and checker settings for tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inclusion.send_report.checker import CheckerSettings
from tests.send_report.checker.pdfwriter import pdf_from_source
from tests.send_report.checker.siteserver import SiteHTTPServer, start_server

SITES = Path(__file__).parent / "sites"
TODAY = date(2025, 11, 3)


@pytest.fixture(scope="session")
def offer_server() -> Iterator[SiteHTTPServer]:
    """The council's Local Offer site: /local-offer answers 200; anything else 404."""
    root = Path(__file__).parent / "offer-site"
    server = start_server(root if root.exists() else None)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def substitutions(offer_server: SiteHTTPServer) -> dict[str, str]:
    return {
        "{{LOCAL_OFFER}}": f"{offer_server.base_url}/local-offer",
        "{{BROKEN_LOCAL_OFFER}}": f"{offer_server.base_url}/broken-local-offer",
        "{{LOCAL_OFFER_HOST}}": offer_server.netloc,
    }


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory, substitutions: dict[str, str]) -> Path:
    """A copy of sites/ with every *.pdf.txt turned into a real PDF by the tiny writer."""
    target = tmp_path_factory.mktemp("sites")
    shutil.copytree(SITES, target, dirs_exist_ok=True)
    for source in target.rglob("*.pdf.txt"):
        pdf = source.with_name(source.name.removesuffix(".txt"))
        pdf.write_bytes(pdf_from_source(source.read_text(encoding="utf-8"), substitutions))
        source.unlink()
    return target


@pytest.fixture(scope="session")
def site(
    built_sites: Path, substitutions: dict[str, str]
) -> Iterator[Callable[[str], SiteHTTPServer]]:
    """site("compliant") -> a running server for that fixture website (one per name)."""
    servers: dict[str, SiteHTTPServer] = {}

    def start(name: str) -> SiteHTTPServer:
        if name not in servers:
            root = built_sites / name if name != "empty" else None
            servers[name] = start_server(root, substitutions)
        return servers[name]

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def settings(offer_server: SiteHTTPServer) -> CheckerSettings:
    return CheckerSettings(
        local_offer_url=f"{offer_server.base_url}/local-offer",
        local_offer_hosts=(offer_server.netloc,),
        council_contact_url="https://council.example/send-website-checks",
        today=TODAY,
        timeout_seconds=1.0,
        deadline_seconds=20.0,
        max_redirects=3,
        max_bytes=1_000_000,
        max_pages=40,
        delay_seconds=0.0,
        allow_loopback=True,
    )


@pytest.fixture
def strict_settings(settings: CheckerSettings) -> CheckerSettings:
    """As production: loopback refused."""
    return replace(settings, allow_loopback=False)
