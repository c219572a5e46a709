"""The audit and its results as an XLSX workbook: read back cell by cell with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from flask_login import login_user
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from werkzeug.exceptions import NotFound as HiddenFromYou

from inclusion.audit import lifecycle
from inclusion.audit.answers import AnswerInput, save_answer, standard_in
from inclusion.audit.export_views import XLSX_MIMETYPE, export
from inclusion.audit.exports import audit_workbook, sheet_name
from inclusion.audit.models import Audit
from inclusion.audit.moderation import Moderation, moderate
from inclusion.audit.plan import ActionChange, add_action
from inclusion.audit.results import results_for
from inclusion.audit.statuses import ActionStatus
from inclusion.audit.tree import framework_areas
from inclusion.auth.roles import Role
from inclusion.errors import NotFound
from inclusion.spreadsheets import safe_text
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.auth.factories import UserFactory
from tests.queries import counting_queries
from tests.schools.factories import SchoolFactory

AREA_HEADERS = [
    "Area",
    "Result",
    "Score",
    "Partnership median",
    "Council median",
    "Capped by statutory gate",
]
STANDARD_HEADERS = [
    "Code",
    "Standard",
    "Statutory",
    "Rating",
    "Not applicable reason",
    "Evidence",
    "Note",
    "Evidence links",
    "Moderation",
    "Moderated rating",
    "Last year's rating",
]
RATING_LIST = '"Not yet in place,Emerging,Established,Embedded,Not applicable"'
SUMMARY_TABLE_HEADER_ROW = 11


def workbook_of(app, audit: Audit) -> Workbook:
    with app.test_request_context():
        return load_workbook(BytesIO(audit_workbook(audit)))


def overall_of(app, audit: Audit) -> float | None:
    with app.test_request_context():
        return results_for(audit).overall


def areas_of(app, audit: Audit) -> dict[str, tuple[str, list[str]]]:
    """Area code: (title, standard codes), in framework order."""
    with app.test_request_context():
        areas = framework_areas(audit.framework_id)
        return {a.code: (a.title, [s.code for s in a.standards]) for a in areas}


def rate_everything(app, audit: Audit, rating: int) -> dict[str, int]:
    return {code: rating for _, codes in areas_of(app, audit).values() for code in codes}


def details(sheet: Worksheet) -> dict[str, object]:
    """The label: value lines above the summary's table."""
    return {
        row[0].value: row[1].value
        for row in sheet.iter_rows(max_row=SUMMARY_TABLE_HEADER_ROW - 2)
        if row[0].value
    }


def rows_of(sheet: Worksheet, header_row: int = 1) -> list[dict[str, object]]:
    lines = list(sheet.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(lines[0], line, strict=False)) for line in lines[1:]]


def by_code(sheet: Worksheet) -> dict[str, dict[str, object]]:
    return {row["Code"]: row for row in rows_of(sheet)}


def add(app, audit: Audit, description: str, owner: str = "", due: date | None = None) -> None:
    with app.test_request_context():
        add_action(audit, ActionChange(description, owner, due, ActionStatus.IN_PROGRESS))


def submit(app, audit: Audit, world) -> None:
    with app.test_request_context():
        lifecycle.submit(audit, world.senco)


@pytest.fixture
def answered(app, world) -> Audit:
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    return audit


def test_the_workbook_has_a_summary_a_sheet_per_area_and_the_actions(app, answered):
    areas = list(areas_of(app, answered))
    assert areas[:2] == ["LG", "CI-U"]
    assert workbook_of(app, answered).sheetnames == ["Summary", *areas, "Actions"]


def test_the_summary_names_the_school_year_status_framework_and_overall_score(app, world, answered):
    summary = details(workbook_of(app, answered)["Summary"])
    assert summary == {
        "School": world.school.name,
        "URN": world.school.urn,
        "Academic year": "2025/26",
        "Status": "In progress",
        "Framework version": 2,
        "Scores": "Provisional",
        "Scores taken on": "Provisional",
        "Overall score": overall_of(app, answered),
        "Signed off": "Not signed off",
    }
    assert summary["Overall score"] == 2.0


def test_the_summary_lists_each_area_in_a_filterable_table_under_a_frozen_header(app, answered):
    sheet = workbook_of(app, answered)["Summary"]
    areas = rows_of(sheet, SUMMARY_TABLE_HEADER_ROW)
    titles = [title for title, _ in areas_of(app, answered).values()]
    assert list(areas[0]) == AREA_HEADERS
    assert [(a["Area"], a["Result"], a["Score"]) for a in areas] == [
        (title, "Established", 2.0) for title in titles
    ]
    assert titles[:2] == ["Leadership and governance", "Communication and interaction: Universal"]
    assert {a["Partnership median"] for a in areas} == {"Not shown"}
    assert {a["Council median"] for a in areas} == {"Not shown"}
    assert {a["Capped by statutory gate"] for a in areas} == {"No"}
    assert sheet.freeze_panes == f"A{SUMMARY_TABLE_HEADER_ROW + 1}"
    (table,) = sheet.tables.values()
    assert table.ref == f"A{SUMMARY_TABLE_HEADER_ROW}:F{SUMMARY_TABLE_HEADER_ROW + len(titles)}"
    assert table.autoFilter is not None


def test_a_capped_area_says_so_in_the_summary(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"LG1": 0, "LG2": 3})
    areas = rows_of(workbook_of(app, audit)["Summary"], SUMMARY_TABLE_HEADER_ROW)
    assert (areas[0]["Result"], areas[0]["Score"]) == ("Emerging", 1.0)
    assert areas[0]["Capped by statutory gate"] == "Yes"


def test_each_area_sheet_lists_every_standard_with_its_rating(app, answered):
    book = workbook_of(app, answered)
    assert list(rows_of(book["LG"])[0]) == STANDARD_HEADERS
    for area, (_, codes) in areas_of(app, answered).items():
        rows = by_code(book[area])
        assert list(rows) == codes
        assert {row["Rating"] for row in rows.values()} == {"Established"}
        assert [row["Evidence"] for row in rows.values()] == [f"Evidence for {c}" for c in codes]
    leadership = by_code(book["LG"])
    assert list(by_code(book["CI-U"])) == ["CI-U1", "CI-U2", "CI-U4"]
    assert leadership["LG1"]["Standard"] == "Governors know their SEND duties"
    assert (leadership["LG1"]["Statutory"], leadership["LG2"]["Statutory"]) == ("Yes", "No")


def test_a_not_applicable_standard_shows_the_label_and_the_reason(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED | {"CI-U1": "na"})
    row = by_code(workbook_of(app, audit)["CI-U"])["CI-U1"]
    assert (row["Rating"], row["Not applicable reason"]) == ("Not applicable", "No such pupils")


def test_an_unanswered_standard_is_listed_as_not_answered(app, world):
    audit = begin(app, world)
    row = by_code(workbook_of(app, audit)["LG"])["LG2"]
    assert (row["Rating"], row["Evidence"]) == ("Not answered", None)


def test_a_standard_without_a_predecessor_is_new_and_not_comparable(app, answered):
    rows = by_code(workbook_of(app, answered)["CI-U"])
    assert rows["CI-U4"]["Last year's rating"] == "New, not comparable"
    assert rows["CI-U1"]["Last year's rating"] == "No audit"


def test_last_years_rating_and_unfinished_actions_come_from_last_years_audit(app, world):
    last = begin(app, world, world.last_year)
    ratings = rate_everything(app, last, 2) | {"LG1": 1, "LG2": 3}
    answer_all(app, last, world.senco, ratings)
    submit(app, last, world)
    book = workbook_of(app, begin(app, world))
    leadership = by_code(book["LG"])
    assert leadership["LG1"]["Last year's rating"] == "Emerging"
    assert leadership["LG2"]["Last year's rating"] == "Embedded"
    (carried,) = rows_of(book["Actions"])
    assert (carried["Description"], carried["Standard"]) == (
        "Brief governors on their SEND duties.",
        "LG1",
    )


def test_area_sheets_have_a_frozen_header_filters_and_a_rating_list(app, answered):
    book = workbook_of(app, answered)
    for name, (_, codes) in areas_of(app, answered).items():
        sheet, last_row = book[name], len(codes) + 1
        assert sheet.freeze_panes == "A2"
        (table,) = sheet.tables.values()
        assert table.ref == f"A1:K{last_row}"
        assert table.autoFilter is not None
        (rule,) = sheet.data_validations.dataValidation
        assert (rule.type, rule.formula1) == ("list", RATING_LIST)
        assert str(rule.sqref) == f"D2:D{last_row}"


def test_moderation_and_the_moderated_rating_are_shown(app, world, answered):
    submit(app, answered, world)
    with app.test_request_context():
        standard = standard_in(answered, "LG2")
        moderate(answered, standard, Moderation("challenge", 1, "Plan is silent"), world.adviser)
    row = by_code(workbook_of(app, answered)["LG"])["LG2"]
    assert (row["Moderation"], row["Moderated rating"]) == (
        "Challenged: Plan is silent",
        "Emerging",
    )


INJECTIONS = {
    "evidence": '=HYPERLINK("http://evil","x")',
    "note": "+1+1",
    "reason": "@SUM(A1)",
    "description": "-2+3",
    "owner": "=1+1",
    "school": "=cmd|' /C calc'!A0",
}


@pytest.fixture
def injected(app, world, session) -> Audit:
    world.school.name = INJECTIONS["school"]
    session.flush()
    audit = begin(app, world)
    with app.test_request_context():
        lg1 = AnswerInput(rating=2, evidence=INJECTIONS["evidence"], note=INJECTIONS["note"])
        save_answer(audit, standard_in(audit, "LG1"), lg1, None, world.senco)
        na = AnswerInput(not_applicable=True, not_applicable_reason=INJECTIONS["reason"])
        save_answer(audit, standard_in(audit, "CI-U1"), na, None, world.senco)
    add(app, audit, INJECTIONS["description"], INJECTIONS["owner"])
    return audit


def test_text_that_looks_like_a_formula_is_stored_as_quoted_plain_text(app, injected):
    book = workbook_of(app, injected)
    lg1, ciu1 = by_code(book["LG"])["LG1"], by_code(book["CI-U"])["CI-U1"]
    (action,) = rows_of(book["Actions"])
    assert lg1["Evidence"] == "'" + INJECTIONS["evidence"]
    assert lg1["Note"] == "'" + INJECTIONS["note"]
    assert ciu1["Not applicable reason"] == "'" + INJECTIONS["reason"]
    assert action["Description"] == "'" + INJECTIONS["description"]
    assert action["Owner"] == "'" + INJECTIONS["owner"]
    assert details(book["Summary"])["School"] == "'" + INJECTIONS["school"]


def test_no_cell_in_the_workbook_is_a_formula(app, injected):
    book = workbook_of(app, injected)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert cells
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    quoted = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] == "'"]
    assert {cell.data_type for cell in quoted} == {"s"}


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Plain text", "Plain text"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_safe_text_quotes_only_text_that_starts_like_a_formula(given, written):
    assert safe_text(given) == written


def test_sheet_names_follow_excels_rules():
    taken = {"summary", "actions"}
    assert sheet_name("CI-U", taken) == "CI-U"
    assert sheet_name("A/B:C[1]*?\\", taken) == "A-B-C-1----"
    assert sheet_name("X" * 40, taken) == "X" * 31
    assert sheet_name("X" * 40, taken) == "X" * 27 + " (2)"
    assert sheet_name("Summary", taken) == "Summary (2)"


def test_an_actions_due_date_is_a_real_excel_date(app, answered):
    add(app, answered, "Train all staff", "SENCO", date(2026, 3, 31))
    add(app, answered, "Review the plan")
    sheet = workbook_of(app, answered)["Actions"]
    dated, undated = rows_of(sheet)
    assert dated == {
        "Description": "Train all staff",
        "Standard": None,
        "Owner": "SENCO",
        "Due date": datetime(2026, 3, 31),
        "Status": "In progress",
    }
    assert sheet["D2"].is_date and "yyyy" in sheet["D2"].number_format
    assert undated["Due date"] is None
    assert sheet.freeze_panes == "A2"


def test_an_audit_with_no_actions_still_has_an_actions_table(app, answered):
    sheet = workbook_of(app, answered)["Actions"]
    (table,) = sheet.tables.values()
    assert [column.name for column in table.tableColumns] == [
        "Description",
        "Standard",
        "Owner",
        "Due date",
        "Status",
    ]


def test_a_submitted_audit_read_back_shows_the_snapshot_stage_and_date(app, world, answered):
    submit(app, answered, world)
    summary = details(workbook_of(app, answered)["Summary"])
    snapshot = answered.latest_snapshot
    assert (summary["Status"], summary["Scores"]) == ("Submitted", "Submitted")
    assert summary["Scores taken on"] == datetime.combine(
        snapshot.taken_at.date(), datetime.min.time()
    )
    assert summary["Overall score"] == overall_of(app, answered) == snapshot.overall_score


def test_a_signed_off_audit_shows_the_sign_off_stage(app, world, answered):
    submit(app, answered, world)
    with app.test_request_context():
        lifecycle.sign_off(answered, world.head)
    summary = details(workbook_of(app, answered)["Summary"])
    assert (summary["Status"], summary["Scores"]) == ("Signed off", "Signed off")


def test_the_export_takes_the_same_number_of_queries_however_many_actions(app, answered):
    add(app, answered, "First action")
    with counting_queries(app) as few:
        workbook_of(app, answered)
    for number in range(5):
        add(app, answered, f"Action {number}")
    with counting_queries(app) as many:
        workbook_of(app, answered)
    assert few.count == many.count > 0


def test_the_download_is_an_xlsx_attachment_that_is_not_cached(app, world, answered):
    with app.test_request_context():
        login_user(world.head)
        response = export(urn=world.school.urn, year=world.slug)
    assert response.status_code == 200
    assert response.mimetype == XLSX_MIMETYPE
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="inclusion-audit-{world.school.urn}-2025-26.xlsx"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    book = load_workbook(BytesIO(response.get_data()))
    assert book.sheetnames == ["Summary", *areas_of(app, answered), "Actions"]


def test_someone_from_another_school_is_told_the_audit_does_not_exist(app, world, answered):
    stranger = UserFactory.with_role(Role.SENCO, school=SchoolFactory())
    with app.test_request_context(), pytest.raises(HiddenFromYou):
        login_user(stranger)
        export(urn=world.school.urn, year=world.slug)


def test_a_year_without_an_audit_is_not_found(app, world, answered):
    with app.test_request_context(), pytest.raises(NotFound):
        login_user(world.senco)
        export(urn=world.school.urn, year="2024-25")
