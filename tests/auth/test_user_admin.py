"""Council administrators add people, give and take roles, and reissue links."""

from __future__ import annotations

from sqlalchemy import select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.notifications.models import OutboundEmail
from tests.auth.factories import UserFactory
from tests.pages import error_summary, normalised_text
from tests.schools.factories import PartnershipFactory, SchoolFactory


def admin_client(client):
    return client.as_user(UserFactory.with_role(Role.ADMIN))


def new_user_form(**overrides) -> dict:
    return {
        "display_name": "Priya Patel",
        "email": "Priya.Patel@School.example.org",
        "role": "senco",
        "school": "",
        "partnership": "",
    } | overrides


def test_an_administrator_adds_a_senco_who_is_emailed_an_invitation(app, client, session):
    school = SchoolFactory()
    admin = admin_client(client)
    admin.post("/admin/users/new", new_user_form(school=school.urn), status=302)
    user = session.scalar(select(User).where(User.email == "priya.patel@school.example.org"))
    assert admin.last_response.location == f"/admin/users/{user.id}"
    assert [(a.role, a.school_id) for a in user.roles] == [("senco", school.id)]
    assert user.password_hash is None
    [email] = session.scalars(select(OutboundEmail)).all()
    assert (email.kind, email.to_address, email.status) == ("invitation", user.email, "queued")
    account = normalised_text(admin.get(f"/admin/users/{user.id}"))
    assert "Last invitation Queued" in account
    app.extensions["job_runner"].run_pending()
    session.refresh(email)
    assert email.status == "sent" and email.backend == "outbox"  # the test app is in demo mode
    assert f"SENCO for {school.name}" in email.body and "/set-password/" in email.body


def test_a_school_role_without_a_school_is_refused_and_nothing_is_created(client, session):
    page = admin_client(client).post("/admin/users/new", new_user_form())
    assert error_summary(page) == ["Choose the school for the SENCO role"]
    assert session.scalar(select(User).where(User.email.like("priya%"))) is None


def test_an_email_already_in_use_in_another_case_is_refused(client):
    UserFactory(email="priya.patel@school.example.org")
    school = SchoolFactory()
    page = admin_client(client).post("/admin/users/new", new_user_form(school=school.urn))
    assert error_summary(page) == ["A user with this email address already exists"]


def test_a_malformed_email_is_refused_with_the_govuk_message(client):
    page = admin_client(client).post("/admin/users/new", new_user_form(email="not-an-email"))
    assert "Enter an email address in the correct format" in error_summary(page)[0]


def test_an_adviser_gets_a_second_partnership(client, session):
    first, second = PartnershipFactory(), PartnershipFactory()
    adviser = UserFactory.with_role(Role.ADVISER, partnership=first)
    admin = admin_client(client)
    form = {"role": "adviser", "partnership": second.code, "school": ""}
    admin.post(f"/admin/users/{adviser.id}/roles", form, status=302)
    session.expire_all()
    assert session.get(User, adviser.id).partnership_ids() == {first.id, second.id}


def test_a_partnership_lead_leads_only_one_partnership(client):
    first, second = PartnershipFactory(), PartnershipFactory()
    lead = UserFactory.with_role(Role.PARTNERSHIP_LEAD, partnership=first)
    form = {"role": "partnership_lead", "partnership": second.code, "school": ""}
    page = admin_client(client).post(f"/admin/users/{lead.id}/roles", form)
    assert error_summary(page) == ["A partnership lead leads one partnership only"]


def test_removing_a_role_takes_away_access_at_once(client, session):
    school = SchoolFactory()
    senco = UserFactory.with_role(Role.SENCO, school=school)
    senco_client = client.as_user(senco)
    senco_client.get(f"/schools/{school.urn}")
    admin_client(client).post(
        f"/admin/users/{senco.id}/roles/{senco.roles[0].id}/remove", status=302
    )
    senco_client.get(f"/schools/{school.urn}", status=404)


def test_deactivating_an_account_signs_the_person_out(client):
    person = UserFactory.with_role(Role.ADMIN)
    their_client = client.as_user(person)
    their_client.get("/dashboard")
    admin_client(client).post(f"/admin/users/{person.id}/status", status=302)
    their_client.get("/dashboard", status=302)


def test_the_user_list_shows_each_persons_roles(client):
    school = SchoolFactory(name="Quantock Primary School")
    UserFactory.with_role(Role.HEADTEACHER, school=school, display_name="Hana Head")
    text = normalised_text(admin_client(client).get("/admin/users/"))
    assert "Hana Head" in text
    assert "Headteacher (Quantock Primary School)" in text
