"""Messages that follow the audit's lifecycle, moderation and pairings, and email settings."""

from __future__ import annotations

from datetime import date

from inclusion.area_partnerships import support_pairings
from inclusion.area_partnerships.scope import Scope
from inclusion.audit import lifecycle, moderation
from inclusion.audit.answers import standard_in
from inclusion.auth.roles import Role
from inclusion.round.preferences import save_preferences
from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.auth.factories import UserFactory
from tests.pages import PageClient, normalised_text
from tests.round.helpers import emails
from tests.schools.factories import MembershipFactory


def submitted(app, world):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    lifecycle.submit(audit, world.senco)
    return audit


def test_submitting_asks_the_headteacher_to_sign_off_with_a_link_to_the_page(app, world):
    submitted(app, world)
    [email] = emails("audit_submitted")
    assert email.to_address == world.head.email
    assert email.personalisation["audit_link"].endswith(f"{world.url('sign-off')}")


def test_a_returned_audit_tells_the_senco_why(app, world):
    audit = submitted(app, world)
    lifecycle.return_to_senco(audit, world.head, "Add evidence for\nthe staff training standard")
    [email] = emails("audit_returned")
    assert email.to_address == world.senco.email
    assert email.personalisation["comment"] == "Add evidence for the staff training standard"


def test_signing_off_tells_the_partnerships_advisers_it_awaits_review(app, world):
    elsewhere = MembershipFactory(academic_year=world.year).partnership
    other_adviser = UserFactory.with_role(Role.ADVISER, partnership=elsewhere)
    audit = submitted(app, world)
    lifecycle.sign_off(audit, world.head)
    assert [e.to_address for e in emails("audit_signed_off")] == [world.adviser.email]
    assert other_adviser.email not in {e.to_address for e in emails()}


def test_a_challenged_rating_tells_the_school_once(app, world):
    audit = submitted(app, world)
    challenge = moderation.Moderation("challenge", 1, "The evidence shows emerging practice")
    with app.test_request_context():
        moderation.moderate(audit, standard_in(audit, "LG1"), challenge, world.adviser)
        moderation.moderate(audit, standard_in(audit, "LG1"), challenge, world.adviser)
        agree = moderation.Moderation("agree", None, "")
        moderation.moderate(audit, standard_in(audit, "LG2"), agree, world.adviser)
    told = sorted(e.to_address for e in emails("rating_challenged"))
    assert told == sorted([world.senco.email, world.head.email])
    assert "LG1" in emails("rating_challenged")[0].personalisation["standard"]


def test_a_pairing_tells_both_schools_sencos(app, world):
    other = MembershipFactory(academic_year=world.year, partnership=world.partnership).school
    other_senco = UserFactory.with_role(Role.SENCO, school=other)
    given = support_pairings.PairingInput(
        other.urn, world.school.urn, "LG1", date(2025, 10, 1), date(2026, 3, 31), "planned"
    )
    support_pairings.record_pairing(Scope(world.year, world.partnership), given, world.adviser)
    told = {e.to_address: e.personalisation for e in emails("pairing_recorded")}
    assert set(told) == {world.senco.email, other_senco.email}
    assert told[world.senco.email]["other_school"] == other.name
    assert told[world.senco.email]["start_date"] == "1 October 2025"


def test_a_headteacher_who_turned_sign_off_requests_off_gets_none(app, world):
    save_preferences(world.head, [])
    submitted(app, world)
    assert emails("audit_submitted") == []


def test_the_email_settings_page_turns_a_kind_off_and_leaves_security_emails_on(app, world):
    page = PageClient(app, world.head)
    form = page.get("/account/email-settings/")
    boxes = [box["name"] for box in form.select("input[type=checkbox]")]
    assert "audit_submitted" in boxes and "password_reset" not in boxes
    assert "Password reset" in normalised_text(form)
    wanted = {name: "y" for name in boxes if name != "audit_submitted"}
    page.post("/account/email-settings/", wanted, status=302)
    again = page.get("/account/email-settings/")
    assert not again.select_one("input[name=audit_submitted]").has_attr("checked")
    assert again.select_one("input[name=audit_opened]").has_attr("checked")
    submitted(app, world)
    assert emails("audit_submitted") == []
