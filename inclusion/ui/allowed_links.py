"""May the signed-in person use a link or button? The view's own permission decides.

Templates ask `may_open("audit_review.reopen", urn=school.urn, year=slug)` before showing a
link or a form's button: the answer comes from the permission the view declares (its
decorator in `inclusion/permissions.py`) and the same target loaded from the same URL
arguments, so a page never shows anyone a link that would answer 403 or 404.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g
from flask_login import current_user

from inclusion.errors import NotFound
from inclusion.extensions import db
from inclusion.permissions import (
    PERMISSION_ATTRIBUTE,
    TARGET_LOADER_ATTRIBUTE,
    Action,
    can,
    schools_visible_to,
)
from inclusion.schools.models import School

_CACHE = "_may_open_answers"
_VISIBLE_URNS = "_may_open_visible_urns"
# Actions whose rule is "may see the school's pages": answered for a whole list of schools
# from the one query `schools_visible_to`, so a table of schools costs no query per row.
_SEEING_A_SCHOOL = (Action.VIEW_SCHOOL, Action.VIEW_AUDIT)


def may_open(endpoint: str, **values: Any) -> bool:
    """True when the current person would be let through the view at `endpoint`."""
    view = current_app.view_functions.get(endpoint)
    permission = getattr(view, PERMISSION_ATTRIBUTE, None)
    if permission == "public":
        return True
    if permission is None or not current_user.is_authenticated:
        return False
    if permission == "signed_in":
        return current_user.is_active
    if permission not in set(Action):
        return False
    if Action(permission) in _SEEING_A_SCHOOL and "urn" in values:
        return current_user.is_active and values["urn"] in _visible_urns()
    loader = getattr(view, TARGET_LOADER_ATTRIBUTE, None)
    key = (permission, loader, values.get("urn"), values.get("code"))
    answers: dict = g.setdefault(_CACHE, {})
    if key not in answers:
        answers[key] = _allowed(Action(permission), loader, values)
    return answers[key]


def _allowed(action: Action, loader: Any, values: dict[str, Any]) -> bool:
    target = None
    if loader is not None:
        try:
            _, target = loader(dict(values))
        except (NotFound, KeyError):
            return False
    return can(current_user, action, target)


def _visible_urns() -> set[str]:
    if _VISIBLE_URNS not in g:
        query = schools_visible_to(current_user).with_only_columns(School.urn).order_by(None)
        setattr(g, _VISIBLE_URNS, set(db.session.scalars(query)))
    return getattr(g, _VISIBLE_URNS)
