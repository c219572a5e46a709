"""SEN support figures for a partnership's advisers and lead, and for council staff: counts
by primary need, review timeliness and decisions, and spend bands, always suppressed."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_login import current_user

from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_tables import (
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
        tables=sen_support_tables(scope, date.today()),
        threshold=notional_threshold(),
        smallest=current_app.config["SUPPRESSION_THRESHOLD"],
        downloads=_downloads(scope),
        api_path=_api_path(scope),
        title=title,
    )


def _downloads(scope: Scope) -> dict[str, str]:
    code = scope.partnership.code if scope.partnership else None
    args = {"year": scope.year.label}
    if code:
        return {
            kind: url_for(f".partnership_{kind}", code=code, **args) for kind in ("csv", "xlsx")
        }
    return {kind: url_for(f".council_{kind}", **args) for kind in ("csv", "xlsx")}


def _api_path(scope: Scope) -> str:
    if scope.partnership:
        return url_for("api_sen_support.partnership", code=scope.partnership.code)
    return url_for("api_sen_support.council")


@area_sen_support.route("/partnerships/<code>/sen-support.csv")
@can_view_partnership
def partnership_csv(partnership: AreaInclusionPartnership):
    return _csv(_scope(partnership), f"sen-support-{partnership.code}")


@area_sen_support.route("/partnerships/<code>/sen-support.xlsx")
@can_view_partnership
def partnership_xlsx(partnership: AreaInclusionPartnership):
    return _xlsx(_scope(partnership), f"sen-support-{partnership.code}")


@area_sen_support.route("/council/sen-support.csv")
@can_view_council_figures
def council_csv():
    return _csv(_scope(None), "sen-support-council")


@area_sen_support.route("/council/sen-support.xlsx")
@can_view_council_figures
def council_xlsx():
    return _xlsx(_scope(None), "sen-support-council")


def _csv(scope: Scope, name: str) -> Response:
    events.record_export(f"SEN support figures for {scope.label} (CSV)", current_user)
    body = tables_csv(sen_support_tables(scope, date.today()))
    return _attachment(body, "text/csv", f"{name}-{_year_slug(scope)}.csv")


def _xlsx(scope: Scope, name: str) -> Response:
    events.record_export(f"SEN support figures for {scope.label} (XLSX)", current_user)
    body = tables_xlsx(scope, sen_support_tables(scope, date.today()))
    return _attachment(body, XLSX_MIMETYPE, f"{name}-{_year_slug(scope)}.xlsx")


def _attachment(body: str | bytes, mimetype: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, mimetype=mimetype, headers=headers)


def _year_slug(scope: Scope) -> str:
    return scope.year.label.replace("/", "-")
