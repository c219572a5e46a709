"""`flask --app inclusion figures rebuild`: every maintained dashboard figure from the sources."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from inclusion.area_partnerships import figures_store
from inclusion.extensions import db

figures_cli = AppGroup("figures", help="The dashboards' maintained figures.")


@figures_cli.command("rebuild")
def rebuild() -> None:
    """Write every maintained figure again from the source tables, in one transaction.

    For recovery (figures written by hand, or data loaded past the app): the figures are kept
    true as their sources change, so this is never needed in the ordinary run of things.
    """
    started = time.perf_counter()
    counts = figures_store.rebuild()
    db.session.commit()
    for table, rows in counts.items():
        click.echo(f"{table}: {rows:,} rows")
    click.echo(f"rebuilt in {time.perf_counter() - started:.1f} s")
