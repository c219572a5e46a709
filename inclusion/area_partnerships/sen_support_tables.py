"""The SEN support figures as published tables: the page, its CSV and XLSX, and the API.

One list of tables, suppressed once, read by every output, so no download can show more than
the page (each count of 1 to threshold - 1 is "c", and so is any figure that gives one away).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from flask import current_app

from inclusion.area_partnerships.scope import Scope
from inclusion.area_partnerships.sen_support_figures import refused_by_area, sen_support_figures
from inclusion.area_partnerships.suppression import SuppressedSeries, suppress_series
from inclusion.graduated_response.provision_map import notional_threshold
from inclusion.permissions import Action, can
from inclusion.spreadsheets import Book, safe_text

CSV_HEADERS = ["Table", "Category", "Count"]


@dataclass(frozen=True)
class SenSupportTable:
    key: str  # stable, for the API and the CSV
    caption: str
    column: str
    series: SuppressedSeries


def sen_support_tables(scope: Scope, today: date, each_area: bool) -> list[SenSupportTable]:
    """The published tables; with `each_area`, refusals school by school in a partnership (or
    partnership by partnership for the council), for those who may see each school's figures."""
    figures = sen_support_figures(scope, today, notional_threshold())
    smallest = current_app.config["SUPPRESSION_THRESHOLD"]
    counted = [
        ("by-need", "Pupils on SEN support by primary need", "Primary need", figures.by_need),
        (
            "reviews",
            "Reviews this year, and open cycles past their target date",
            "Cycles",
            figures.reviews,
        ),
        ("decisions", "What this year's reviews decided", "Decision", figures.decisions),
        (
            "spend",
            "Pupils by yearly spend on their current provision",
            "Yearly spend",
            figures.spend,
        ),
        (
            "ehc-requests",
            "Requests for an EHC needs assessment this year, by the council's decision",
            "Decision",
            figures.requests,
        ),
    ]
    if each_area:
        column = "School" if scope.partnership else "Partnership"
        refused = refused_by_area(scope)
        counted.append(("ehc-refused", "EHC needs assessments refused this year", column, refused))
    return [
        SenSupportTable(key, caption, column, suppress_series(counts, smallest))
        for key, caption, column, counts in counted
    ]


def sees_each_area(user, scope: Scope) -> bool:
    """Refusals school by school for those who see each school's figures (advisers,
    administrators); partnership by partnership for council staff; leads see no school."""
    if scope.partnership is None:
        return True
    return can(user, Action.VIEW_SCHOOL_LEVEL_FIGURES, scope.partnership)


def table_rows(table: SenSupportTable) -> list[list]:
    """Each category and its published count, then the total."""
    rows = [[label, shown] for label, shown in table.series.items()]
    return [*rows, ["Total", table.series.total]]


def tables_csv(tables: list[SenSupportTable]) -> str:
    """One long table (UTF-8 with a byte-order mark, as the dashboard's CSVs), for Power Query."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for table in tables:
        writer.writerows(
            [safe_text(table.caption), safe_text(label), shown]
            for label, shown in table_rows(table)
        )
    return out.getvalue()


def tables_xlsx(scope: Scope, tables: list[SenSupportTable]) -> bytes:
    """A sheet per table, with the area, the year and what "c" means on a first sheet."""
    book = Book.new()
    about = book.book.add_worksheet("About")
    book.pairs(about, _about(scope))
    for table in tables:
        sheet = book.book.add_worksheet(table.key)
        columns = [(table.column, 50, True), ("Count", 12, False)]
        book.table(sheet, 0, columns, table_rows(table))
    return book.close()


def _about(scope: Scope) -> list[tuple[str, object]]:
    smallest = current_app.config["SUPPRESSION_THRESHOLD"]
    return [
        ("Area", scope.label),
        ("Academic year", scope.year.label),
        ("What the figures are", "Counts from the SEN support records schools keep in the portal"),
        ("c", f"A count of 1 to {smallest - 1}, or a figure that would give one away"),
    ]
