"""A live server on its own database, and a real Chromium driven by Playwright."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.serving import BaseWSGIServer, make_server

from inclusion import create_app
from inclusion.config import TestConfig
from inclusion.extensions import db
from inclusion.seeding import DemoUser, demo_users, seed_demo_users, seed_reference_data

CHROMIUM = Path("/usr/bin/chromium")
DIST_DIR = Path(__file__).resolve().parents[2] / "inclusion" / "static" / "dist"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def browser_database_url() -> str:
    """A database of the browser tests' own: never the one the other tests use."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        return recreate_postgres_database(url)
    folder = Path(tempfile.mkdtemp(prefix="inclusion-browser-"))
    return f"sqlite:///{folder / 'browser.sqlite'}"


def recreate_postgres_database(url: str, suffix: str = "_browser") -> str:
    target = make_url(url)
    name = f"{target.database}{suffix}"
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return target.set(database=name).render_as_string(hide_password=False)


def require_frontend_assets() -> None:
    if not (DIST_DIR / "app.css").is_file() or not (DIST_DIR / "app.js").is_file():
        pytest.fail(f"Frontend assets are missing from {DIST_DIR}: run npm ci && npm run build")


@pytest.fixture(scope="session")
def live_app() -> Flask:
    require_frontend_assets()

    class BrowserSettings(TestConfig):
        SQLALCHEMY_DATABASE_URI = browser_database_url()
        WTF_CSRF_ENABLED = True
        RATELIMIT_ENABLED = False

    app = create_app(BrowserSettings)
    with app.app_context():
        upgrade()
        seed_reference_data()
        seed_demo_users()
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    server: BaseWSGIServer = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def demo_accounts(live_app: Flask) -> list[DemoUser]:
    with live_app.app_context():
        accounts = demo_users()
        db.session.remove()
    return accounts


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
        pytest.skip("Chromium is not installed: apt-get install chromium")
    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server)
    yield context.new_page()
    context.close()
