"""SEN support figures for a partnership's advisers and lead, and for council staff: counts
by primary need, review timeliness and decisions, spend bands, requests for an EHC needs
assessment and refusals by school or partnership, always suppressed."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_figures import refused_by_area, sen_support_figures
from inclusion.area_partnerships.suppression import suppress_series
from inclusion.errors import NotFound
from inclusion.graduated_response.provision_map import notional_threshold
from inclusion.permissions import (
    Action,
    can,
    can_view_council_figures,
    can_view_partnership,
)
from inclusion.schools.models import AreaInclusionPartnership
from inclusion.schools.services import current_year, year_by_label

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


def _sees_each_area(scope: Scope) -> bool:
    """Refusals school by school for those who see each school's figures (advisers,
    administrators); partnership by partnership for council staff."""
    if scope.partnership is None:
        return True
    return can(current_user, Action.VIEW_SCHOOL_LEVEL_FIGURES, scope.partnership)


def _render(scope: Scope, title: str):
    threshold = notional_threshold()
    figures = sen_support_figures(scope, date.today(), threshold)
    smallest = current_app.config["SUPPRESSION_THRESHOLD"]
    counted: list[tuple[str, str, dict[str, int]]] = [
        ("Pupils on SEN support by primary need", "Primary need", figures.by_need),
        ("Reviews this year, and open cycles past their target date", "Cycles", figures.reviews),
        ("What this year's reviews decided", "Decision", figures.decisions),
        ("Pupils by yearly spend on their current provision", "Yearly spend", figures.spend),
        (
            "Requests for an EHC needs assessment this year, by the council's decision",
            "Decision",
            figures.requests,
        ),
    ]
    if _sees_each_area(scope):
        column = "School" if scope.partnership else "Partnership"
        counted.append(("EHC needs assessments refused this year", column, refused_by_area(scope)))
    tables = [
        (caption, column, suppress_series(counts, smallest)) for caption, column, counts in counted
    ]
    return render_template(
        "area/sen_support.html",
        scope=scope,
        tables=tables,
        threshold=threshold,
        smallest=smallest,
        title=title,
    )
