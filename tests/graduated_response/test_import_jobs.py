"""Large uploads are imported by a job: an ImportRun from the start, a progress page, the
report when done, and the GIAS file with a very wide row refused at once."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import select, update

from inclusion.auth.roles import Role
from inclusion.background_work import BackgroundWork
from inclusion.extensions import db
from inclusion.graduated_response.models import ImportRun
from inclusion.security.models import SecurityEvent
from tests.auth.factories import UserFactory
from tests.conftest import TestSettings
from tests.graduated_response.imports_support import (
    app_with_imports,
    fixture_file,
    share_test_connection,
    table_counts,
)
from tests.pages import PageClient, normalised_text
from tests.schools.factories import SchoolFactory

URL = "/admin/imports/"


class JobImportsSettings(TestSettings):
    """Every upload over 100 bytes goes to a job."""

    IMPORT_IN_REQUEST_BYTES = 100


@pytest.fixture(scope="session")
def jobs_app() -> Flask:
    return app_with_imports(JobImportsSettings)


@pytest.fixture
def pages(app: Flask, jobs_app: Flask, session) -> Iterator[Callable[..., PageClient]]:
    restore = share_test_connection(app, jobs_app)
    jobs_app.extensions["job_runner"].pending.clear()
    yield lambda user: PageClient(jobs_app, user)
    jobs_app.extensions["job_runner"].pending.clear()
    restore()


@pytest.fixture
def admin(session):
    return UserFactory.with_role(Role.ADMIN)


def run_jobs(jobs_app: Flask) -> None:
    with jobs_app.app_context():
        jobs_app.extensions["job_runner"].run_pending()


def upload(content: bytes, name: str, kind: str = "dfe_exclusions") -> dict:
    return {"kind": kind, "file": (io.BytesIO(content), name)}


def handed_over(pages, admin, content: bytes, name: str, kind: str = "dfe_exclusions") -> str:
    response = pages(admin).raw("POST", URL, data=upload(content, name, kind))
    assert response.status_code == 302
    return response.headers["Location"]


def test_a_large_file_is_recorded_at_once_and_imported_by_the_job(pages, jobs_app, admin):
    SchoolFactory(urn="123456"), SchoolFactory(urn="123457")
    content = fixture_file("exclusions_valid.csv").read_bytes()
    status_url = handed_over(pages, admin, content, "national.csv")
    [run] = db.session.scalars(select(ImportRun)).all()
    assert (run.filename, run.succeeded, run.summary) == (
        "national.csv",
        False,
        {"status": "queued"},
    )
    assert table_counts()["figures"] == 0
    waiting = normalised_text(pages(admin).get(status_url))
    assert "Waiting to start" in waiting
    run_jobs(jobs_app)
    done = normalised_text(pages(admin).get(status_url))
    assert "national.csv was imported" in done and "Inserted 3" in done
    db.session.expire_all()
    [same_run] = db.session.scalars(select(ImportRun)).all()
    assert same_run.id == run.id and same_run.succeeded and same_run.summary["inserted"] == 3
    assert table_counts()["figures"] == 3
    work = db.session.scalar(select(BackgroundWork))
    assert work.status == "done" and work.content is None  # the upload is not kept


def test_the_job_logs_the_import_for_the_person_who_uploaded(pages, jobs_app, admin):
    handed_over(pages, admin, fixture_file("exclusions_valid.csv").read_bytes(), "f.csv")
    run_jobs(jobs_app)
    [event] = db.session.scalars(
        select(SecurityEvent).where(SecurityEvent.kind == "data_imported")
    ).all()
    assert event.user_id == admin.id and event.detail["file"] == "f.csv"


def test_a_rejected_large_file_shows_its_problems_by_line_on_the_progress_page(
    pages, jobs_app, admin
):
    status_url = handed_over(
        pages, admin, fixture_file("exclusions_bad_rows.csv").read_bytes(), "b.csv"
    )
    run_jobs(jobs_app)
    page = pages(admin).get(status_url)
    assert "Problems in b.csv" in normalised_text(page)
    assert len(page.select("#import-problems + p + table tbody tr")) > 0
    assert db.session.scalar(select(ImportRun)).succeeded is False


def test_only_the_person_who_uploaded_sees_the_progress_page(pages, admin):
    status_url = handed_over(
        pages, admin, fixture_file("exclusions_valid.csv").read_bytes(), "f.csv"
    )
    pages(UserFactory.with_role(Role.ADMIN)).get(status_url, status=404)


def test_a_job_that_stops_unexpectedly_leaves_its_import_run_marked_as_failed(
    pages, jobs_app, admin
):
    status_url = handed_over(
        pages, admin, fixture_file("exclusions_valid.csv").read_bytes(), "f.csv"
    )
    db.session.execute(update(BackgroundWork).values(params={"kind": "no such kind"}))
    db.session.commit()
    with pytest.raises(KeyError):
        run_jobs(jobs_app)
    page = normalised_text(pages(admin).get(status_url))
    assert "Failed" in page and "The import stopped unexpectedly (KeyError)" in page
    db.session.expire_all()
    assert db.session.scalar(select(ImportRun)).summary["status"] == "failed"
    history = normalised_text(pages(admin).get(URL + "history"))
    assert "Stopped unexpectedly, nothing saved" in history


def test_a_2_mb_gias_file_with_one_very_wide_row_is_refused_quickly_through_the_page(
    pages, jobs_app, admin
):
    content = (",".join(f"c{n}" for n in range(300_000)) + "\n1,2\n").encode()
    status_url = handed_over(pages, admin, content, "gias.csv", kind="gias")
    started = time.perf_counter()
    run_jobs(jobs_app)
    assert time.perf_counter() - started < 5.0
    text = normalised_text(pages(admin).get(status_url))
    assert "Rejected: 1 problem, nothing was saved" in text
    assert "this line is longer than 100,000 characters" in text
