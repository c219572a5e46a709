"""The website checker's settings, from the portal's configuration."""

from __future__ import annotations

from flask import Flask

from inclusion.send_report.checker.settings import CheckerSettings


def settings_for(app: Flask) -> CheckerSettings:
    config = app.config
    hosts = tuple(h.strip() for h in config.get("LOCAL_OFFER_HOSTS", "").split(",") if h.strip())
    return CheckerSettings(
        local_offer_url=config["LOCAL_OFFER_URL"],
        local_offer_hosts=hosts,
        council_contact_url=config.get("COUNCIL_CONTACT_URL", ""),
        timeout_seconds=float(config.get("WEBSITE_CHECK_TIMEOUT_SECONDS", 10)),
        max_pages=int(config.get("WEBSITE_CHECK_MAX_PAGES", 40)),
        delay_seconds=float(config.get("WEBSITE_CHECK_DELAY_SECONDS", 1.0)),
        allow_loopback=bool(config.get("WEBSITE_CHECK_ALLOW_LOOPBACK", False)),
    )
