"""The EHC needs assessment evidence pack: its content read back from the PDF and the XLSX, the
child's name in the document and nowhere else, drafts, and refusals of bad input."""

from __future__ import annotations

import io
import logging

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from inclusion.extensions import db
from inclusion.graduated_response import incidents
from inclusion.graduated_response.ehc_models import EhcRequest
from tests.access import build_world
from tests.graduated_response.ehc_factories import FIRST, SECOND, ready_record, unready_record
from tests.graduated_response.factories import exclusion_input
from tests.pages import PageClient, error_summary, normalised_text

CHILD = "Zebedee Quillfeather-Nkemelu"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def staff_with(app, make=ready_record):
    """School A's SENCO and a record under PTT-001, the reference of the school's part-time
    timetable, with a suspension under the same reference."""
    world = build_world()
    senco = world.people["senco_a"]
    record = make(world.school_a, senco, pupil_ref="PTT-001")
    suspension = exclusion_input(pupil_ref="PTT-001", year_group="5", sen_status="sen_support")
    incidents.create_exclusion(world.school_a, suspension, senco)
    url = f"/schools/{world.school_a.urn}/records/sen-support/{record.id}/evidence-pack"
    return world, PageClient(app, senco), record, url


def download(client: PageClient, url: str, kind: str = "pdf", **form) -> bytes:
    data = {"child_name": CHILD, "format": kind} | form
    response = client.raw("POST", url, data=data)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


def test_the_pdf_holds_the_graduated_response_the_council_looks_at(app, client):
    _world, senco, _record, url = staff_with(app)
    text = pdf_text(download(senco, url))
    number = db.session.scalar(select(EhcRequest.number))
    assert f"Child's name: {CHILD}" in text and f"Evidence pack {number}" in text
    assert "Speech, language and communication needs (SLCN)" in text
    assert "Communication and interaction" in text and "English as an additional language" in text
    assert "Draft" not in text and text.count("Not met") == 0
    for start in (FIRST, SECOND):
        assert f"Outcome from {start.isoformat()}" in text
        assert f"Support from {start.isoformat()}" in text
    assert "Now in 3 of 5 lessons" in text and "Request an EHC needs assessment" in text
    assert "£170.00" in text and "£6,460.00" in text and "£6,000" in text
    assert "Educational psychology: NHS speech and language therapy service" in text
    assert "Assessed by ep. Outcomes set: Outcome from" in text
    assert "Early help: NHS speech and language therapy service" in text  # cycle 1 early help
    assert "The portal holds no attendance record for this pupil" in text
    assert "SEN: gradual introduction" in text  # the part-time timetable
    assert "Persistent disruptive behaviour" in text  # the suspension
    assert "I like the group" in text and "Reading at home is easier" in text
    assert "PTT-001" not in text  # the request number stands for the pupil


def test_the_spreadsheet_holds_the_same_pack_read_back_with_openpyxl(app, client):
    _, senco, _, url = staff_with(app)
    book = load_workbook(io.BytesIO(download(senco, url, "xlsx")))
    assert book.sheetnames == [
        "Summary",
        "Cycles and outcomes",
        "Provision",
        "Specialist advice",
        "Timetables and suspensions",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Child's name"] == CHILD
    assert summary["Meets the council's criteria"] == "Yes"
    assert summary["Additional provision a year (latest cycle)"] == 6460
    assert summary["Primary type of need"] == "Speech, language and communication needs (SLCN)"
    assert summary["Attendance"].startswith("The portal holds no attendance record")
    provision = list(book["Provision"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[10], row[11]) for row in provision] == [(1, 12.5, 475), (2, 170, 6460)]
    advice = list(book["Specialist advice"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in advice] == ["Early help", "Educational psychology"]
    records = [
        row[0] for row in book["Timetables and suspensions"].iter_rows(min_row=2, values_only=True)
    ]
    assert records == ["Part-time timetable", "Suspension"]
    outcomes = list(book["Cycles and outcomes"].iter_rows(min_row=2, values_only=True))
    assert [row[6] for row in outcomes] == ["Now in 3 of 5 lessons"] * 2


def test_the_childs_name_is_in_the_documents_and_nowhere_else(app, client, caplog):
    _world, senco, _, url = staff_with(app)
    caplog.set_level(logging.DEBUG)
    page = senco.get(url)
    form = page.select_one("form[action$='/evidence-pack']")
    assert form["method"] == "post" and "child_name" not in form["action"]
    assert page.select_one("#child_name")["autocomplete"] == "off"
    pdf = senco.raw("POST", url, data={"child_name": CHILD, "format": "pdf"})
    xlsx = senco.raw("POST", url, data={"child_name": CHILD, "format": "xlsx"})
    assert CHILD in pdf_text(pdf.data)
    for response in (pdf, xlsx):
        assert CHILD not in str(response.headers)
    assert CHILD not in caplog.text
    dump = [
        str(row)
        for table in db.metadata.sorted_tables
        for row in db.session.execute(select(table)).all()
    ]
    assert not [row for row in dump if CHILD in row or "Quillfeather" in row]
    assert any("evidence pack (PDF)" in row for row in dump)  # the security event, nameless
    assert db.session.scalar(select(db.func.count(EhcRequest.id))) == 1  # both: one request


def test_a_pack_short_of_the_criteria_is_refused_unless_asked_for_as_a_marked_draft(app, client):
    _, senco, _record, url = staff_with(app, unready_record)
    page = senco.get(url)
    assert normalised_text(page).count("Not met") == 3
    assert "does not yet meet the council's criteria" in normalised_text(page)
    page = senco.post(url, {"child_name": CHILD, "format": "pdf"})
    assert "does not meet the council's criteria" in error_summary(page)[0]
    assert "At least 2 reviewed" in error_summary(page)[0]
    assert page.select_one("#child_name")["value"] == CHILD  # kept on the page, not stored
    assert db.session.scalar(select(db.func.count(EhcRequest.id))) == 0
    text = pdf_text(download(senco, url, draft="y"))
    assert "Draft: this pack does not meet the council's criteria" in text
    assert "1 reviewed" in text and "0 with specialist advice" in text and "£475.00 a year" in text
    made = db.session.scalar(select(EhcRequest))
    assert made.criteria_met is False and "At least 2 reviewed" in made.criteria_unmet


def test_no_name_a_long_name_or_no_format_is_refused_and_nothing_recorded(app, client):
    _, senco, _, url = staff_with(app)
    for form, message in (
        ({"child_name": "  ", "format": "pdf"}, "Enter the child's name to put in the pack"),
        ({"child_name": "A" * 101, "format": "pdf"}, "in 100 characters or fewer"),
        ({"child_name": CHILD, "format": "docx"}, "Choose the PDF or the spreadsheet"),
    ):
        page = senco.post(url, form)
        assert message in error_summary(page)[0]
    assert db.session.scalar(select(db.func.count(EhcRequest.id))) == 0


def test_the_council_sets_its_own_criteria(app, client):
    _, senco, _, url = staff_with(app, unready_record)
    saved = {k: app.config[k] for k in ("EHC_MIN_REVIEWED_CYCLES", "EHC_MIN_SPECIALIST_CYCLES")}
    app.config.update(EHC_MIN_REVIEWED_CYCLES=1, EHC_MIN_SPECIALIST_CYCLES=0)
    app.config["EHC_PROVISION_AT_THRESHOLD"] = False
    try:
        text = normalised_text(senco.get(url))
    finally:
        app.config.update(saved, EHC_PROVISION_AT_THRESHOLD=True)
    assert "The record meets every one of the council's criteria" in text
    assert "At least 1 reviewed" in text and "notional SEN budget threshold" not in text
