"""Taking the council export the way a person does: ask, let the job run, download."""

from __future__ import annotations

from flask import Flask

from tests.pages import PageClient


def ask_for_council_export(app: Flask, user) -> str:
    """POST the start page; returns the progress page's URL."""
    response = PageClient(app, user).raw("POST", "/council/dashboard.xlsx")
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def council_export(app: Flask, user) -> bytes:
    """The workbook's bytes, after the export job has run."""
    status_url = ask_for_council_export(app, user)
    with app.app_context():
        app.extensions["job_runner"].run_pending()
    response = PageClient(app, user).raw("GET", f"{status_url}/download")
    assert response.status_code == 200, response.status_code
    return response.data
