"""The administrators' upload page and the list of imports."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.graduated_response.models import ImportRun
from tests.auth.factories import UserFactory
from tests.graduated_response.imports_support import (
    CsrfSettings,
    SmallImportsSettings,
    app_with_imports,
    default_imports_app,
    fixture_file,
    share_test_connection,
    table_counts,
)
from tests.pages import PageClient, error_summary, normalised_text
from tests.schools.factories import SchoolFactory

URL = "/admin/imports/"


def upload(name: str, kind: str = "dfe_exclusions", filename: str | None = None, **fields):
    content = fixture_file(name).read_bytes()
    return {"kind": kind, "file": (io.BytesIO(content), filename or name), **fields}


@pytest.fixture(scope="session")
def small_imports_app() -> Flask:
    return app_with_imports(SmallImportsSettings)


@pytest.fixture(scope="session")
def csrf_imports_app() -> Flask:
    return app_with_imports(CsrfSettings)


@pytest.fixture
def pages_for(app: Flask, session) -> Iterator[Callable[..., PageClient]]:
    """pages_for(user=None, other_app=None): a PageClient in the test's transaction."""
    restores: dict[Flask, Callable[[], None]] = {}

    def make(user=None, other_app: Flask | None = None) -> PageClient:
        target = other_app or default_imports_app(app)
        if target is not app and target not in restores:
            restores[target] = share_test_connection(app, target)
        return PageClient(target, user)

    yield make
    for restore in restores.values():
        restore()


@pytest.fixture
def admin(session):
    return UserFactory.with_role(Role.ADMIN)


def test_an_administrator_sees_the_upload_form(pages_for, admin):
    page = pages_for(admin).get(URL)
    form = page.select_one("form[enctype='multipart/form-data']")
    assert form is not None
    assert {tag["name"] for tag in form.select("input")} >= {"kind", "file", "la_code", "dry_run"}


def test_an_administrator_imports_a_dfe_file_and_sees_the_report(pages_for, admin):
    SchoolFactory(urn="123456")
    page = pages_for(admin).post(URL, upload("exclusions_valid.csv", la_code="933"))
    text = normalised_text(page)
    assert "exclusions_valid.csv was imported" in text
    assert "Inserted 2" in text
    assert "Set aside 2 rows for schools not in the portal (not stored" in text
    assert "Outside LA 933 1 rows not imported" in text
    assert table_counts()["figures"] == 2
    run = db.session.scalar(select(ImportRun))
    assert run.started_by_id == admin.id


def test_a_rejected_file_lists_its_problems_by_line_and_says_nothing_was_saved(pages_for, admin):
    page = pages_for(admin).post(URL, upload("exclusions_bad_rows.csv"))
    assert page.title.get_text().startswith("Error: ")
    assert error_summary(page) == [
        "exclusions_bad_rows.csv was not imported: 7 problems, listed below. Nothing was saved."
    ]
    rows = [
        [cell.get_text(strip=True) for cell in tr.select("td")] for tr in page.select("tbody tr")
    ]
    assert rows[0] == ["2", "school_urn must be a six-digit URN, not '12345'"]
    assert "Nothing was saved." in normalised_text(page)
    assert table_counts()["figures"] == 0


def test_a_gias_dry_run_shows_the_changes_and_saves_no_school(pages_for, admin):
    before = table_counts()["schools"]
    page = pages_for(admin).post(URL, upload("gias_schools.csv", kind="gias", dry_run="y"))
    text = normalised_text(page)
    assert "Dry run of gias_schools.csv: nothing was saved" in text
    assert "Acorn First School (990101) Created" in text
    assert table_counts()["schools"] == before


def test_choosing_nothing_explains_what_to_choose(pages_for, admin):
    page = pages_for(admin).post(URL, {"la_code": "Somerset"})
    assert error_summary(page) == [
        "Select what you are importing",
        "Select a CSV file",
        "Enter a three-digit LA code, like 933",
    ]


def test_the_clients_file_name_is_only_displayed_never_used_as_a_path(pages_for, admin):
    escape = "../../../../tmp/inclusion-escape.csv"
    pages_for(admin).post(URL, upload("exclusions_valid.csv", filename=escape))
    assert not Path("/tmp/inclusion-escape.csv").exists()
    assert db.session.scalar(select(ImportRun.filename)) == "tmp_inclusion-escape.csv"


def test_a_senco_may_not_open_or_post_to_the_upload_page(pages_for, session):
    senco = UserFactory.with_role(Role.SENCO, school=SchoolFactory())
    pages = pages_for(senco)
    pages.get(URL, status=403)
    pages.post(URL, upload("exclusions_valid.csv"), status=403)
    pages.get(URL + "history", status=403)
    assert table_counts()["figures"] == 0


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(pages_for):
    assert pages_for().raw("GET", URL).status_code == 302


def test_the_history_lists_each_import_newest_first(pages_for, admin):
    pages = pages_for(admin)
    pages.post(URL, upload("exclusions_valid.csv"))
    pages.post(URL, upload("exclusions_duplicate_keys.csv"))
    page = pages.get(URL + "history")
    rows = [normalised_text(tr) for tr in page.select("tbody tr")]
    assert len(rows) == 2
    assert "exclusions_duplicate_keys.csv" in rows[0] and "Rejected: 1 problems" in rows[0]
    assert "exclusions_valid.csv" in rows[1] and "Imported" in rows[1]
    assert admin.display_name in rows[1]


class UnreadableBody(io.RawIOBase):
    """A request body of `size` bytes that fails the test if anything reads it."""

    def __init__(self, size: int) -> None:
        self.size, self.position = size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[
            whence
        ] + offset
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        raise AssertionError("the upload was read before its size was checked")


def test_a_2_gb_upload_is_refused_from_its_length_before_reading(pages_for, admin):
    pages = pages_for(admin)
    response = pages.raw(
        "POST",
        URL,
        input_stream=UnreadableBody(2 * 1024**3),
        content_type="multipart/form-data; boundary=boundary",
    )
    assert response.request.content_length == 2 * 1024**3
    assert response.status_code == 413
    assert "The request is too large" in response.get_data(as_text=True)


def test_an_upload_over_the_configured_import_limit_gets_the_413_page(
    pages_for, admin, small_imports_app
):
    pages = pages_for(admin, small_imports_app)
    assert fixture_file("exclusions_valid.csv").stat().st_size > 1_000
    big = {"kind": "dfe_exclusions", "file": (io.BytesIO(b"x" * 3_000), "big.csv")}
    page = pages.post(URL, big, status=413)
    assert page.h1.get_text(strip=True) == "The request is too large"
    assert table_counts()["runs"] == 0


def test_the_import_limit_not_the_portals_smaller_limit_applies_to_uploads(
    pages_for, admin, small_imports_app
):
    SchoolFactory(urn="123456")
    page = pages_for(admin, small_imports_app).post(URL, upload("exclusions_valid.csv"))
    assert "exclusions_valid.csv was imported" in normalised_text(page)


def test_an_upload_without_a_csrf_token_is_refused_when_csrf_is_on(
    pages_for, admin, csrf_imports_app
):
    pages = pages_for(admin, csrf_imports_app)
    page = pages.post(URL, upload("exclusions_valid.csv"), status=400)
    assert page.h1.get_text(strip=True) == "Your page has expired"
    assert table_counts()["figures"] == 0


def test_an_upload_with_its_csrf_token_passes_the_check_made_after_the_size_check(
    pages_for, admin, csrf_imports_app
):
    pages = pages_for(admin, csrf_imports_app)
    token = pages.get(URL).select_one("input[name=csrf_token]")["value"]
    page = pages.post(URL, upload("exclusions_valid.csv", csrf_token=token))
    assert "exclusions_valid.csv was imported" in normalised_text(page)


def test_a_file_name_that_climbs_out_of_its_folder_is_only_ever_a_label(pages_for, admin):
    SchoolFactory(urn="123456")
    target = Path("/tmp/inclusion-traversal.csv")
    target.unlink(missing_ok=True)
    hostile = "../../../../tmp/inclusion-traversal.csv"

    pages_for(admin).post(URL, upload("exclusions_valid.csv", filename=hostile, la_code="933"))

    assert not target.exists()
    assert db.session.scalar(select(ImportRun.filename)) == "tmp_inclusion-traversal.csv"


def test_every_import_run_is_in_the_security_log_kept_or_refused(pages_for, admin):
    from inclusion.security.models import SecurityEvent

    SchoolFactory(urn="123456")
    pages_for(admin).post(URL, upload("exclusions_valid.csv", la_code="933"))
    pages_for(admin).post(URL, upload("exclusions_bad_rows.csv"))

    events = db.session.scalars(
        select(SecurityEvent)
        .where(SecurityEvent.kind == "data_imported")
        .order_by(SecurityEvent.id)
    ).all()
    assert [(e.detail["file"], e.detail["succeeded"]) for e in events] == [
        ("exclusions_valid.csv", "True"),
        ("exclusions_bad_rows.csv", "False"),
    ]
    assert {e.user_id for e in events} == {admin.id}


def test_the_form_offers_every_kind_of_official_file(pages_for, admin):
    page = pages_for(admin).get(URL)
    offered = {tag["value"] for tag in page.select("input[name='kind']")}
    assert offered == {"dfe_exclusions", "dfe_sen", "dfe_absence", "gias"}


@pytest.mark.parametrize(
    ("kind", "valid", "rejected"),
    [
        ("dfe_sen", "sen_valid.csv", "sen_totals_row.csv"),
        ("dfe_absence", "absence_valid.csv", "absence_malformed_number.csv"),
    ],
)
def test_sen_and_absence_files_are_imported_from_the_page_and_logged(
    pages_for, admin, kind, valid, rejected
):
    from inclusion.security.models import SecurityEvent

    SchoolFactory(urn="123456")
    kept = normalised_text(pages_for(admin).post(URL, upload(valid, kind=kind, la_code="933")))
    assert f"{valid} was imported" in kept
    refused = pages_for(admin).post(URL, upload(rejected, kind=kind))
    assert error_summary(refused)[0].startswith(f"{rejected} was not imported")
    runs = db.session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    assert [(run.kind, run.succeeded, run.started_by_id) for run in runs] == [
        (kind, True, admin.id),
        (kind, False, admin.id),
    ]
    logged = db.session.scalars(
        select(SecurityEvent).where(SecurityEvent.kind == "data_imported")
    ).all()
    assert [(e.detail["source"], e.detail["file"]) for e in logged] == [
        (kind, valid),
        (kind, rejected),
    ]
