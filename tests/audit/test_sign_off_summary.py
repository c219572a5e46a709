"""The headteacher's sign-off page: the summary, the declaration, and who signed off when."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import select

from inclusion.audit.models import Audit, AuditEvent
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.pages import PageClient, error_summary, normalised_text

SIGN_OFF = {"decision": "sign_off", "declaration": "y"}


def submitted(app, world, ratings=None) -> Audit:
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ratings or ALL_ESTABLISHED)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    return audit


def test_the_sign_off_page_shows_overall_and_section_results_weak_sections_and_the_gate(app, world):
    ratings = ALL_ESTABLISHED | {"LG1": 3, "LG2": 3, "CI-U1": 1, "CI-U2": 1, "CI-U4": 1}
    submitted(app, world, ratings | {"SD1": 0})
    page = PageClient(app, world.head).get(world.url("sign-off"))
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.select("#sign-off-sections tbody tr")
    ]
    assert rows == [
        ["Leadership and governance", "Embedded", "3.00"],
        ["Communication and interaction: Universal", "Emerging", "1.00"],
        ["Statutory duties", "Emerging", "1.00"],
    ]
    # Overall: the mean of 3, 1 and the statutory section capped at 1.
    assert "Overall: 1.67 out of 3." in normalised_text(page)
    weak = [li.get_text(" ", strip=True) for li in page.select("#weak-sections li")]
    assert weak == [
        "Communication and interaction: Universal: 1.00 (Emerging)",
        "Statutory duties: 1.00 (Emerging)",
    ]
    gate = normalised_text(page.select_one("#statutory-gate"))
    assert 'Not passed: 1 statutory standard is rated "Not yet in place"' in gate
    assert "SD1: The SEND Information Report is published" in gate
    assert "Capped sections: Statutory duties." in gate


def test_a_gate_passed_and_no_weak_section_are_said_plainly(app, world):
    submitted(app, world, {code: 3 for code in ALL_ESTABLISHED})
    page = normalised_text(PageClient(app, world.head).get(world.url("sign-off")))
    assert 'Every rated section is "Secure".' in page
    assert "Passed: no statutory standard is rated" in page


def test_signing_off_without_the_declaration_is_refused_and_changes_nothing(app, world, session):
    audit = submitted(app, world)
    page = PageClient(app, world.head).post(
        world.url("sign-off"), {"decision": "sign_off"}, status=200
    )
    assert error_summary(page) == ["Confirm that you have read the audit and that it is accurate"]
    assert page.select_one(".govuk-error-summary a")["href"] == "#declaration"
    assert page.title.get_text().startswith("Error: ")
    session.expire_all()
    assert session.get(Audit, audit.id).status == "submitted"


def test_returning_the_audit_needs_no_declaration(app, world, session):
    audit = submitted(app, world)
    PageClient(app, world.head).post(
        world.url("sign-off"), {"decision": "return", "comment": "Add evidence"}, status=302
    )
    session.expire_all()
    assert session.get(Audit, audit.id).status == "in_progress"


def signed_off_at(session, audit: Audit, when: datetime) -> None:
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.audit_id == audit.id, AuditEvent.event == "signed_off")
    )
    event.at = when
    session.flush()


def test_the_printed_results_say_who_signed_off_and_when_in_uk_time(app, world, session):
    audit = submitted(app, world)
    PageClient(app, world.head).post(world.url("sign-off"), SIGN_OFF, status=302)
    signed_off_at(session, audit, datetime(2026, 6, 4, 13, 5, tzinfo=UTC))  # 2:05pm BST
    page = PageClient(app, world.adviser).get(world.url("results"))
    expected = f"Signed off by {world.head.display_name} on 4 June 2026 at 2:05pm."
    assert normalised_text(page.select_one("#signed-off")) == expected


def test_the_spreadsheet_says_who_signed_off_and_when(app, world, session):
    audit = submitted(app, world)
    PageClient(app, world.head).post(world.url("sign-off"), SIGN_OFF, status=302)
    signed_off_at(session, audit, datetime(2026, 1, 15, 9, 30, tzinfo=UTC))  # GMT in winter
    client = PageClient(app, world.head)
    response = client.raw("GET", world.url("export.xlsx"))
    sheet = load_workbook(io.BytesIO(response.data))["Summary"]
    details = {row[0].value: row[1].value for row in sheet.iter_rows(max_col=2) if row[0].value}
    assert details["Signed off"] == f"By {world.head.display_name} on 15 January 2026 at 9:30am"


def test_a_reopened_audit_no_longer_says_it_is_signed_off(app, world):
    submitted(app, world)
    PageClient(app, world.head).post(world.url("sign-off"), SIGN_OFF, status=302)
    PageClient(app, world.adviser).post(world.url("reopen"), {"reason": "Recheck"}, status=302)
    page = PageClient(app, world.head).get(world.url("results"))
    expected = "Not yet signed off by the headteacher."
    assert normalised_text(page.select_one("#signed-off")) == expected
