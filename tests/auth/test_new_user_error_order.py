"""The "Add a user" form's error summary lists its errors in the order the fields appear."""

from __future__ import annotations

from inclusion.auth.roles import Role
from tests.auth.factories import UserFactory


def test_the_error_summary_of_an_empty_new_user_form_follows_the_fields_order(client):
    admin = client.as_user(UserFactory.with_role(Role.ADMIN))
    page = admin.post("/admin/users/new", {"display_name": "", "email": "", "role": ""})
    summary = [a["href"] for a in page.select(".govuk-error-summary__list a")]
    fields_with_errors = [
        f"#{group.select_one('input, select')['id']}"
        for group in page.select("form .govuk-form-group--error")
    ]
    assert summary == ["#display_name", "#email", "#role"]
    assert summary == fields_with_errors
