"""Who may reach what: every endpoint declares a permission, and every role is tried on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from inclusion.area_partnerships.models import SupportPairing
from inclusion.background_work import add_work
from inclusion.extensions import db
from inclusion.graduated_response.ehc_models import EhcRequest
from inclusion.permissions import PERMISSION_ATTRIBUTE
from tests.access import PERSONAS, World, build_world
from tests.graduated_response.sen_factories import record_with_cycle
from tests.pages import PageClient

# Flask's own static file endpoint serves the built CSS, JS and images: public by nature.
FRAMEWORK_ENDPOINTS = {"static"}

SIGNED_IN = {p: 200 for p in PERSONAS} | {"anonymous": 302}
ADMIN_ONLY = {p: 403 for p in PERSONAS} | {"anonymous": 302, "admin": 200}
EVERYONE = {p: 200 for p in PERSONAS}
OFFICER_ONLY = {p: 403 for p in PERSONAS} | {"anonymous": 302, "officer": 200}
COUNCIL_STAFF = ADMIN_ONLY | {"officer": 200}


# endpoint: (method, url builder, expected status by persona)
Case = tuple[str, Callable[[World], str], dict[str, int]]


def hidden_except(allowed: set[str], may_see: frozenset[str] = frozenset(), ok: int = 200) -> dict:
    """404 for those who may not see the target, 403 for those who see it but may not act."""
    return (
        {p: 404 for p in PERSONAS}
        | {"anonymous": 302}
        | dict.fromkeys(may_see, 403)
        | dict.fromkeys(allowed, ok)
    )


SEES_PARTNERSHIP_A = frozenset({"adviser_a", "lead_a"})
AREA_FIGURES = (
    {p: 403 for p in PERSONAS}
    | {"anonymous": 302}
    | dict.fromkeys(("adviser_a", "adviser_b", "lead_a", "admin"), 200)
)
SEES_SCHOOL_A = frozenset({"senco_a", "head_a", "adviser_a", "admin"})
STAFF_A = {"senco_a", "head_a"}
# The school's headteacher and SENCO, and its partnership's adviser; not administrators.
GOVERNORS_REPORT = STAFF_A | {"adviser_a"}


def school_case(method: str, suffix: str, allowed: set[str] = STAFF_A, ok: int = 200) -> Case:
    """A page of school A outside the audit (pupil-level records by default)."""
    return (method, lambda w: w.school_url(suffix), hidden_except(allowed, SEES_SCHOOL_A, ok))


def sen_case(method: str, suffix: str, ok: int = 200) -> Case:
    """A page of a SEN support record of school A with one open cycle: its staff only."""
    return (method, lambda w: _sen_url(w, suffix), hidden_except(STAFF_A, SEES_SCHOOL_A, ok))


def audit_case(method: str, suffix: str, allowed: set[str] = SEES_SCHOOL_A, ok: int = 200) -> Case:
    """An audit page of school A: 404 for those who cannot see the school, 403 for the rest."""
    expected = hidden_except(allowed, SEES_SCHOOL_A, ok)
    return (method, lambda w: w.audit_url(suffix.format(action=w.action_id)), expected)


def api(expected: dict[str, int]) -> dict[str, int]:
    """The same expectations for the API, where an anonymous client gets 401, not a redirect."""
    return expected | {"anonymous": 401}


def api_year(w: World) -> str:
    return w.audit.academic_year.label.replace("/", "-")


def api_school(w: World, suffix: str = "") -> str:
    return f"/api/v1/schools/{w.school_a.urn}{suffix}"


MATRIX: dict[str, Case] = {
    "api_keys.index": ("GET", lambda w: "/admin/api-keys/", ADMIN_ONLY),
    "api_keys.new": ("GET", lambda w: "/admin/api-keys/new", ADMIN_ONLY),
    "api_keys.revoke": (
        "GET",
        lambda w: "/admin/api-keys/999999/revoke",
        ADMIN_ONLY | {"admin": 404},
    ),
    "api-docs.openapi_json": ("GET", lambda w: "/api/v1/openapi.json", EVERYONE),
    "api_docs_page.docs": ("GET", lambda w: "/api/v1/docs", EVERYONE),
    "api_reference.years": ("GET", lambda w: "/api/v1/years", api(SIGNED_IN)),
    "api_reference.partnerships": ("GET", lambda w: "/api/v1/partnerships", api(SIGNED_IN)),
    "api_reference.schools": ("GET", lambda w: "/api/v1/schools", api(SIGNED_IN)),
    "api_reference.school": ("GET", api_school, api(hidden_except(SEES_SCHOOL_A))),
    "api_audits.audit_list": (
        "GET",
        lambda w: api_school(w, "/audits"),
        api(hidden_except(SEES_SCHOOL_A)),
    ),
    "api_audits.audit": (
        "GET",
        lambda w: api_school(w, f"/audits/{api_year(w)}"),
        api(hidden_except(SEES_SCHOOL_A)),
    ),
    # Staff of school A pass the permission check and reach validation: no body is 422.
    "api_audits.save_answer": (
        "PUT",
        lambda w: api_school(w, f"/audits/{api_year(w)}/answers/LG1"),
        api(hidden_except(STAFF_A, SEES_SCHOOL_A, ok=422)),
    ),
    "api_audits.checklist": (
        "GET",
        lambda w: api_school(w, f"/checklists/{api_year(w)}"),
        api(hidden_except(SEES_SCHOOL_A)),
    ),
    "api_aggregates.partnership_aggregates": (
        "GET",
        lambda w: f"/api/v1/partnerships/{w.partnership_a.code}/aggregates",
        api(hidden_except({"adviser_a", "lead_a", "admin"})),
    ),
    "api_aggregates.partnership_csv": (
        "GET",
        lambda w: f"/api/v1/partnerships/{w.partnership_a.code}/aggregates/suspensions.csv",
        api(hidden_except({"adviser_a", "lead_a", "admin"})),
    ),
    "api_aggregates.council_aggregates": (
        "GET",
        lambda w: "/api/v1/council/aggregates",
        api(COUNCIL_STAFF),
    ),
    "api_aggregates.council_csv": (
        "GET",
        lambda w: "/api/v1/council/aggregates/suspensions.csv",
        api(COUNCIL_STAFF),
    ),
    "api_aggregates.council_kpis": ("GET", lambda w: "/api/v1/council/kpis", api(COUNCIL_STAFF)),
    "api_aggregates.council_kpis_csv": (
        "GET",
        lambda w: "/api/v1/council/kpis/exclusion-rates.csv",
        api(COUNCIL_STAFF),
    ),
    "pages.home": ("GET", lambda w: "/", {p: 302 for p in PERSONAS}),
    "pages.dashboard": ("GET", lambda w: "/dashboard", SIGNED_IN),
    "pages.accessibility": ("GET", lambda w: "/accessibility", EVERYONE),
    "pages.cookies": ("GET", lambda w: "/cookies", EVERYONE),
    "pages.privacy": ("GET", lambda w: "/privacy", EVERYONE),
    "pages.health": ("GET", lambda w: "/healthz", EVERYONE),
    "auth.sign_in": ("GET", lambda w: "/sign-in", {p: 302 for p in PERSONAS} | {"anonymous": 200}),
    "auth.sign_out": ("POST", lambda w: "/sign-out", {p: 302 for p in PERSONAS}),
    "auth.set_password": ("GET", lambda w: "/set-password/not-a-token", {p: 410 for p in PERSONAS}),
    "auth.forgot_password": (
        "GET",
        lambda w: "/forgot-password",
        {p: 302 for p in PERSONAS} | {"anonymous": 200},
    ),
    "auth.reset_link_sent": ("GET", lambda w: "/forgot-password/check-your-email", EVERYONE),
    # Single sign-on: no provider is configured here, so only the signed-in redirect answers.
    "sso.start": (
        "GET",
        lambda w: "/sign-in/with/entra",
        {p: 302 for p in PERSONAS} | {"anonymous": 404},
    ),
    "sso.callback": ("GET", lambda w: "/sign-in/with/entra/callback", {p: 404 for p in PERSONAS}),
    "emails.index": ("GET", lambda w: "/admin/emails/", ADMIN_ONLY),
    "emails.show": ("GET", lambda w: "/admin/emails/999999", ADMIN_ONLY | {"admin": 404}),
    "emails.resend": (
        "POST",
        lambda w: "/admin/emails/999999/resend",
        ADMIN_ONLY | {"admin": 404},
    ),
    "outbox.messages": ("GET", lambda w: "/admin/outbox/", ADMIN_ONLY),
    "outbox.message": ("GET", lambda w: "/admin/outbox/999999", ADMIN_ONLY | {"admin": 404}),
    "auth.change_password": ("GET", lambda w: "/account/password", SIGNED_IN),
    "schools.index": ("GET", lambda w: "/schools/", SIGNED_IN),
    "schools.show": (
        "GET",
        lambda w: f"/schools/{w.school_a.urn}",
        hidden_except({"senco_a", "head_a", "adviser_a", "admin"}),
    ),
    "schools.edit_week": (
        "GET",
        lambda w: f"/schools/{w.school_a.urn}/school-week",
        hidden_except({"senco_a", "head_a", "admin"}, SEES_SCHOOL_A),
    ),
    "partnerships.index": ("GET", lambda w: "/partnerships/", SIGNED_IN),
    "partnerships.new": ("GET", lambda w: "/partnerships/new", ADMIN_ONLY),
    "partnerships.show": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "partnerships.edit": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/edit",
        hidden_except({"admin"}, SEES_PARTNERSHIP_A),
    ),
    "partnerships.add_member": (
        "POST",
        lambda w: f"/partnerships/{w.partnership_a.code}/members",
        hidden_except({"admin"}, SEES_PARTNERSHIP_A),
    ),
    "users_admin.index": ("GET", lambda w: "/admin/users/", ADMIN_ONLY),
    "users_admin.new": ("GET", lambda w: "/admin/users/new", ADMIN_ONLY),
    "users_admin.show": ("GET", lambda w: _user_url(w, ""), ADMIN_ONLY),
    "users_admin.add_role": ("POST", lambda w: _user_url(w, "/roles"), ADMIN_ONLY),
    "users_admin.remove_role": (
        "POST",
        lambda w: _user_url(w, f"/roles/{w.people['senco_b'].roles[0].id}/remove"),
        ADMIN_ONLY | {"admin": 302},
    ),
    "users_admin.new_link": (
        "POST",
        lambda w: _user_url(w, "/link"),
        ADMIN_ONLY | {"admin": 302},
    ),
    "invitations.upload": ("GET", lambda w: "/admin/invitations/new", ADMIN_ONLY),
    "invitations.confirm": (
        "POST",
        lambda w: "/admin/invitations/confirm",
        ADMIN_ONLY | {"admin": 400},
    ),
    "invitations.pending": ("GET", lambda w: "/admin/invitations/", ADMIN_ONLY),
    "invitations.resend": (
        "POST",
        lambda w: _user_url(w, "/resend").replace("/admin/users/", "/admin/invitations/"),
        ADMIN_ONLY | {"admin": 302},
    ),
    "users_admin.toggle_active": (
        "POST",
        lambda w: _user_url(w, "/status"),
        ADMIN_ONLY | {"admin": 302},
    ),
    "users_admin.unlock": ("POST", lambda w: _user_url(w, "/unlock"), ADMIN_ONLY | {"admin": 302}),
    "users_admin.sign_out_everywhere": (
        "POST",
        lambda w: _user_url(w, "/sign-out"),
        ADMIN_ONLY | {"admin": 302},
    ),
    "audit.overview": audit_case("GET", ""),
    "audit.start": audit_case("POST", "start", STAFF_A, 302),
    "audit.section": audit_case("GET", "sections/LG"),
    "audit.standard": audit_case("GET", "standards/LG1"),
    "audit.check": audit_case("GET", "check"),
    "audit.submit": audit_case("POST", "submit", {"senco_a"}, 400),
    "audit.confirmation": audit_case("GET", "confirmation"),
    "audit_review.sign_off": audit_case("GET", "sign-off", {"head_a"}),
    "audit_review.mark_reviewed": audit_case("POST", "review", {"adviser_a"}, 302),
    "audit_review.reopen": audit_case("GET", "reopen", {"adviser_a", "admin"}),
    "audit_review.moderate": audit_case("GET", "moderate/LG1", {"adviser_a"}),
    "audit_results.results": audit_case("GET", "results"),
    "audit_results.history": audit_case("GET", "history"),
    "audit_plan.actions": audit_case("GET", "actions"),
    "audit_plan.new_action": audit_case("GET", "actions/new", STAFF_A),
    "audit_plan.edit_action": audit_case("GET", "actions/{action}", STAFF_A),
    "audit_plan.add_note": audit_case("POST", "actions/{action}/notes", STAFF_A),
    "audit_plan.training": audit_case("GET", "training"),
    "audit_export.export": audit_case("GET", "export.xlsx"),
    "audit_governors.report": audit_case("GET", "governors-report", GOVERNORS_REPORT),
    "audit_governors.report_pdf": audit_case("GET", "governors-report.pdf", GOVERNORS_REPORT),
    "audit_prep.questions": audit_case("GET", "questions"),
    "audit_prep.questions_xlsx": audit_case("GET", "questions.xlsx"),
    "records.overview": school_case("GET", "records/"),
    "records.timetables": school_case("GET", "records/part-time-timetables"),
    "records.new_timetable": school_case("GET", "records/part-time-timetables/new"),
    "records.edit_timetable": school_case("GET", "records/part-time-timetables/{timetable}"),
    "records.add_review": school_case("POST", "records/part-time-timetables/{timetable}/reviews"),
    "records.delete": school_case("GET", "records/timetable/{timetable}/delete"),
    "exclusions.log": school_case("GET", "records/exclusions/"),
    "exclusions.new": school_case("GET", "records/exclusions/new"),
    "exclusions.edit": school_case("GET", "records/exclusions/{exclusion}"),
    "notices.notify": school_case("POST", "records/exclusion/{exclusion}/notify", ok=302),
    "notices.returns": school_case("GET", "records/returns"),
    "council_records.notices": ("GET", lambda w: "/council/records/", OFFICER_ONLY),
    "council_records.acknowledge": (
        "POST",
        lambda w: "/council/records/999999/acknowledge",
        OFFICER_ONLY | {"officer": 404},
    ),
    "council_records.returns_overview": ("GET", lambda w: "/council/records/returns", OFFICER_ONLY),
    "council_records.allow_past_limit": (
        "GET",
        lambda w: "/council/records/suspension-limit",
        ADMIN_ONLY,
    ),
    "sen_support.index": school_case("GET", "records/sen-support/"),
    "sen_support.new": school_case("GET", "records/sen-support/new"),
    "sen_support.provision_map": school_case("GET", "records/sen-support/provision-map"),
    "sen_support.record": sen_case("GET", ""),
    "sen_support.open_cycle": sen_case("POST", "/cycles"),
    "sen_support.cycle": sen_case("GET", "/cycles/{cycle}"),
    "sen_support.add_part": sen_case("POST", "/cycles/{cycle}/outcomes"),
    # An empty form changes no view: staff are sent back to the cycle.
    "sen_support.save_views": sen_case("POST", "/cycles/{cycle}/views", ok=302),
    "sen_support.review": sen_case("POST", "/cycles/{cycle}/review"),
    "sen_support.correct": sen_case("POST", "/cycles/{cycle}/corrections"),
    "ehc_requests.evidence_pack": sen_case("GET", "/evidence-pack"),
    # Staff reach the form: an empty one is refused on the page, nothing downloaded.
    "ehc_requests.download_pack": sen_case("POST", "/evidence-pack"),
    "ehc_requests.record_decision": (
        "POST",
        lambda w: _ehc_url(w, school=True),
        hidden_except(STAFF_A, SEES_SCHOOL_A),
    ),
    "council_ehc.index": ("GET", lambda w: "/council/ehc-requests/", OFFICER_ONLY),
    "council_ehc.decide": ("GET", lambda w: _ehc_url(w, school=False), OFFICER_ONLY),
    "area_sen_support.partnership": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/sen-support",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "area_sen_support.council": ("GET", lambda w: "/council/sen-support", COUNCIL_STAFF),
    "area_sen_support.partnership_file": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/sen-support.xlsx",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "area_sen_support.council_file": ("GET", lambda w: "/council/sen-support.csv", COUNCIL_STAFF),
    "api_sen_support.partnership": (
        "GET",
        lambda w: f"/api/v1/partnerships/{w.partnership_a.code}/sen-support",
        api(hidden_except({"adviser_a", "lead_a", "admin"})),
    ),
    "api_sen_support.council": (
        "GET",
        lambda w: "/api/v1/council/sen-support",
        api(COUNCIL_STAFF),
    ),
    "provision.index": school_case("GET", "provision/", SEES_SCHOOL_A),
    "provision.edit": school_case("GET", "provision/semh/universal"),
    "provision.report_section": school_case(
        "GET", "provision/send-information-report", SEES_SCHOOL_A
    ),
    "provision.report_section_text": school_case(
        "GET", "provision/send-information-report.txt", SEES_SCHOOL_A
    ),
    "deleted_records.index": ("GET", lambda w: "/admin/deleted-records/", ADMIN_ONLY),
    "security_log.index": ("GET", lambda w: "/admin/security-events/", ADMIN_ONLY),
    "imports.upload": ("GET", lambda w: "/admin/imports/", ADMIN_ONLY),
    "imports.history": ("GET", lambda w: "/admin/imports/history", ADMIN_ONLY),
    "imports.work_status": ("GET", lambda w: _import_work_url(w), ADMIN_ONLY),
    "area.partnership_dashboard": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/dashboard",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "area.council_dashboard": ("GET", lambda w: "/council/dashboard", COUNCIL_STAFF),
    "area.council_kpis_page": ("GET", lambda w: "/council/kpis", COUNCIL_STAFF),
    "area.council_kpis_export": ("GET", lambda w: "/council/kpis.xlsx", COUNCIL_STAFF),
    "area.council_kpis_csv": (
        "GET",
        lambda w: "/council/kpis/part-time-timetables.csv",
        COUNCIL_STAFF,
    ),
    "support.matches": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/support?standard=LG1",
        hidden_except({"adviser_a", "admin"}, SEES_PARTNERSHIP_A),
    ),
    "support.record_pairing": (
        "POST",
        lambda w: f"/partnerships/{w.partnership_a.code}/pairings",
        hidden_except({"adviser_a", "admin"}, SEES_PARTNERSHIP_A),
    ),
    # Leads see their partnership's pairings (docs/decisions/0005); only advisers plan them.
    "support.pairings": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/pairings",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "support.edit_pairing": (
        "GET",
        lambda w: _pairing_url(w),
        hidden_except({"adviser_a", "admin"}, SEES_PARTNERSHIP_A),
    ),
    "support.capacity": school_case("GET", "support-capacity"),
    "area.partnership_export": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/dashboard.xlsx",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "area.council_export": ("GET", lambda w: "/council/dashboard.xlsx", COUNCIL_STAFF),
    # The admin's own export: the officer (also council staff) may not see someone else's.
    "council_exports.status": ("GET", lambda w: _export_url(w), ADMIN_ONLY | {"officer": 404}),
    "council_exports.download": (
        "GET",
        lambda w: _export_url(w) + "/download",
        ADMIN_ONLY | {"officer": 404},
    ),
    "area.partnership_csv": (
        "GET",
        lambda w: f"/partnerships/{w.partnership_a.code}/dashboard/suspensions.csv",
        hidden_except({"adviser_a", "lead_a", "admin"}),
    ),
    "area.council_csv": ("GET", lambda w: "/council/dashboard/suspensions.csv", COUNCIL_STAFF),
    "compliance.index": ("GET", lambda w: "/compliance/", AREA_FIGURES),
    "compliance.export": ("GET", lambda w: "/compliance/export.xlsx", AREA_FIGURES),
    "audit_windows.index": ("GET", lambda w: "/admin/audit-windows/", ADMIN_ONLY),
    "audit_windows.edit": (
        "GET",
        lambda w: f"/admin/audit-windows/{api_year(w)}",
        ADMIN_ONLY,
    ),
    "email_settings.edit": ("GET", lambda w: "/account/email-settings/", SIGNED_IN),
    # An adviser of the school's partnership reminds it and is sent back (302).
    "reminders.remind_school": (
        "POST",
        lambda w: f"/schools/{w.school_a.urn}/remind",
        hidden_except({"adviser_a"}, SEES_SCHOOL_A, 302),
    ),
    "reminders.remind_all": (
        "POST",
        lambda w: f"/partnerships/{w.partnership_a.code}/remind",
        hidden_except({"adviser_a"}, SEES_PARTNERSHIP_A | {"admin"}, 302),
    ),
    "send_report.overview": ("GET", lambda w: w.report_url(""), hidden_except(SEES_SCHOOL_A)),
    "send_report.item": (
        "GET",
        lambda w: w.report_url("items/S1-04"),
        hidden_except(STAFF_A, SEES_SCHOOL_A),
    ),
    "send_report.accept": (
        "POST",
        lambda w: w.report_url("items/S1-04/accept"),
        hidden_except(STAFF_A, SEES_SCHOOL_A, 302),
    ),
    "send_report.print_view": (
        "GET",
        lambda w: w.report_url("print"),
        hidden_except(SEES_SCHOOL_A),
    ),
    "send_report.request_check": (
        "POST",
        lambda w: w.report_url("check"),
        hidden_except(SEES_SCHOOL_A, SEES_SCHOOL_A, 302),
    ),
}


def _user_url(world: World, suffix: str) -> str:
    return f"/admin/users/{world.people['senco_b'].id}{suffix}"


def _sen_url(world: World, suffix: str = "") -> str:
    """School A keeps a SEN support record with one open cycle."""
    record, cycle = record_with_cycle(world.school_a, world.people["senco_a"])
    base = f"/schools/{world.school_a.urn}/records/sen-support/{record.id}"
    return base + suffix.format(cycle=cycle.id)


def _ehc_url(world: World, school: bool) -> str:
    """An evidence pack school A produced for a pupil on SEN support, not yet decided."""
    record, _ = record_with_cycle(world.school_a, world.people["senco_a"])
    made = EhcRequest(
        number="EHC-TEST-0001",
        school_id=world.school_a.id,
        record_id=record.id,
        produced_on=date.today(),
        criteria_met=False,
    )
    db.session.add(made)
    db.session.flush()
    if not school:
        return f"/council/ehc-requests/{made.id}"
    base = f"/schools/{world.school_a.urn}/records/sen-support/{record.id}"
    return f"{base}/ehc-requests/{made.id}/decision"


def _pairing_url(world: World) -> str:
    """School B supports school A (partnership A) on LG1 this year."""
    pairing = SupportPairing(
        academic_year_id=world.audit.academic_year_id,
        supporting_school_id=world.school_b.id,
        supported_school_id=world.school_a.id,
        standard_code="LG1",
        start_date=date(2026, 10, 1),
        planned_end_date=date(2027, 3, 31),
    )
    db.session.add(pairing)
    db.session.flush()
    return f"/partnerships/{world.partnership_a.code}/pairings/{pairing.id}"


def _export_url(world: World) -> str:
    """A finished council export the administrator asked for."""
    work = add_work("council_export", world.people["admin"].id, filename="council.xlsx")
    work.params = {"area": "Whole council", "year": "2026/27"}
    work.status, work.content = "done", b"PK"
    db.session.flush()
    return f"/council/exports/{work.id}"


def _import_work_url(world: World) -> str:
    """An import the administrator handed to a job, still waiting."""
    work = add_work("import", world.people["admin"].id, filename="national.csv")
    db.session.flush()
    return f"/admin/imports/work/{work.id}"


def test_every_endpoint_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in FRAMEWORK_ENDPOINTS
        and not hasattr(app.view_functions[rule.endpoint], PERMISSION_ATTRIBUTE)
    ]
    assert undeclared == []


def test_the_access_matrix_covers_every_endpoint(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - FRAMEWORK_ENDPOINTS
    assert endpoints == set(MATRIX)


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_each_role_gets_the_expected_status_from(endpoint, app, client):
    method, build_url, expected = MATRIX[endpoint]
    world = build_world()
    url = build_url(world)
    outcomes = {}
    for persona in PERSONAS:
        person = world.people[persona]
        visitor = PageClient(app, person) if person else client
        outcomes[persona] = visitor.raw(method, url).status_code
    assert outcomes == expected


def test_a_senco_cannot_tell_whether_another_schools_urn_exists(app, client):
    world = build_world()
    senco = PageClient(app, world.people["senco_a"])
    other = senco.raw("GET", f"/schools/{world.school_b.urn}")
    missing = senco.raw("GET", "/schools/999999")
    assert other.status_code == missing.status_code == 404
    assert world.school_b.name not in other.get_data(as_text=True)
