"""Hostile input: script in free text, formulas in exports, SQL metacharacters, huge bodies."""

from __future__ import annotations

import csv
import io
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from sqlalchemy import func, select

from inclusion.schools.models import School
from tests.access import build_world
from tests.api.helpers import ApiClient, answer_url, year_slug
from tests.pages import PageClient

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><svg onload=alert(1)>",
    "{{ 7*7 }} {% raw %}",
]
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|'/c calc'!A0", "-1+1", "@SUM(A1)"]
SQL = ["'; DROP TABLE school; --", "%", "_", "\\", "1 OR 1=1"]


def no_injected_markup(page: BeautifulSoup) -> None:
    assert page.find("script", string=lambda text: text and "alert(1)" in text) is None
    assert page.find(attrs={"onerror": True}) is None and page.find(attrs={"onload": True}) is None
    # GOV.UK components draw their own icons (pagination arrows); any other svg was injected.
    svgs = [
        svg for svg in page.find_all("svg") if not svg.get("class", [""])[0].startswith("govuk-")
    ]
    assert not svgs and page.find("img", src="x") is None


@pytest.mark.parametrize("payload", XSS)
def test_script_in_evidence_and_notes_is_shown_as_text_on_the_page_and_in_the_api(
    payload, app, client
):
    world = build_world()
    senco = world.people["senco_a"]
    body = {"rating": 2, "evidence": payload, "note": payload, "version": 0}
    ApiClient(app, senco).put(answer_url(world), body)

    page = PageClient(app, senco).get(world.audit_url("standards/LG1"))

    no_injected_markup(page)
    assert page.select_one("textarea[name=evidence]").get_text() == payload
    audit = ApiClient(app, senco).get(
        f"/api/v1/schools/{world.school_a.urn}/audits/{year_slug(world)}"
    )
    assert audit["answers"][0]["evidence"] == payload  # JSON carries it as inert data


@pytest.mark.parametrize("payload", FORMULAS + XSS[:1])
def test_formulas_and_markup_in_evidence_reach_the_spreadsheet_as_plain_text(payload, app, client):
    world = build_world()
    senco = world.people["senco_a"]
    ApiClient(app, senco).put(answer_url(world), {"rating": 2, "evidence": payload, "version": 0})

    data = PageClient(app, senco).raw("GET", world.audit_url("export.xlsx")).data
    cells = [
        cell
        for sheet in load_workbook(BytesIO(data)).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and payload.lstrip("=+-@") in cell.value
    ]
    assert cells, "the evidence is in the workbook"
    assert all(cell.data_type == "s" for cell in cells)
    assert all(not cell.value.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_school_name_like_a_formula_is_neutralised_in_the_dashboard_csv(payload, app, client):
    world = build_world()
    world.school_a.name = payload
    url = f"/partnerships/{world.partnership_a.code}/dashboard/suspensions.csv"

    text = PageClient(app, world.people["admin"]).raw("GET", url).data.decode("utf-8-sig")

    names = [row[0] for row in csv.reader(io.StringIO(text))]
    assert f"'{payload}" in names and payload not in names


@pytest.mark.parametrize("payload", SQL)
def test_sql_metacharacters_in_filters_are_just_text(payload, app, client, session):
    world = build_world()
    admin = world.people["admin"]
    schools_before = session.scalar(select(func.count()).select_from(School))

    PageClient(app, admin).get("/admin/security-events/", query_string={"email": payload})
    codes = {"partnership": payload[:20]}  # partnership codes are at most 20 characters
    found = ApiClient(app, admin).get("/api/v1/schools", query_string=codes)

    assert found == []
    assert session.scalar(select(func.count()).select_from(School)) == schools_before


def test_sql_metacharacters_in_evidence_are_stored_and_shown_verbatim(app, client):
    world = build_world()
    senco = world.people["senco_a"]
    text = " ".join(SQL)
    ApiClient(app, senco).put(answer_url(world), {"rating": 1, "evidence": text, "version": 0})
    page = PageClient(app, senco).get(world.audit_url("standards/LG1"))
    assert page.select_one("textarea[name=evidence]").get_text() == text


def test_an_oversized_api_body_is_refused_with_a_413_json_error(app, client):
    world = build_world()
    huge = {"rating": 2, "evidence": "x" * (6 * 1024 * 1024), "version": 0}
    body = ApiClient(app, world.people["senco_a"]).put(answer_url(world), huge, status=413)
    assert body["code"] == "too_large"


def test_evidence_over_its_limit_is_refused_with_the_field_named(app, client):
    world = build_world()
    long = {"rating": 2, "evidence": "x" * 5001, "version": 0}
    body = ApiClient(app, world.people["senco_a"]).put(answer_url(world), long, status=422)
    assert list(body["errors"]) == ["evidence"]
