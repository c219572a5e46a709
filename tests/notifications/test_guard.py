"""No email can carry pupil-level data: each kind takes only the personalisation it lists."""

from __future__ import annotations

import string

import pytest

from inclusion.notifications.kinds import (
    INVITATION,
    KINDS,
    PersonalisationRefused,
    check_personalisation,
)
from inclusion.notifications.models import OutboundEmail
from inclusion.notifications.services import send_email

PORTAL = "http://127.0.0.1:5000"


def invitation(**changes: str) -> dict[str, str]:
    values = {
        "name": "Sam Taylor",
        "role": "SENCO",
        "link": f"{PORTAL}/set-password/abc",
        "expires": "5 December 2026 at 5:30pm",
        "service_name": "Inclusion Portal",
        "council_name": "Somerset Council",
    }
    return values | changes


def test_a_key_the_kind_does_not_list_is_refused_and_nothing_is_recorded(session):
    with pytest.raises(PersonalisationRefused, match="cannot carry pupil_reference"):
        send_email(INVITATION, "a@school.example.org", invitation(pupil_reference="PTT-014"))
    assert session.query(OutboundEmail).count() == 0


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("name", "A123456789012", "unique pupil number"),
        ("role", "SENCO, see a123456789012", "unique pupil number"),
        ("link", "https://elsewhere.example.org/set-password/abc", "link to the portal"),
        ("name", "x" * 501, "at most 500"),
        ("name", "Sam\nBcc: everyone@example.org", "one line of text"),
    ],
)
def test_values_that_could_carry_pupil_data_or_lead_elsewhere_are_refused(key, value, problem):
    with pytest.raises(PersonalisationRefused, match=problem):
        check_personalisation(INVITATION, invitation(**{key: value}), PORTAL)


def test_a_school_named_for_its_pupils_is_still_a_school_name():
    values = invitation(role="SENCO at Taunton Pupil Referral Unit")
    assert check_personalisation(INVITATION, values, PORTAL)["role"].endswith("Referral Unit")


def test_a_missing_key_is_refused_rather_than_sent_with_a_gap():
    values = invitation()
    del values["expires"]
    with pytest.raises(PersonalisationRefused, match="needs expires"):
        check_personalisation(INVITATION, values, PORTAL)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kinds_wording_uses_only_the_keys_it_accepts(name):
    kind = KINDS[name]
    used = {
        match.group("braced")
        for text in (kind.subject, kind.body)
        for match in string.Template.pattern.finditer(text)
        if match.group("braced")
    }
    assert kind.keys <= used <= kind.allowed_keys
    assert kind.secret_keys <= kind.keys
    assert not {"pupil", "pupil_ref", "pupil_reference", "upn"} & kind.allowed_keys
