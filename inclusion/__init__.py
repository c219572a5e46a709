"""Inclusion Portal: the app factory reads as a table of contents."""

from __future__ import annotations

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from inclusion.config import INSTANCE_DIR, Config, check_production_safety, config_for_environment


def create_app(config: type[Config] | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    load_config(app, config)
    register_logging(app)
    trust_proxies(app)
    register_extensions(app)
    register_templates(app)
    register_blueprints(app)
    register_api(app)
    register_error_handlers(app)
    register_request_hooks(app)
    register_cli(app)
    register_jobs(app)
    register_notifications(app)
    return app


def load_config(app: Flask, config: type[Config] | None) -> None:
    app.config.from_object(config or config_for_environment())
    check_production_safety(app.config)


def register_logging(app: Flask) -> None:
    from inclusion.logging_setup import configure_logging

    configure_logging(app)


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, read the client's address, scheme and host
    from their X-Forwarded-* headers (rate limits, the security log); with 0, ignore them."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app: Flask) -> None:
    import inclusion.all_models  # noqa: F401  (the whole schema, for the ORM and Alembic)
    from inclusion.area_partnerships import figures_maintain
    from inclusion.auth.oidc import configure_oidc
    from inclusion.auth.session import configure_login
    from inclusion.database import configure_engine, release_session
    from inclusion.extensions import csrf, db, limiter, migrate

    db.init_app(app)
    app.teardown_appcontext(release_session)
    migrate.init_app(app, db, directory=str(INSTANCE_DIR.parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    configure_login(app)
    figures_maintain.install()
    configure_oidc(app)
    with app.app_context():
        configure_engine(db.engine)


def register_templates(app: Flask) -> None:
    from inclusion.ui.template_helpers import register_template_helpers

    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("inclusion"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register_template_helpers(app)


def register_blueprints(app: Flask) -> None:
    from inclusion.area_partnerships.export_job_views import council_exports
    from inclusion.area_partnerships.sen_support_views import area_sen_support
    from inclusion.area_partnerships.support_views import support
    from inclusion.area_partnerships.views import area
    from inclusion.audit.export_views import audit_export
    from inclusion.audit.plan_views import audit_plan
    from inclusion.audit.preparation_views import audit_prep
    from inclusion.audit.report_views import audit_governors
    from inclusion.audit.results_views import audit_results
    from inclusion.audit.review_views import review
    from inclusion.audit.views import audit
    from inclusion.auth.admin_views import users_admin
    from inclusion.auth.invitation_views import invitations_admin
    from inclusion.auth.oidc_views import sso
    from inclusion.auth.views import auth
    from inclusion.graduated_response.admin_views import deleted_records
    from inclusion.graduated_response.ehc_views import council_ehc, ehc_pages
    from inclusion.graduated_response.exclusion_views import exclusions
    from inclusion.graduated_response.import_views import imports
    from inclusion.graduated_response.notice_views import council_records, school_notices
    from inclusion.graduated_response.provision_views import provision_offer
    from inclusion.graduated_response.sen_support_views import sen_support_pages
    from inclusion.graduated_response.views import school_records
    from inclusion.round.preference_views import email_settings
    from inclusion.round.remind_views import reminders
    from inclusion.round.window_views import audit_windows
    from inclusion.schools.partnership_views import partnerships
    from inclusion.schools.views import schools
    from inclusion.security.views import security_log
    from inclusion.send_report.compliance_views import compliance
    from inclusion.send_report.views import send_report
    from inclusion.ui.views import pages

    blueprints = (pages, auth, users_admin, security_log, schools, partnerships, compliance)
    blueprints += (area, support, invitations_admin, council_exports, area_sen_support)
    blueprints += (sso,)
    blueprints += (audit_windows, email_settings, reminders)
    audit_blueprints = (audit, review, audit_results, audit_plan, audit_export)
    audit_blueprints += (audit_governors, audit_prep)
    record_blueprints = (school_records, exclusions, provision_offer, deleted_records, imports)
    record_blueprints += (send_report, school_notices, council_records, sen_support_pages)
    record_blueprints += (ehc_pages, council_ehc)
    for blueprint in (*blueprints, *audit_blueprints, *record_blueprints):
        app.register_blueprint(blueprint)


def register_api(app: Flask) -> None:
    from inclusion.api import register_api as register

    register(app)


def register_error_handlers(app: Flask) -> None:
    from inclusion.ui.error_pages import register_error_pages

    register_error_pages(app)


def register_request_hooks(app: Flask) -> None:
    from inclusion.ui.input_guard import register_input_guard
    from inclusion.ui.security import register_response_headers

    register_input_guard(app)
    register_response_headers(app)


def register_jobs(app: Flask) -> None:
    from inclusion.jobs import register_jobs as register

    register(app)


def register_notifications(app: Flask) -> None:
    from inclusion.notifications import register

    register(app)


def register_cli(app: Flask) -> None:
    from inclusion.cli import register_commands

    register_commands(app)
