"""Command-line verbs: `flask --app inclusion seed`, `flask --app inclusion users ...`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from inclusion import seeding
from inclusion.area_partnerships import figures_maintain
from inclusion.area_partnerships.figures_cli import figures_cli
from inclusion.audit.framework_files import FrameworkFileError
from inclusion.audit.framework_store import load_framework_file
from inclusion.auth import services as auth_services
from inclusion.auth import sign_in
from inclusion.auth.roles import Role
from inclusion.errors import DomainError
from inclusion.graduated_response.import_cli import imports_cli
from inclusion.schools.services import partnership_by_code, school_by_urn
from inclusion.send_report.checklist_files import checklist_files, load_checklist_file

users_cli = AppGroup("users", help="Create people and give them set-password links.")
frameworks_cli = AppGroup("frameworks", help="Load Core Standards framework files.")
websites_cli = AppGroup("websites", help="Check school websites for the SEND publishing duties.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed)
    app.cli.add_command(users_cli)
    app.cli.add_command(frameworks_cli)
    app.cli.add_command(websites_cli)
    app.cli.add_command(imports_cli)
    app.cli.add_command(figures_cli)


@click.command("seed")
@with_appcontext
@click.option("--demo", is_flag=True, help="Also add one demo user per role (not in production).")
def seed(demo: bool) -> None:
    """Load reference data (years, schools, partnerships); safe to run again."""
    if demo and not current_app.config["DEMO_MODE"]:
        raise click.ClickException("Demo users are refused outside demo mode (production).")
    report = seeding.seed_reference_data()
    for line in report.lines():
        click.echo(line)
    for path in seeding.framework_files():
        loaded = load_framework_file(path)
        click.echo(f"framework {path.name}: {loaded.standards} standards")
    for path in checklist_files(seeding.SEEDS_DIR):
        version = load_checklist_file(path)
        click.echo(f"checklist {path.name}: {len(version.items)} items")
    if demo:
        click.echo(f"demo users added: {seeding.seed_demo_users()}")
        with _emails_sent_at_the_end():
            with figures_maintain.deferred():
                click.echo(f"demo audits added: {seeding.seed_demo_audits()}")
            click.echo(f"demo notices due today: {_send_due_now()}")


def _send_due_now() -> int:
    """The round's reminders due on the day the demo is seeded (so /admin/outbox shows them
    after `make run`)."""
    from inclusion.round.due import send_due
    from inclusion.uk_time import uk_today

    return send_due(uk_today()).total


@contextmanager
def _emails_sent_at_the_end() -> Iterator[None]:
    """Without Redis, hold the emails the demo's audits and reminders queue and send them
    after the seeding: a job thread writing beside the seeding would make SQLite refuse one
    of the two writers."""
    from inclusion.jobs import DeferredRunner, ThreadRunner

    app = current_app._get_current_object()
    runner = app.extensions["job_runner"]
    if not isinstance(runner, ThreadRunner):
        yield
        return
    held = DeferredRunner()
    app.extensions["job_runner"] = held
    try:
        yield
    finally:
        app.extensions["job_runner"] = runner
    click.echo(f"demo emails sent to the outbox: {held.run_pending()}")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True, help="The person's full name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--school", "urn", help="URN, for a SENCO or headteacher.")
@click.option("--partnership", "code", help="Code, for an adviser or partnership lead.")
def create_user(email: str, display_name: str, role: str, urn: str | None, code: str | None):
    """Create a user and print their single-use set-password link."""
    try:
        details = auth_services.NewUser(
            email=email,
            display_name=display_name,
            role=Role(role),
            school=school_by_urn(urn) if urn else None,
            partnership=partnership_by_code(code) if code else None,
        )
        user, token = auth_services.create_user(details)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created {user.email}. Set-password link (single use):")
    click.echo(_link(token))


@users_cli.command("link")
@click.argument("email")
def new_link(email: str) -> None:
    """Print a fresh set-password link for EMAIL (older links stop working)."""
    user = auth_services.user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user has the email address {email}")
    click.echo(_link(auth_services.issue_set_password_link(user)))


@users_cli.command("unlock")
@click.argument("email")
def unlock(email: str) -> None:
    """End the sign-in wait of an account slowed after failed sign-ins."""
    user = auth_services.user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user has the email address {email}")
    sign_in.unlock(user)
    click.echo(f"Unlocked {user.email}")


def _link(token: str) -> str:
    return auth_services.portal_url("auth.set_password", token=token)


@frameworks_cli.command("load")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load_frameworks(paths: tuple[Path, ...]) -> None:
    """Validate and load framework files (oldest year first); errors name file, line and key."""
    for path in paths or seeding.framework_files():
        try:
            report = load_framework_file(path)
        except FrameworkFileError as error:
            raise click.ClickException("\n".join(error.problems)) from error
        verb = "Loaded" if report.created else "Updated"
        click.echo(f"{verb} {path.name}: {report.standards} standards")


@websites_cli.command("check")
@click.option("--school", "urn", help="One school, by URN.")
@click.option("--partnership", "code", help="Every open school in a partnership this year.")
@click.option("--all", "everyone", is_flag=True, help="Every open school.")
def check_websites(urn: str | None, code: str | None, everyone: bool) -> None:
    """Queue website checks (each school at most once an hour) and report what was queued."""
    from inclusion.jobs import ThreadRunner, job_runner
    from inclusion.send_report.website_checks import request_check

    schools = _schools_to_check(urn, code, everyone)
    for school in schools:
        try:
            check = request_check(school, None)
        except DomainError as error:
            click.echo(f"{school.urn} skipped: {error.message}")
        else:
            click.echo(f"{school.urn} queued as check {check.id}")
    runner = job_runner()
    if isinstance(runner, ThreadRunner):
        runner.wait(timeout=3600)  # no Redis: the command itself does the work
        click.echo("All checks finished.")


def _schools_to_check(urn: str | None, code: str | None, everyone: bool) -> list:
    from sqlalchemy import select

    from inclusion.extensions import db
    from inclusion.schools.models import School
    from inclusion.schools.services import current_year, members_of

    if sum(bool(x) for x in (urn, code, everyone)) != 1:
        raise click.ClickException("Give exactly one of --school, --partnership or --all.")
    try:
        if urn:
            return [school_by_urn(urn)]
        if code:
            return [s for s in members_of(partnership_by_code(code), current_year()) if s.is_open]
    except DomainError as error:
        raise click.ClickException(error.message) from error
    return list(db.session.scalars(select(School).where(School.is_open).order_by(School.urn)))
