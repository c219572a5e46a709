"""The council KPI page's charts, drawn from the same suppressed tables as its downloads."""

from __future__ import annotations

from collections import defaultdict

from inclusion.area_partnerships.sections import Section
from inclusion.ui.charts import LineChart, line_chart


def _column(section: Section, header: str) -> list:
    return [row[section.headers.index(header)] for row in section.rows]


def _by_status(section: Section, header: str) -> dict[str, list]:
    """One column per SEN status (rows are year by year, status by status)."""
    found: dict[str, list] = defaultdict(list)
    index = section.headers.index(header)
    for row in section.rows:
        found[row[1]].append(row[index])
    return dict(found)


def kpi_charts(sections: dict[str, Section], years: list[str]) -> dict[str, LineChart]:
    rates = sections["exclusion-rates"]
    recorded_all = _by_status(rates, "Suspensions per 100 pupils").get("All pupils", [])
    return {
        "audit-participation": line_chart(
            "Share of schools taking part in the audit",
            "%",
            years,
            {"Taking part": _column(sections["audit-participation"], "Share taking part (%)")},
        ),
        "exclusion-rates": line_chart(
            "Suspensions per 100 pupils, by SEN status",
            "per 100",
            years,
            _by_status(rates, "Suspensions per 100 pupils"),
        ),
        "dfe-exclusions": line_chart(
            "Suspensions per 100 pupils: recorded in the portal and DfE",
            "per 100",
            years,
            {
                "Portal": recorded_all,
                "DfE": _column(sections["dfe-exclusions"], "DfE: suspensions per 100 pupils"),
            },
        ),
        "part-time-timetables": line_chart(
            "Part-time timetables started in the year, by SEN status",
            "timetables",
            years,
            _by_status(sections["part-time-timetables"], "Started in the year"),
        ),
        "persistent-absence": line_chart(
            "Persistent absence rate",
            "%",
            years,
            {"All pupils": _column(sections["persistent-absence"], "Persistent absence rate (%)")},
        ),
        "ehc-mainstream": line_chart(
            "Share of pupils with EHC plans in mainstream schools",
            "%",
            years,
            {"Share": _column(sections["ehc-mainstream"], "Share in mainstream (%)")},
        ),
        "website-key-measure": line_chart(
            "Share of schools meeting the website key measure",
            "%",
            years,
            {"Meeting": _column(sections["website-key-measure"], "Share (%)")},
        ),
    }
