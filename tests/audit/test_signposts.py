"""The audit's task list offers each next step only to the people who may take it."""

from __future__ import annotations

import pytest

from tests.audit.conftest import ALL_ESTABLISHED, answer_all, begin
from tests.pages import PageClient, normalised_text

STEPS = ("Sign off or return the audit", "Reopen the audit", "Mark as reviewed")


def signed_off(app, world) -> None:
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    PageClient(app, world.head).post(world.url("sign-off"), {"decision": "sign_off"}, status=302)


def steps_seen(app, user, url: str) -> set[str]:
    text = normalised_text(PageClient(app, user).get(url))
    return {step for step in STEPS if step in text}


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("senco", set()),
        ("head", set()),
        ("adviser", {"Reopen the audit", "Mark as reviewed"}),
        ("admin", {"Reopen the audit"}),
    ],
)
def test_a_signed_off_audit_offers_reopening_and_review_only_to_whom_may(
    app, world, session, person, expected
):
    signed_off(app, world)
    assert steps_seen(app, getattr(world, person), world.url()) == expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("senco", set()),
        ("head", {"Sign off or return the audit"}),
        ("adviser", {"Reopen the audit"}),
    ],
)
def test_a_submitted_audit_offers_sign_off_only_to_the_headteacher(
    app, world, session, person, expected
):
    audit = begin(app, world)
    answer_all(app, audit, world.senco, ALL_ESTABLISHED)
    PageClient(app, world.senco).post(world.url("submit"), status=302)
    assert steps_seen(app, getattr(world, person), world.url()) == expected
