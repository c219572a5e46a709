"""SEN support figures for a partnership's advisers and lead, and for council staff: counts
by primary need, review timeliness and decisions, and spend bands, always suppressed."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_login import current_user

from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_tables import (
    sees_each_area,
    sen_support_tables,
    tables_csv,
    tables_xlsx,
)
from inclusion.errors import NotFound
from inclusion.graduated_response.provision_map import notional_threshold
from inclusion.permissions import can_view_council_figures, can_view_partnership
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.schools.services import current_year, year_by_label
from inclusion.security import events
from inclusion.spreadsheets import XLSX_MIMETYPE
from inclusion.ui.downloads import attachment

area_sen_support = Blueprint("area_sen_support", __name__)


@area_sen_support.route("/partnerships/<code>/sen-support")
@can_view_partnership
def partnership(partnership: AreaInclusionPartnership):
    return _render(_scope(partnership), f"{partnership.name}: SEN support")


@area_sen_support.route("/council/sen-support")
@can_view_council_figures
def council():
    return _render(_scope(None), "Council: SEN support")


def _scope(partnership: AreaInclusionPartnership | None) -> Scope:
    year = year_by_label(request.args["year"]) if request.args.get("year") else current_year()
    if year is None:
        raise NotFound("There is no current academic year.")
    return Scope(year, partnership)


def _render(scope: Scope, title: str):
    return render_template(
        "area/sen_support.html",
        scope=scope,
        tables=sen_support_tables(scope, date.today(), sees_each_area(current_user, scope)),
        threshold=notional_threshold(),
        smallest=current_app.config["SUPPRESSION_THRESHOLD"],
        downloads=_downloads(scope),
        api_path=_api_path(scope),
        title=title,
    )


def _downloads(scope: Scope) -> dict[str, str]:
    year = scope.year.label
    if scope.partnership:
        code = scope.partnership.code
        return {
            kind: url_for(".partnership_file", code=code, kind=kind, year=year) for kind in FILES
        }
    return {kind: url_for(".council_file", kind=kind, year=year) for kind in FILES}


def _api_path(scope: Scope) -> str:
    if scope.partnership:
        return url_for("api_sen_support.partnership", code=scope.partnership.code)
    return url_for("api_sen_support.council")


@area_sen_support.route("/partnerships/<code>/sen-support.<any(csv, xlsx):kind>")
@can_view_partnership
def partnership_file(partnership: AreaInclusionPartnership, kind: str):
    return _file(_scope(partnership), kind, f"sen-support-{partnership.code}")


@area_sen_support.route("/council/sen-support.<any(csv, xlsx):kind>")
@can_view_council_figures
def council_file(kind: str):
    return _file(_scope(None), kind, "sen-support-council")


def _file(scope: Scope, kind: str, name: str) -> Response:
    """The page's tables as a download, logged as every export of the portal's data is."""
    events.record_export(f"SEN support figures for {scope.label} ({kind.upper()})", current_user)
    tables = sen_support_tables(scope, date.today(), sees_each_area(current_user, scope))
    body, mimetype = FILES[kind](scope, tables)
    filename = f"{name}-{scope.year.label.replace('/', '-')}.{kind}"
    return attachment(body, mimetype, filename)


FILES = {
    "csv": lambda scope, tables: (tables_csv(tables), "text/csv"),
    "xlsx": lambda scope, tables: (tables_xlsx(scope, tables), XLSX_MIMETYPE),
}
