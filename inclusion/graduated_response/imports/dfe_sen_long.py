"""DfE's school-level SEN file in long form: a row per school per SEN provision and need.

From 2024/25 ("School underlying data file 2025 - (2026 format)") DfE publishes the school
file as `sen_provision`, `sen_primary_need` (and `specialist_provision_unit_type`) with one
`pupil_count` each. A school's totals are its rows whose need (and unit type) is the all-pupils
category: provision "All pupils" is the total, "SEN support" and "EHC plan" the two counts. The
portal keeps one row per school, as for the wide file, and works out the percentages.

Confirmed from DfE's data set preview: the column names, and "All pupils" as the all-categories
value. Not confirmed: the exact spelling of the SEN support and EHC plan provision values, so
the usual spellings are all accepted (case-insensitive), and a school whose file has no row for
one of them gets that figure as not available rather than a guessed zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from inclusion.graduated_response.imports import numbers
from inclusion.graduated_response.imports.files import LINE, normalise
from inclusion.graduated_response.imports.official import OfficialFile, Plan, rows
from inclusion.graduated_response.imports.official_checks import (
    add_problems,
    canonical_identifiers,
    notes_problems,
    notes_rows,
    row_problems,
)
from inclusion.graduated_response.imports.reports import ImportReport

ALL = {"all pupils", "total", "all"}
PROVISIONS = {
    "all pupils": "total_pupils",
    "total": "total_pupils",
    "sen support": "sen_support",
    "sen support only": "sen_support",
    "ehc plan": "ehc_plan",
    "ehc plans": "ehc_plan",
    "ehcp": "ehc_plan",
    "education, health and care plan": "ehc_plan",
}
# Symbols as the SEN guidance writes them (x not applicable, z not available); the write turns
# them into the portal's meaning, as it does for the file's own symbols.
NOT_PUBLISHED = "z"
NOT_APPLICABLE = "x"
KEY_FIELDS = ("school_urn", "time_period", "time_identifier", "old_la_code", "school_name")


def is_long(header: Sequence[str]) -> bool:
    names = {normalise(name) for name in header}
    return {"sen_provision", "pupil_count"} <= names


def long_spec(wide: OfficialFile) -> OfficialFile:
    """How the long file is read: its one figure is `pupil_count`."""
    return OfficialFile(
        kind=wide.kind,
        source=wide.source,
        table=wide.table,
        numbers=(numbers.count("pupil_count"),),
        time_identifiers=wide.time_identifiers,
        older_names=wide.older_names,
        texts=wide.texts,
        symbol_meanings=wide.symbol_meanings,
        filters=("sen_provision", "sen_primary_need"),
        optional_filters=("specialist_provision_unit_type",),
    )


def wide_frames(plan: Plan, report: ImportReport) -> list[pd.DataFrame]:
    """Check every row, then return one row per school and period in the wide file's shape."""
    schools: dict[tuple[str, str, str], dict[str, Any]] = {}
    seen: dict[tuple[str, str, str, str], int] = {}
    for frame in rows(plan, report):
        notes = notes_rows(frame)
        found = notes_problems(frame[notes]) + row_problems(frame[~notes], plan.spec)
        found += _collect(frame[~notes], plan.spec, schools, seen)
        add_problems(report, found)
    return [_as_frame(schools.values(), plan.spec)]


def _collect(
    frame: pd.DataFrame,
    spec: OfficialFile,
    schools: dict[tuple[str, str, str], dict[str, Any]],
    seen: dict[tuple[str, str, str, str], int],
) -> list[tuple[int, str]]:
    """Keep each school's all-needs rows; a provision repeated for a school is an error."""
    identifiers = canonical_identifiers(spec)
    for_all = frame["sen_primary_need"].str.lower().isin(ALL)
    if "specialist_provision_unit_type" in frame:
        for_all &= frame["specialist_provision_unit_type"].str.lower().isin(ALL)
    figure = frame["sen_provision"].str.lower().map(PROVISIONS)
    found = []
    for record in frame[for_all & figure.notna()].assign(figure=figure).to_dict("records"):
        identifier = identifiers.get(record["time_identifier"].lower(), record["time_identifier"])
        school = (record["school_urn"], record["time_period"], identifier)
        earlier = seen.setdefault((*school, record["figure"]), record[LINE])
        if earlier != record[LINE]:
            found.append((int(record[LINE]), _repeat_text(school, record, earlier)))
            continue
        fields = schools.setdefault(school, _school_fields(record, identifier))
        fields[record["figure"]] = record["pupil_count"]
    return found


def _school_fields(record: dict[str, Any], identifier: str) -> dict[str, Any]:
    fields = {name: record[name] for name in KEY_FIELDS} | {"time_identifier": identifier}
    if "phase_type_grouping" in record:
        fields["phase_type_grouping"] = record["phase_type_grouping"]
    return fields


def _repeat_text(school: tuple[str, str, str], record: dict[str, Any], earlier: int) -> str:
    urn, period, identifier = school
    return (
        f"repeats line {earlier}: URN {urn}, {identifier} {period}, "
        f"sen_provision '{record['sen_provision']}' for all needs appears twice"
    )


def _as_frame(schools: Any, spec: OfficialFile) -> pd.DataFrame:
    records = []
    for fields in schools:
        total = fields.get("total_pupils", NOT_PUBLISHED)
        record = dict(fields, total_pupils=total)
        for name in ("sen_support", "ehc_plan"):
            count = fields.get(name, NOT_PUBLISHED)
            record[name] = count
            record[f"{name}_percent"] = _percent(count, total)
        records.append(record)
    columns = [*KEY_FIELDS, *(name for name in spec.texts if records and name in records[0])]
    figures = ["total_pupils", "sen_support", "sen_support_percent", "ehc_plan", "ehc_plan_percent"]
    return pd.DataFrame(records, columns=[*columns, *figures], dtype=object)


def _percent(count: str, total: str) -> str:
    """count / total * 100 to five places; a symbol when either is one (or total is 0)."""
    try:
        part, whole = Decimal(count), Decimal(total)
    except InvalidOperation:
        return total if count.replace(".", "").isdigit() else count
    if whole == 0:
        return NOT_APPLICABLE
    return f"{part / whole * 100:.5f}"
