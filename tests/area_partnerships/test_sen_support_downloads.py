"""SEN support figures leave the page only as the page shows them: CSV, XLSX and the API."""

from __future__ import annotations

import csv
import io

import openpyxl
from sqlalchemy import select

from inclusion.graduated_response.sen_vocab import need_label
from inclusion.security.models import SecurityEvent
from tests.access import build_world
from tests.graduated_response.sen_factories import record_with_cycle
from tests.pages import PageClient

SLCN, SPLD = need_label("SLCN"), need_label("SPLD")


def pupils(world, count: int, prefix: str, need: str) -> None:
    senco = world.people["senco_a"]
    for n in range(count):
        record_with_cycle(world.school_a, senco, pupil_ref=f"{prefix}-{n:03d}", primary_need=need)


def world_with_pupils():
    world = build_world()
    pupils(world, 6, "LANG", "SLCN")
    pupils(world, 2, "READ", "SPLD")
    return world


def download(app, world, suffix: str):
    adviser = PageClient(app, world.people["adviser_a"])
    response = adviser.raw("GET", f"/partnerships/{world.partnership_a.code}/{suffix}")
    assert response.status_code == 200, response.status_code
    return response


def test_the_csv_holds_every_table_with_small_counts_shown_as_c(app, client):
    world = world_with_pupils()
    response = download(app, world, "sen-support.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Table", "Category", "Count"]
    by_need = {r[1]: r[2] for r in rows if r[0] == "Pupils on SEN support by primary need"}
    assert by_need[SPLD] == "c"
    assert by_need[SLCN] == "c"  # the only other value goes too: the total would give SPLD away
    assert by_need["Total"] == "8"
    assert "LANG-000" not in response.get_data(as_text=True)


def test_the_spreadsheet_has_a_sheet_per_table_read_back_as_the_page_shows(app, client):
    world = world_with_pupils()
    response = download(app, world, "sen-support.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:5] == ["About", "by-need", "reviews", "decisions", "spend"]
    assert book.sheetnames[5:] == ["ehc-requests", "ehc-refused"]
    sheet = book["by-need"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[SPLD] == "c" and values["Total"] == 8
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Area"] == world.partnership_a.name


def test_the_api_gives_the_same_suppressed_tables(app, client):
    world = world_with_pupils()
    adviser = PageClient(app, world.people["adviser_a"])
    response = adviser.raw("GET", f"/api/v1/partnerships/{world.partnership_a.code}/sen-support")
    body = response.get_json()
    assert response.status_code == 200
    assert body["suppression_symbol"] == "c"
    by_need = next(t for t in body["tables"] if t["key"] == "by-need")
    counts = {row["label"]: row["count"] for row in by_need["rows"]}
    assert counts[SPLD] == "c" and by_need["total"] == 8


def test_the_page_links_its_downloads_and_each_download_is_logged(app, client, session):
    world = world_with_pupils()
    adviser = PageClient(app, world.people["adviser_a"])
    page = adviser.get(f"/partnerships/{world.partnership_a.code}/sen-support")
    hrefs = [a["href"] for a in page.select("a")]
    assert any("sen-support.csv" in h for h in hrefs)
    assert any("sen-support.xlsx" in h for h in hrefs)
    adviser.raw("GET", f"/partnerships/{world.partnership_a.code}/sen-support.csv")
    logged = session.scalars(
        select(SecurityEvent).where(SecurityEvent.kind == "data_exported")
    ).all()
    assert [e.detail["what"] for e in logged] == [
        f"SEN support figures for {world.partnership_a.name} (CSV)"
    ]


def test_refusals_school_by_school_are_in_the_advisers_csv_but_not_the_leads(app, client):
    world = world_with_pupils()
    tables = {}
    for persona in ("adviser_a", "lead_a"):
        visitor = PageClient(app, world.people[persona])
        response = visitor.raw("GET", f"/partnerships/{world.partnership_a.code}/sen-support.csv")
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        tables[persona] = {row[0] for row in rows[1:]}
    refused = "EHC needs assessments refused this year"
    assert refused in tables["adviser_a"]
    assert refused not in tables["lead_a"]
    assert (
        "Requests for an EHC needs assessment this year, by the council's decision"
        in (tables["lead_a"])
    )
