"""`flask --app inclusion imports exclusions|sen|absence|gias FILE`, with `--la 933` to filter."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from inclusion.graduated_response.imports.dfe_absence import import_absence
from inclusion.graduated_response.imports.dfe_exclusions import import_exclusions
from inclusion.graduated_response.imports.dfe_sen import import_sen
from inclusion.graduated_response.imports.gias_import import import_gias
from inclusion.graduated_response.imports.reports import ImportReport
from inclusion.security import events

imports_cli = AppGroup(
    "imports",
    help="Import official data: DfE exclusions, SEN and absence figures; GIAS establishments.",
)
_FILE = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)
_LA = click.option("--la", "la_code", metavar="CODE", help="Only this council's rows (e.g. 933).")


@imports_cli.command("exclusions")
@click.argument("path", type=_FILE)
@_LA
def exclusions(path: Path, la_code: str | None) -> None:
    """Import DfE's school-level suspensions and permanent exclusions CSV (all or nothing)."""
    _finish(import_exclusions(path, la_code=la_code, filename=path.name))


@imports_cli.command("sen")
@click.argument("path", type=_FILE)
@_LA
def sen(path: Path, la_code: str | None) -> None:
    """Import DfE's school-level special educational needs CSV (all or nothing)."""
    _finish(import_sen(path, la_code=la_code, filename=path.name))


@imports_cli.command("absence")
@click.argument("path", type=_FILE)
@_LA
def absence(path: Path, la_code: str | None) -> None:
    """Import DfE's school-level pupil absence CSV (all or nothing)."""
    _finish(import_absence(path, la_code=la_code, filename=path.name))


@imports_cli.command("gias")
@click.argument("path", type=_FILE)
@_LA
@click.option("--dry-run", is_flag=True, help="Show the changes without saving them.")
def gias(path: Path, la_code: str | None, dry_run: bool) -> None:
    """Create and update schools from a GIAS establishments CSV; never deletes a school."""
    _finish(import_gias(path, dry_run=dry_run, la_code=la_code, filename=path.name))


def _finish(report: ImportReport) -> None:
    events.record_import(report, None)  # from the command line: no signed-in person
    for line in report.lines():
        click.echo(line)
    if not report.succeeded:
        for line in report.error_lines():
            click.echo(line, err=True)
        raise click.exceptions.Exit(1)
