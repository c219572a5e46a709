"""The website checker's settings, from the portal's configuration."""

from __future__ import annotations

from flask import Flask

from inclusion.send_report.checker.settings import CheckerSettings


def settings_for(app: Flask) -> CheckerSettings:
    config = app.config
    hosts = _listed(config.get("LOCAL_OFFER_HOSTS", ""))
    return CheckerSettings(
        local_offer_url=config["LOCAL_OFFER_URL"],
        local_offer_hosts=hosts,
        local_offer_prefixes=_listed(config.get("LOCAL_OFFER_PREFIXES", "")),
        council_contact_url=config.get("COUNCIL_CONTACT_URL", ""),
        timeout_seconds=float(config.get("WEBSITE_CHECK_TIMEOUT_SECONDS", 10)),
        max_pages=int(config.get("WEBSITE_CHECK_MAX_PAGES", 40)),
        deadline_seconds=float(config.get("WEBSITE_CHECK_DEADLINE_SECONDS", 180)),
        delay_seconds=float(config.get("WEBSITE_CHECK_DELAY_SECONDS", 1.0)),
        allow_loopback=bool(config.get("WEBSITE_CHECK_ALLOW_LOOPBACK", False)),
    )


def _listed(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())
