"""The one permission policy: who may see or change what.

Views declare their permission with an intent-named decorator; list queries call the
`*_visible_to` functions. A meta-test fails on any endpoint with no declared permission.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from flask import abort, current_app
from flask_login import current_user
from sqlalchemy import Select, select

from inclusion.auth.models import User
from inclusion.auth.roles import Role
from inclusion.errors import Forbidden
from inclusion.extensions import db
from inclusion.schools.models import AreaInclusionPartnership, PartnershipMembership, School

PERMISSION_ATTRIBUTE = "permission"
# The function that loads a view's target from its URL arguments, so a template can ask
# whether a link to that view would be allowed (`ui/template_helpers.may_open`).
TARGET_LOADER_ATTRIBUTE = "permission_target_loader"


class Action(StrEnum):
    VIEW_SCHOOL = "view_school"
    VIEW_PUPIL_RECORDS = "view_pupil_records"
    VIEW_PARTNERSHIP = "view_partnership"
    MANAGE_PARTNERSHIPS = "manage_partnerships"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    EDIT_AUDIT = "edit_audit"
    SUBMIT_AUDIT = "submit_audit"
    SIGN_OFF_AUDIT = "sign_off_audit"
    MODERATE_AUDIT = "moderate_audit"
    REOPEN_AUDIT = "reopen_audit"
    IMPORT_DATA = "import_data"
    VIEW_AREA_FIGURES = "view_area_figures"
    VIEW_COUNCIL_FIGURES = "view_council_figures"
    VIEW_SCHOOL_LEVEL_FIGURES = "view_school_level_figures"
    VIEW_DELETED_RECORDS = "view_deleted_records"
    NOTIFY_COUNCIL = "notify_council"
    EDIT_SCHOOL_WEEK = "edit_school_week"
    VIEW_NOTIFIED_RECORDS = "view_notified_records"
    ALLOW_PAST_SUSPENSION_LIMIT = "allow_past_suspension_limit"
    VIEW_UNSUPPRESSED_COUNTS = "view_unsuppressed_counts"
    MANAGE_ROUND = "manage_round"
    REMIND_SCHOOL = "remind_school"
    REMIND_PARTNERSHIP = "remind_partnership"
    DOWNLOAD_GOVERNORS_REPORT = "download_governors_report"
    DECIDE_EHC_REQUESTS = "decide_ehc_requests"
    VIEW_PAIRINGS = "view_pairings"
    PLAN_SUPPORT = "plan_support"


def can(user: User | Any, action: Action, target: Any = None) -> bool:
    """True when `user` may perform `action` on `target` (a School, a partnership or None)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = _RULES.get(action)
    return bool(rule and rule(user, target))


def _is_admin(user: User, target: Any = None) -> bool:
    return user.is_admin


def _reads_council(user: User, target: Any = None) -> bool:
    """Council staff (administrators, inclusion officers) and council-wide API keys."""
    return (
        user.is_admin
        or user.has_role(Role.INCLUSION_OFFICER)
        or getattr(user, "is_council_wide", False)
    )


def _may_edit_audit(user: User, school: School) -> bool:
    """Staff of the school; or a read-write API key that covers it (a council data team)."""
    if getattr(user, "may_write", False):
        return _advises_school(user, school)
    return _works_at(user, school)


def _works_at(user: User, school: School) -> bool:
    return school.id in user.school_ids()


def _advises_school(user: User, school: School) -> bool:
    advised = user.partnership_ids(Role.ADVISER)
    return bool(advised) and bool(advised & current_partnership_ids_of(school))


def _may_view_school(user: User, school: School) -> bool:
    return _is_admin(user) or _works_at(user, school) or _advises_school(user, school)


def _is_senco_of(user: User, school: School) -> bool:
    return school.id in user.school_ids(Role.SENCO)


def _is_headteacher_of(user: User, school: School) -> bool:
    return school.id in user.school_ids(Role.HEADTEACHER)


def _may_download_governors_report(user: User, school: School) -> bool:
    """The school's headteacher and SENCO, for their board; the partnership's advisers, who
    already see the school's results. Not administrators: the report is the school's."""
    return (
        _is_headteacher_of(user, school)
        or _is_senco_of(user, school)
        or _advises_school(user, school)
    )


def _may_reopen(user: User, school: School) -> bool:
    return _is_admin(user) or _advises_school(user, school)


def _is_inclusion_officer(user: User, target: Any = None) -> bool:
    return user.has_role(Role.INCLUSION_OFFICER)


def _sees_unsuppressed_counts(user: User, target: Any = None) -> bool:
    """Suppression protects publication: council staff see their own council's real counts
    on the council dashboard pages. Partnership leads (heads of other schools), API keys and
    every export keep suppression. Administrators and the council's inclusion officers."""
    return user.is_admin or _is_inclusion_officer(user)


def _may_view_partnership(user: User, partnership: AreaInclusionPartnership) -> bool:
    return _is_admin(user) or partnership.id in user.partnership_ids()


_RULES: dict[Action, Callable[[User, Any], bool]] = {
    Action.VIEW_SCHOOL: _may_view_school,
    # Pupil-level records never leave their school: not even administrators see them.
    Action.VIEW_PUPIL_RECORDS: _works_at,
    Action.VIEW_PARTNERSHIP: _may_view_partnership,
    Action.MANAGE_PARTNERSHIPS: _is_admin,
    Action.MANAGE_USERS: _is_admin,
    Action.VIEW_AUDIT: _may_view_school,
    Action.EDIT_AUDIT: _may_edit_audit,
    Action.SUBMIT_AUDIT: _is_senco_of,
    Action.SIGN_OFF_AUDIT: _is_headteacher_of,
    Action.MODERATE_AUDIT: _advises_school,
    Action.REOPEN_AUDIT: _may_reopen,
    Action.IMPORT_DATA: _is_admin,
    Action.VIEW_COUNCIL_FIGURES: _reads_council,
    # Advisers and administrators see each school's audit results; partnership leads see
    # the partnership's aggregates only.
    Action.VIEW_SCHOOL_LEVEL_FIGURES: lambda user, p=None: (
        user.is_admin or (p is not None and p.id in user.partnership_ids(Role.ADVISER))
    ),
    Action.VIEW_AREA_FIGURES: lambda user, target=None: (
        user.is_admin or bool(user.partnership_ids())
    ),
    Action.VIEW_DELETED_RECORDS: _is_admin,
    # The school tells the council; the council's inclusion officers read what they were told
    # (pupil-level, pseudonymous). Administrators and partnership people do not.
    Action.NOTIFY_COUNCIL: _works_at,
    Action.EDIT_SCHOOL_WEEK: lambda user, school: _is_admin(user) or _works_at(user, school),
    Action.VIEW_NOTIFIED_RECORDS: _is_inclusion_officer,
    Action.ALLOW_PAST_SUSPENSION_LIMIT: _is_admin,
    Action.VIEW_UNSUPPRESSED_COUNTS: _sees_unsuppressed_counts,
    # The audit window: when the round opens and is due, for every school.
    Action.MANAGE_ROUND: _is_admin,
    # Chasing a school that has not submitted is the adviser's job for their partnerships.
    Action.REMIND_SCHOOL: _advises_school,
    Action.REMIND_PARTNERSHIP: lambda user, p: p.id in user.partnership_ids(Role.ADVISER),
    Action.DOWNLOAD_GOVERNORS_REPORT: _may_download_governors_report,
    # The council's inclusion officers record its decision on a request for an EHC needs
    # assessment; they see the school and the request number, never the pupil.
    Action.DECIDE_EHC_REQUESTS: _is_inclusion_officer,
    # Setting-to-setting support (docs/decisions/0005): the partnership's advisers plan it
    # (whom to ask, pairings, outcomes); its leads see which schools are paired, nothing more.
    Action.PLAN_SUPPORT: lambda user, p: (
        user.is_admin or p.id in user.partnership_ids(Role.ADVISER)
    ),
    Action.VIEW_PAIRINGS: _may_view_partnership,
}


def current_partnership_ids_of(school: School) -> set[int]:
    from inclusion.schools.services import current_year

    year = current_year()
    if year is None:
        return set()
    query = select(PartnershipMembership.partnership_id).where(
        PartnershipMembership.school_id == school.id,
        PartnershipMembership.academic_year_id == year.id,
    )
    return set(db.session.scalars(query))


def schools_visible_to(user: User) -> Select:
    """A query of the schools whose pages `user` may open."""
    query = select(School).order_by(School.name)
    if user.is_admin:
        return query
    from inclusion.schools.services import current_year

    year = current_year()
    advised = user.partnership_ids(Role.ADVISER)
    via_partnership = select(PartnershipMembership.school_id).where(
        PartnershipMembership.partnership_id.in_(advised),
        PartnershipMembership.academic_year_id == (year.id if year else None),
    )
    return query.where(School.id.in_(user.school_ids()) | School.id.in_(via_partnership))


def partnerships_visible_to(user: User) -> Select:
    query = select(AreaInclusionPartnership).order_by(AreaInclusionPartnership.name)
    if user.is_admin:
        return query
    return query.where(AreaInclusionPartnership.id.in_(user.partnership_ids()))


# ---- view decorators, named for intent -------------------------------------------------


def _declare(view: Callable, permission: str) -> Callable:
    setattr(view, PERMISSION_ATTRIBUTE, permission)
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not (sign-in, accessibility statement, health check)."""
    return _declare(view, "public")


def signed_in(view: Callable) -> Callable:
    """Any signed-in person; the view shows only what their roles allow."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return _unauthorized()
        return view(*args, **kwargs)

    return _declare(wrapper, "signed_in")


def _unauthorized() -> Any:
    """The sign-in page for people; 401 for API clients, which cannot follow it."""
    from inclusion.api import is_api_request

    if is_api_request():
        abort(401)
    return current_app.login_manager.unauthorized()


TargetLoader = Callable[[dict[str, Any]], tuple[str, Any]]


def requires(
    action: Action, load_target: TargetLoader | None = None, refusal: str | None = None
) -> Callable:
    """Signed in and allowed `action` on the target loaded from the URL.

    The loader turns URL arguments into the target (a missing one is 404), and the view
    receives the loaded object instead of the raw argument. A person who may not even see
    the target also gets 404, so a URL never confirms that another school's record exists;
    one who may see it but not do this gets 403 with the `refusal` message.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _unauthorized()
            target = None
            if load_target is not None:
                name, target = load_target(kwargs)
                kwargs[name] = target
            _check(action, target, refusal)
            return view(*args, **kwargs)

        setattr(wrapper, TARGET_LOADER_ATTRIBUTE, load_target)
        return _declare(wrapper, action.value)

    return decorate


def _check(action: Action, target: Any, refusal: str | None) -> None:
    if can(current_user, action, target):
        return
    if target is not None and not _can_see(target):
        abort(404)
    raise Forbidden(refusal or "Your account does not give you access to this page.")


def _can_see(target: Any) -> bool:
    if isinstance(target, School):
        return can(current_user, Action.VIEW_SCHOOL, target)
    return can(current_user, Action.VIEW_PARTNERSHIP, target)


def _school_from_url(kwargs: dict[str, Any]) -> tuple[str, School]:
    from inclusion.schools.services import school_by_urn

    return "school", school_by_urn(kwargs.pop("urn"))


def _partnership_from_url(kwargs: dict[str, Any]) -> tuple[str, AreaInclusionPartnership]:
    from inclusion.schools.services import partnership_by_code

    return "partnership", partnership_by_code(kwargs.pop("code"))


can_manage_users = requires(Action.MANAGE_USERS)
can_manage_api_keys = requires(Action.MANAGE_USERS)
# The email log names people and addresses: the same administrators who manage accounts.
can_manage_emails = requires(Action.MANAGE_USERS)
can_manage_partnerships = requires(Action.MANAGE_PARTNERSHIPS)
can_view_school = requires(Action.VIEW_SCHOOL, _school_from_url)
can_view_pupil_records = requires(Action.VIEW_PUPIL_RECORDS, _school_from_url)
can_view_partnership = requires(Action.VIEW_PARTNERSHIP, _partnership_from_url)
can_manage_partnership = requires(Action.MANAGE_PARTNERSHIPS, _partnership_from_url)
can_plan_support = requires(
    Action.PLAN_SUPPORT,
    _partnership_from_url,
    "Only the partnership's inclusion advisers and council administrators can see which "
    "schools need support and record pairings. Partnership leads see the pairings and the "
    "dashboard's totals.",
)
can_view_pairings = requires(Action.VIEW_PAIRINGS, _partnership_from_url)
can_view_audit = requires(Action.VIEW_AUDIT, _school_from_url)
can_edit_audit = requires(Action.EDIT_AUDIT, _school_from_url)
can_submit_audit = requires(
    Action.SUBMIT_AUDIT, _school_from_url, "Only the school's SENCO can submit its audit."
)
can_sign_off_audit = requires(
    Action.SIGN_OFF_AUDIT, _school_from_url, "Only the school's headteacher can sign off its audit."
)
can_moderate_audit = requires(
    Action.MODERATE_AUDIT,
    _school_from_url,
    "Only an inclusion adviser for the school's partnership can moderate its audit.",
)
can_reopen_audit = requires(
    Action.REOPEN_AUDIT,
    _school_from_url,
    "Only the school's inclusion adviser or a council administrator can reopen its audit.",
)
can_import_data = requires(Action.IMPORT_DATA)
can_view_deleted_records = requires(Action.VIEW_DELETED_RECORDS)
can_view_area_figures = requires(Action.VIEW_AREA_FIGURES)
can_view_council_figures = requires(Action.VIEW_COUNCIL_FIGURES)
can_notify_council = requires(Action.NOTIFY_COUNCIL, _school_from_url)
can_edit_school_week = requires(
    Action.EDIT_SCHOOL_WEEK,
    _school_from_url,
    "Only the school's staff or a council administrator can change the school's week.",
)
can_view_notified_records = requires(Action.VIEW_NOTIFIED_RECORDS)
can_allow_past_suspension_limit = requires(Action.ALLOW_PAST_SUSPENSION_LIMIT)
can_manage_round = requires(Action.MANAGE_ROUND)
can_remind_school = requires(
    Action.REMIND_SCHOOL,
    _school_from_url,
    "Only an inclusion adviser for the school's partnership can remind it.",
)
can_remind_partnership = requires(
    Action.REMIND_PARTNERSHIP,
    _partnership_from_url,
    "Only the partnership's inclusion advisers can remind its schools.",
)
can_download_governors_report = requires(
    Action.DOWNLOAD_GOVERNORS_REPORT,
    _school_from_url,
    "Only the school's headteacher and SENCO, and its partnership's advisers, can download "
    "the governors' report.",
)
can_decide_ehc_requests = requires(
    Action.DECIDE_EHC_REQUESTS,
    refusal="Only the council's inclusion officers can record its decisions on EHC needs "
    "assessment requests.",
)
