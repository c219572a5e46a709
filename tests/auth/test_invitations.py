"""Inviting people from a CSV: checked in full, previewed, confirmed, emailed through a real
SMTP server; people who have not accepted are listed and can be sent a new invitation."""

from __future__ import annotations

import io
import re

from flask import current_app
from sqlalchemy import func, select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.extensions import db
from inclusion.graduated_response import records
from inclusion.notifications.models import OutboundEmail
from inclusion.security.models import SecurityEvent
from tests.auth.factories import UserFactory
from tests.email_fixtures import runner
from tests.graduated_response.factories import timetable_input
from tests.pages import PageClient, normalised_text
from tests.schools.factories import PartnershipFactory, SchoolFactory

HEADER = "email,name,role,school_urn,partnership_code\n"
LINK = re.compile(r"http://127\.0\.0\.1:5000(/set-password/\S+)")
PASSWORD = "a long and memorable passphrase"


def upload(client: PageClient, text: str, status: int = 200):
    data = {"file": (io.BytesIO(text.encode()), "people.csv")}
    return client.post(
        "/admin/invitations/new", data, status=status, content_type="multipart/form-data"
    )


def problems(page) -> list[tuple[str, str]]:
    table = page.select_one("#invitation-problems + p + table")
    return [
        tuple(cell.get_text(strip=True) for cell in row.select("td"))
        for row in table.select("tbody tr")
    ]


def people_count() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_a_council_list_is_previewed_confirmed_and_each_new_person_emailed(smtp_app, smtp_server):
    school, partnership = SchoolFactory(), PartnershipFactory()
    UserFactory(email="already@school.example.org")
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    text = HEADER + (
        f"Ann.Lee@School.example.org,Ann Lee,SENCO,{school.urn},\n"
        f"bo@school.example.org,Bo Ray,headteacher,{school.urn},\n"
        f"cy@council.example.org,Cy Doe,Inclusion adviser,,{partnership.code.lower()}\n"
        "already@school.example.org,Al Ready,senco," + school.urn + ",\n"
    )
    preview = upload(admin, text)
    assert preview.h1.get_text(strip=True) == "Check the people to invite"
    page_text = normalised_text(preview)
    assert "ann.lee@school.example.org" in page_text and partnership.name in page_text
    assert "Already have an account (left out)" in page_text and "already@school" in page_text
    assert db.session.query(OutboundEmail).count() == 0  # nothing sent before confirming

    csv_text = preview.select_one("input[name=csv_text]")["value"]
    admin.post("/admin/invitations/confirm", {"csv_text": csv_text}, status=302)
    assert admin.last_response.location == "/admin/invitations/"
    runner(smtp_app).run_pending()

    addresses = sorted(r for m in smtp_server.received for r in m.recipients)
    assert addresses == [
        "ann.lee@school.example.org",
        "bo@school.example.org",
        "cy@council.example.org",
    ]
    [ann] = smtp_server.wait_for("ann.lee@school.example.org")
    assert ann.message["Subject"] == "You have been invited to the Inclusion Portal"
    assert f"SENCO for {school.name}" in ann.body
    pending = normalised_text(admin.get("/admin/invitations/"))
    assert "Ann Lee" in pending and "Sent" in pending and "Al Ready" not in pending

    visitor = PageClient(smtp_app)
    path = LINK.search(ann.body).group(1)
    visitor.post(path, {"password": PASSWORD, "confirm": PASSWORD}, status=302)
    assert "Ann Lee" not in normalised_text(admin.get("/admin/invitations/"))
    imported = db.session.scalar(select(SecurityEvent).where(SecurityEvent.kind == "data_imported"))
    assert imported.detail["source"] == "invitations" and imported.detail["succeeded"] == "True"


def test_a_file_without_the_columns_is_refused_at_its_first_line(smtp_app):
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    before = people_count()
    page = upload(admin, "email,name\nann@school.example.org,Ann\n")
    assert problems(page) == [
        (
            "1",
            "The first line must name the columns email, name, role, school_urn, partnership_code",
        )
    ]
    assert page.title.get_text().startswith("Error: ")
    assert people_count() == before


def test_every_bad_row_is_reported_with_its_line_and_nobody_is_invited(smtp_app, smtp_server):
    school, partnership = SchoolFactory(), PartnershipFactory()
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    before = people_count()
    text = HEADER + (
        f"good@school.example.org,Good Person,senco,{school.urn},\n"
        "not-an-email,Bad Email,senco," + school.urn + ",\n"
        "nourn@school.example.org,No School,headteacher,,\n"
        "unknown@school.example.org,Unknown School,senco,999999,\n"
        "GOOD@school.example.org,Good Again,senco," + school.urn + ",\n"
        "role@school.example.org,Odd Role,caretaker,,\n"
        "lead@school.example.org,Lead,partnership lead,,ZZZ\n"
        f"both@school.example.org,Both,senco,{school.urn},{partnership.code}\n"
        f"admin@council.example.org,Admin,admin,{school.urn},\n"
        "noname@school.example.org,,senco," + school.urn + ",\n"
        f'twoline@school.example.org,"Two\nLines",senco,{school.urn},\n'
    )
    page = upload(admin, text)
    assert problems(page) == [
        ("3", "not-an-email is not an email address in the correct format"),
        ("4", "A Headteacher needs the school's URN"),
        ("5", "There is no school with URN 999999"),
        ("6", "good@school.example.org is also on line 2"),
        (
            "7",
            "The role must be one of: SENCO, Headteacher, Inclusion adviser, "
            "Partnership lead, Council administrator, Council inclusion officer",
        ),
        ("8", "There is no partnership with code ZZZ"),
        ("9", "A SENCO belongs to a school: leave the partnership code blank"),
        ("10", "A Council administrator covers the whole council: leave URN and code blank"),
        ("11", "Enter the person's name"),
        ("12", "The name must be on one line"),
    ]
    assert "Nobody was invited" in normalised_text(page)
    assert people_count() == before
    assert db.session.query(OutboundEmail).count() == 0


def test_a_file_whose_people_all_have_accounts_invites_nobody(smtp_app):
    UserFactory(email="already@school.example.org")
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    page = upload(admin, HEADER + "already@school.example.org,Al,admin,,\n")
    assert problems(page) == [("", "The file has nobody new to invite")]


def test_a_confirmation_is_checked_again_and_refused_whole(smtp_app):
    school = SchoolFactory()
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    before = people_count()
    tampered = (
        HEADER
        + f"a@school.example.org,A,senco,{school.urn},\nb@school.example.org,B,senco,123456,\n"
    )
    page = admin.post("/admin/invitations/confirm", {"csv_text": tampered})
    assert ("3", "There is no school with URN 123456") in problems(page)
    assert people_count() == before


def test_a_resent_invitation_has_a_new_link_and_the_old_one_stops_working(smtp_app, smtp_server):
    admin_user = UserFactory.with_role(Role.ADMIN)
    admin = PageClient(smtp_app, admin_user)
    school = SchoolFactory()
    preview = upload(admin, HEADER + f"ann@school.example.org,Ann,senco,{school.urn},\n")
    admin.post(
        "/admin/invitations/confirm",
        {"csv_text": preview.select_one("input[name=csv_text]")["value"]},
        status=302,
    )
    runner(smtp_app).run_pending()
    ann = db.session.scalar(select(User).where(User.email == "ann@school.example.org"))

    admin.post(f"/admin/invitations/{ann.id}/resend", status=302)
    runner(smtp_app).run_pending()
    first, second = smtp_server.wait_for(ann.email, count=2)
    old_path, new_path = (LINK.search(m.body).group(1) for m in (first, second))
    assert old_path != new_path
    visitor = PageClient(smtp_app)
    visitor.get(old_path, status=410)
    visitor.get(new_path)


def test_no_invitation_or_reset_email_holds_a_pupil_reference(smtp_app, smtp_server):
    school = SchoolFactory()
    senco = UserFactory.with_role(Role.SENCO, school=school)
    with current_app.test_request_context():
        records.create_timetable(school, timetable_input(pupil_ref="PTT-777"), senco)
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    preview = upload(admin, HEADER + f"new@school.example.org,New SENCO,senco,{school.urn},\n")
    admin.post(
        "/admin/invitations/confirm",
        {"csv_text": preview.select_one("input[name=csv_text]")["value"]},
        status=302,
    )
    PageClient(smtp_app).raw("POST", "/forgot-password", data={"email": senco.email})
    runner(smtp_app).run_pending()
    assert len(smtp_server.received) == 2
    for message in smtp_server.received:
        assert "PTT-777" not in message.message.as_string()


def test_a_council_sized_list_is_checked_and_saved_without_looking_people_up_one_by_one(
    smtp_app,
):
    """The SELECTs a confirmation issues do not grow with the number of people."""
    from tests.queries import counting_queries

    school = SchoolFactory()
    admin = PageClient(smtp_app, UserFactory.with_role(Role.ADMIN))
    selects = []
    for size, start in ((10, 0), (300, 10)):
        text = HEADER + "".join(
            f"p{n}@school.example.org,Person {n},senco,{school.urn},\n"
            for n in range(start, start + size)
        )
        with counting_queries(smtp_app) as queries:
            admin.post("/admin/invitations/confirm", {"csv_text": text}, status=302)
        selects.append(sum(q.lstrip().upper().startswith("SELECT") for q in queries.statements))
    assert selects[0] == selects[1]
    assert db.session.query(OutboundEmail).count() == 310
    assert len(runner(smtp_app).pending) == 310
